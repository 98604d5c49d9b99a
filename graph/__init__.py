"""The store abstraction: one interface, interchangeable back ends."""

from migkg.graph.store import SelectResult, Store, open_store

__all__ = ["SelectResult", "Store", "open_store"]

"""The store abstraction: one interface, interchangeable back ends.

Import what you need from its modules (``graph.store``, ``graph.embedded`` …):
the package itself imports nothing, so that query workers stay free of rdflib.
"""

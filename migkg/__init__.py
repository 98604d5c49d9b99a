"""migkg: a knowledge graph of Viet Nam's migration-governance obligations."""

__version__ = "0.1.0"

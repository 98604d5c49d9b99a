"""Loaders: corpus files → facts → RDF, one small module per kind of document part."""

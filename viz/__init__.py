"""Networks, charts and exports computed from the graph through SPARQL."""

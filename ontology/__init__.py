"""The migkg OWL ontology and its SHACL shapes, kept as Turtle files beside this module."""

from pathlib import Path

ONTOLOGY_DIR = Path(__file__).resolve().parent
ONTOLOGY_TTL = ONTOLOGY_DIR / "migkg.ttl"
SHAPES_TTL = ONTOLOGY_DIR / "shapes.ttl"

#: The agency classes of the ontology (mkg:<name>), the most specific first: the first one
#: an agency carries is its type. CollectiveActor leads, so that a collective is always
#: shown as one; the generic Agency comes last. A test keeps this in step with migkg.ttl.
AGENCY_CLASSES: tuple[str, ...] = (
    "CollectiveActor",
    "Ministry",
    "MinisterialLevelAgency",
    "GovernmentAgency",
    "CentralGovernment",
    "StateBody",
    "PartyBody",
    "ProvincialPeoplesCommittee",
    "ProvincialDepartment",
    "ProvincialBody",
    "MassOrganisation",
    "InternationalOrganisation",
    "InteragencyBody",
    "AgencyUnit",
    "Agency",
)

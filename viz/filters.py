"""Which tasks a network or chart covers: by plan, by instrument, by year; with or without
collective actors."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from migkg import iris
from migkg.errors import ParameterError
from migkg.namespaces import ID
from viz.data import Snapshot, TaskRecord


@dataclass(frozen=True)
class NetworkFilter:
    """A selection of tasks.

    ``plan``: a plan IRI (only its own tasks). ``instrument``: an instrument IRI (the tasks
    of every plan adopted by it or implementing it, directly or through a chain of
    mkg:implements / mkg:adoptedBy). ``year``: tasks active that year
    (startYear ≤ year ≤ endYear). ``include_collective``: keep collective actors
    ("relevant ministries and localities") as nodes.
    """

    plan: str | None = None
    instrument: str | None = None
    year: int | None = None
    include_collective: bool = True

    @classmethod
    def from_params(cls, params: Mapping[str, str | None]) -> NetworkFilter:
        """Read ``plan``, ``instrument``, ``year`` and ``collective`` from request or CLI
        parameters. Plans and instruments may be given as a full IRI, an id slug
        (``402-qd-ttg``) or a printed number (``402/QĐ-TTg``); ``collective`` is
        ``1``/``0`` (``true``/``false``, ``yes``/``no``). Raises ParameterError naming the
        parameter when a value cannot be read."""
        plan = _iri(params.get("plan"), "plan")
        instrument = _iri(params.get("instrument"), "instrument")
        year = None
        raw_year = (params.get("year") or "").strip()
        if raw_year:
            # isdigit() alone lets "²" through, which int() refuses
            if not (raw_year.isascii() and raw_year.isdigit()) or not 1900 <= int(raw_year) <= 2200:
                raise ParameterError(f"year: not a year between 1900 and 2200: {raw_year!r}")
            year = int(raw_year)
        raw_coll = (params.get("collective") or "").strip().lower()
        if raw_coll in ("", "1", "true", "yes", "on"):
            include = True
        elif raw_coll in ("0", "false", "no", "off"):
            include = False
        else:
            raise ParameterError(f"collective: expected 1 or 0, got {raw_coll!r}")
        return cls(plan=plan, instrument=instrument, year=year, include_collective=include)

    def tasks(self, snap: Snapshot, *, with_year: bool = True) -> list[TaskRecord]:
        """The snapshot's tasks this filter keeps, in IRI order.

        ``with_year=False`` applies the plan and instrument filters only (what a per-year
        load needs). Raises ParameterError naming the parameter for a plan or instrument that
        carries no task in the graph.
        """
        chains = snap.plan_instruments()
        if self.plan is not None and self.plan not in chains:
            raise ParameterError(f"plan: no plan with tasks in the graph: {self.plan}")
        if self.instrument is not None and not any(self.instrument in c for c in chains.values()):
            raise ParameterError(f"instrument: no plan in the graph carries out {self.instrument}")
        out = []
        for task in sorted(snap.tasks.values(), key=lambda t: t.iri):
            if self.plan is not None and task.plan != self.plan:
                continue
            if self.instrument is not None and self.instrument not in chains.get(
                task.plan or "", ()
            ):
                continue
            if with_year and self.year is not None and self.year not in task.years:
                continue
            out.append(task)
        return out

    def keeps_agency(self, snap: Snapshot, agency: str) -> bool:
        """False for a collective actor when collectives are left out."""
        return self.include_collective or not snap.resource(agency).collective


def _iri(value: str | None, name: str) -> str | None:
    value = (value or "").strip()
    if not value:
        return None
    if value.startswith(("http://", "https://")):
        return value
    kind = "plan" if name == "plan" else "instrument"
    prefix = f"{kind}/"
    if value.startswith(prefix):
        value = value[len(prefix) :]
    slug = iris.slug(value)
    if not slug:
        raise ParameterError(f"{name}: not a {kind} IRI or number: {value!r}")
    return str(ID[f"{kind}/{slug}"])

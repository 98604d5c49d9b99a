"""Words the graph uses as plain values, and the network page's message keys, marked for
the catalogues so that pages can show them in the reader's language.

Values are shown through ``value_text`` (``|value_text`` in templates), which looks each
one up in the catalogue: a value missing here is shown as it is.
"""

from __future__ import annotations

from webapp.i18n import N_

VALUES = (
    # roles of an agency in a task
    N_("lead"),
    N_("cooperating"),
    # levels of government
    N_("central"),
    N_("provincial"),
    N_("international"),
    # how far a reference fact is checked
    N_("confirmed"),
    N_("unconfirmed"),
    N_("to verify"),
    # Viet Nam's status under a convention
    N_("ratified"),
    N_("not ratified"),
    N_("not party"),
    N_("acceded"),
    N_("adopted (non-binding)"),
    N_("endorsed (non-binding)"),
    # restructuring
    N_("merged into"),
    N_("functions moved to"),
    N_("became"),
    N_("placed under"),
    N_("merged with Ban Dân vận Trung ương into"),
    N_("provinces merged"),
    N_("merged"),
    N_("not merged"),
    N_("kept"),
    N_("province"),
    N_("city"),
    N_("ministry"),
    N_("ministerial-level agency"),
    # kinds of phase of a task (implementation, periodic review, a report)
    N_("implementation"),
    N_("review"),
    N_("reporting"),
    # a yes-or-no answer (whether a body is decided)
    N_("true"),
    N_("false"),
    # direction of a change
    N_("to"),
    N_("from"),
)

# Symbolic keys the network page and the exports table use (``_('network.' ~ kind)``).
NETWORK_KEYS = (
    N_("network.title"),
    N_("network.kind"),
    N_("network.coordination"),
    N_("network.dependency"),
    N_("network.bipartite"),
    N_("network.nodes"),
    N_("network.edges"),
    N_("nav.exports"),
)

"""What waitress lacks for a public endpoint: a deadline for receiving each request.

waitress closes a connection only after ``channel_timeout`` seconds without a byte, so a
client sending its headers a byte at a time holds a connection for ever. Here each
connection's request in progress gets ``seconds`` to arrive whole (headers and body);
past that the connection is closed.
"""

from __future__ import annotations

import types
from typing import Any


def guard_slow_requests(server: Any, seconds: float) -> None:
    """Close connections whose request takes longer than ``seconds`` to arrive."""
    sweep = server.maintenance

    def maintenance(self: Any, now: float) -> None:
        sweep(now)
        for channel in list(self.active_channels.values()):
            receiving = channel.request is not None and not channel.requests
            if not receiving:
                channel.migkg_receiving_since = None
                continue
            since = getattr(channel, "migkg_receiving_since", None)
            if since is None:
                channel.migkg_receiving_since = now
            elif now - since > seconds:
                channel.will_close = True

    server.maintenance = types.MethodType(maintenance, server)

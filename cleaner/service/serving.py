"""Run uvicorn so that a stop signal drains: in-flight requests get their full answers,
new connections are refused at once, and the process exits 0.

uvicorn alone gets two things wrong for us. With several workers its supervisor keeps its
copy of the listening socket open until every worker has drained, so during the drain the
kernel still queues new connections that nobody will serve (they hang, then are reset).
With one worker it re-raises the stop signal after a clean shutdown, so a graceful stop
exits 143 and looks like a crash to a service manager.
"""
from __future__ import annotations

import signal
from contextlib import contextmanager
from typing import Iterator

import uvicorn
from uvicorn.config import STARTUP_FAILURE
from uvicorn.supervisors import Multiprocess

from cleaner.service.settings import ServiceSettings

_STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)


class DrainingSupervisor(Multiprocess):
    """uvicorn's worker supervisor that lets go of the listening socket when told to stop.

    Each worker closes its own copy of the socket when it starts draining; once ours is
    closed too, the port refuses new connections while the workers finish what they have.
    """

    def handle_int(self) -> None:
        self._stop_listening()
        super().handle_int()

    def handle_term(self) -> None:
        self._stop_listening()
        super().handle_term()

    def _stop_listening(self) -> None:
        for sock in self.sockets:
            sock.close()

    def failed_to_start(self) -> bool:
        return any(process.exitcode == STARTUP_FAILURE for process in self.processes)


def serve(settings: ServiceSettings) -> int:
    """Serve until SIGINT/SIGTERM, drain, and return the exit status (0, or 3 when the
    app could not start)."""
    config = uvicorn.Config(
        "cleaner.service.app:app",
        factory=True,
        host=settings.host,
        port=settings.port,
        workers=settings.workers,
        log_level=settings.log_level,
        access_log=False,  # ours is structured JSON, with the request id (cleaner.access)
    )
    if config.workers > 1:
        supervisor = DrainingSupervisor(config, sockets=[config.bind_socket()])
        supervisor.run()
        return STARTUP_FAILURE if supervisor.failed_to_start() else 0
    server = uvicorn.Server(config)
    with _stop_signals_exit_0():
        server.run()
    return 0 if server.started else STARTUP_FAILURE


@contextmanager
def _stop_signals_exit_0() -> Iterator[None]:
    """uvicorn.Server.run drains on a stop signal, then raises it again under the handlers
    that were there before it: under these, that second delivery ends the process with 0
    (as does a stop signal in the instant before uvicorn installs its own handlers)."""
    previous = {sig: signal.signal(sig, _exit_0) for sig in _STOP_SIGNALS}
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def _exit_0(signum: int, frame: object) -> None:
    raise SystemExit(0)

"""Child processes that a test run starts must not outlive it.

The service tests start `cleaner serve` in its own session so that stopping it reaches the
cleaning processes too; but that also keeps a server alive when pytest itself is killed from
outside (a timeout, a Ctrl-C twice), where no fixture teardown runs. On Linux the kernel can
send the child a signal when its parent dies (PR_SET_PDEATHSIG): uvicorn then shuts down as on
any SIGTERM, its cleaning processes with it.
"""
from __future__ import annotations

import ctypes
import ctypes.util
import os
import signal
import sys
from typing import Callable

PR_SET_PDEATHSIG = 1


def _libc_prctl() -> Callable[..., int] | None:
    if not sys.platform.startswith("linux"):
        return None
    try:
        return ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True).prctl
    except OSError:
        return None


_prctl = _libc_prctl()


def die_with_parent() -> None:
    """`preexec_fn` for a server subprocess: SIGTERM it when the test process dies.

    A parent that is already gone by the time the child runs this (it reads as re-parented
    to init) would never send the signal, so the child ends itself at once instead.
    """
    if _prctl is None:
        return
    parent = os.getppid()
    _prctl(PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0)
    if os.getppid() != parent:
        os.kill(os.getpid(), signal.SIGTERM)

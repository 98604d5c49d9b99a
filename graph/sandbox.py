"""Limits a query worker places on itself before it opens the store (Linux only).

The guard refuses SERVICE and LOAD before any parser sees a query; this is the second
wall behind it. A worker that runs queries has no reason to open a network socket, so it
installs a seccomp filter that makes ``socket(AF_INET…)`` and ``socket(AF_INET6…)`` fail:
whatever a query asks for, pyoxigraph cannot reach another server. The worker also asks
to be killed when the server that started it dies, so no query outlives it, and limits
its own address space, so that a query that would eat the machine ends the worker alone
(an allocation past the limit fails: pyoxigraph aborts, Python raises MemoryError).
"""

from __future__ import annotations

import ctypes
import os
import platform
import signal
import sys

_PR_SET_PDEATHSIG = 1
_PR_SET_NO_NEW_PRIVS = 38
_PR_SET_SECCOMP = 22
_SECCOMP_MODE_FILTER = 2
_SECCOMP_RET_ALLOW = 0x7FFF0000
_SECCOMP_RET_ERRNO = 0x00050000
_EACCES = 13
_AF_INET, _AF_INET6 = 2, 10

# machine → (audit architecture, number of the socket syscall)
_ARCH = {
    "x86_64": (0xC000003E, 41),
    "aarch64": (0xC00000B7, 198),
}

# classic BPF opcodes
_LD_W_ABS = 0x20
_JEQ_K = 0x15
_JGE_K = 0x35
_RET_K = 0x06


class _Filter(ctypes.Structure):
    _fields_ = [
        ("code", ctypes.c_ushort),
        ("jt", ctypes.c_ubyte),
        ("jf", ctypes.c_ubyte),
        ("k", ctypes.c_uint32),
    ]


class _Program(ctypes.Structure):
    _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.POINTER(_Filter))]


def _libc() -> ctypes.CDLL | None:
    if not sys.platform.startswith("linux"):
        return None
    try:
        return ctypes.CDLL(None, use_errno=True)
    except OSError:
        return None


def die_with_parent() -> bool:
    """Ask the kernel to kill this process when its parent dies."""
    libc = _libc()
    if libc is None:
        return False
    return libc.prctl(_PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0) == 0


def deny_network() -> bool:
    """Make every later IPv4/IPv6 socket() call in this process fail; True when in force."""
    libc = _libc()
    arch = _ARCH.get(platform.machine())
    if libc is None or arch is None:
        return False
    audit_arch, nr_socket = arch
    errno = _SECCOMP_RET_ERRNO | _EACCES
    # seccomp_data: nr at 0, arch at 4, args[0] (low word on little-endian) at 16.
    program = [
        (_LD_W_ABS, 0, 0, 4),
        (_JEQ_K, 1, 0, audit_arch),
        (_RET_K, 0, 0, _SECCOMP_RET_ALLOW),  # another ABI: not ours to judge
        (_LD_W_ABS, 0, 0, 0),
        (_JGE_K, 4, 0, 0x40000000),  # x32 system calls: refuse them all
        (_JEQ_K, 0, 4, nr_socket),
        (_LD_W_ABS, 0, 0, 16),
        (_JEQ_K, 1, 0, _AF_INET),
        (_JEQ_K, 0, 1, _AF_INET6),
        (_RET_K, 0, 0, errno),
        (_RET_K, 0, 0, _SECCOMP_RET_ALLOW),
    ]
    # Jump offsets above count instructions to skip; the x32 test jumps to the errno return.
    array = (_Filter * len(program))(*[_Filter(*ins) for ins in program])
    prog = _Program(len(program), array)
    if libc.prctl(_PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0:
        return False
    if libc.prctl(_PR_SET_SECCOMP, _SECCOMP_MODE_FILTER, ctypes.byref(prog), 0, 0) != 0:
        return False
    return True


def limit_memory(size: int) -> bool:
    """Limit this process's address space to ``size`` bytes (0: leave it); True when set."""
    if size <= 0:
        return False
    try:
        import resource
    except ImportError:  # not a Unix
        return False
    try:
        resource.setrlimit(resource.RLIMIT_AS, (size, size))
    except (ValueError, OSError):
        return False
    return True


def machine_memory() -> int:
    """Bytes of physical memory (0 when unknown)."""
    try:
        return os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    except (ValueError, OSError, AttributeError):
        return 0

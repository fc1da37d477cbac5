"""hcarray.memory: unified memory (unimem).

Blocks are page-aligned allocations that another process can map (memfd on Linux, IOSurface on
macOS); Tapes are bump allocators over a Block; Grids are pools of fixed-size cells; a Layout is
three Tapes (weights, scratch, history). ``scratch()`` serves the arrays created in a ``with``
block from a Tape; ``shared()`` gives them Blocks of their own so that ``share``/``attach`` can
hand them to another process without a copy. See specs/memory.md.
"""

import dataclasses as _dc
import operator as _operator

from . import _core

_mem = _core._mem

__all__ = [
    "Block", "Tape", "Grid", "Layout", "SharedHandle",
    "stats", "clear_cache", "set_limit", "set_block_threshold",
    "scratch", "shared", "share", "attach", "release", "iosurface_available", "page_size",
]

Tape = _mem.Tape
Grid = _mem.Grid
Layout = _mem.Layout
page_size = _mem.page_size


def _index(n, fn, what):
    if isinstance(n, bool) or not hasattr(n, "__index__"):
        raise TypeError(f"{fn}: {what} must be an integer, got {type(n).__name__}")
    return _operator.index(n)


def Block(nbytes, *, pin=True, kind=None):
    """A new zero-filled shared Block of at least ``nbytes`` (whole pages).

    pin: mlock it when RLIMIT_MEMLOCK leaves room (``block.pinned`` says whether it happened).
    kind: None (the platform's: 'iosurface' on macOS, 'memfd' on Linux), 'memfd' or 'iosurface'.
    """
    nbytes = _index(nbytes, "Block", "nbytes")
    if kind is not None and not isinstance(kind, str):
        raise TypeError(f"Block: kind must be a str or None, got {type(kind).__name__}")
    return _mem.Block.open(nbytes, bool(pin), "default" if kind is None else kind)


def stats():
    """Counters of the caching allocator, the shared pool, scratch scopes and Blocks (a dict)."""
    return _core._memory_stats()


def clear_cache():
    """Frees the memory the allocator keeps for reuse and the idle scratch Blocks."""
    _core._memory_clear_cache()


def set_limit(nbytes):
    """Caps the bytes the allocator hands out (None or 0: no cap); over it, MemoryError."""
    if nbytes is None:
        nbytes = 0
    nbytes = _index(nbytes, "set_limit", "nbytes")
    if nbytes < 0:
        raise ValueError(f"set_limit: nbytes must be non-negative, got {nbytes}")
    _core._memory_set_limit(nbytes)


def set_block_threshold(nbytes):
    """Arrays of ``nbytes`` or more get Blocks of their own (shareable); None or 0: only inside
    ``shared()``. Off by default (see specs/memory.md)."""
    if nbytes is None:
        nbytes = 0
    nbytes = _index(nbytes, "set_block_threshold", "nbytes")
    if nbytes < 0:
        raise ValueError(f"set_block_threshold: nbytes must be non-negative, got {nbytes}")
    _mem.set_block_threshold(nbytes)


def iosurface_available():
    """(available, reason) for IOSurface Blocks on this machine."""
    return _mem.iosurface_available()


class scratch:
    """``with hc.memory.scratch(nbytes):`` -- arrays created inside, on this thread, come from a
    Tape of ``nbytes`` (default 64 MiB) and are reclaimed together when the block ends.

    An array that outlives the block stays valid: its scope's Block is reused only once no
    array refers to it. Requests that do not fit go to the ordinary allocator. Per thread;
    blocks nest.
    """

    __slots__ = ("nbytes",)

    def __init__(self, nbytes=64 << 20):
        nbytes = _index(nbytes, "scratch", "nbytes")
        if nbytes <= 0:
            raise ValueError(f"scratch: nbytes must be positive, got {nbytes}")
        self.nbytes = nbytes

    def __enter__(self):
        _mem.scratch_push(self.nbytes)
        return self

    def __exit__(self, *exc):
        _mem.scratch_pop()
        return False


class shared:
    """``with hc.memory.shared():`` -- arrays created inside, on this thread, each get a Block of
    their own, so ``share`` can hand them to another process. Per thread; nests."""

    __slots__ = ()

    def __enter__(self):
        _mem.shared_push()
        return self

    def __exit__(self, *exc):
        _mem.shared_pop()
        return False


@_dc.dataclass(frozen=True)
class SharedHandle:
    """What ``attach`` needs to map an array shared by ``share`` (picklable, small)."""

    block: tuple      # (kind, pid, fd, inode, start_time, nbytes, surface id)
    offset: int       # bytes from the block's start to the array's first element
    shape: tuple
    strides: tuple    # bytes
    dtype: object     # numpy dtype

    @property
    def pid(self):
        return self.block[1]


def share(x):
    """A picklable handle to ``x``'s memory; ``attach(handle)`` in another process gives an array
    over the same bytes (no copy; writes are visible both ways). ``x`` must live in a Block:
    create it inside ``with hc.memory.shared():`` (or above ``set_block_threshold``). The Block
    stays alive until ``release(handle)`` or this process exits.

    Linux: the handle names a duplicate of the Block's memfd, which the other process opens as
    /proc/<pid>/fd/<fd>; it works with every multiprocessing start method (spawn included) for
    processes of the same user.
    """
    from ._array_object import ndarray
    if not isinstance(x, ndarray):
        raise TypeError(f"share: expected an hcarray array, got {type(x).__name__}")
    found = _mem.storage_block(x)
    if found is None:
        raise ValueError(
            "share: x's memory is not in a shared Block; create it inside "
            "`with hcarray.memory.shared():` (e.g. `with shared(): y = hc.asarray(x, copy=True)`) "
            "or set hcarray.memory.set_block_threshold")
    block, offset = found
    bid = block._share()
    return SharedHandle(bid, offset, tuple(x.shape), tuple(x.strides), x.dtype)


def attach(handle):
    """An hcarray over the memory that ``handle`` (from ``share``, maybe in another process)
    names. ValueError if the sharing process has exited or the handle was released."""
    if not isinstance(handle, SharedHandle):
        raise TypeError(f"attach: expected a SharedHandle, got {type(handle).__name__}")
    return _mem.attach(handle.block, handle.offset, handle.shape, handle.strides, handle.dtype)


def release(handle):
    """Ends a share made by this process: the handle no longer attaches (ValueError there), and
    the Block may be freed once no array uses it."""
    if not isinstance(handle, SharedHandle):
        raise TypeError(f"release: expected a SharedHandle, got {type(handle).__name__}")
    if not _mem.unshare(handle.block):
        raise ValueError("release: the handle is not shared by this process or was already released")

"""hcarray.memory: Blocks, Tapes, Grids, Layouts, scratch scopes, the caching allocator and
cross-process sharing (multiprocessing's spawn start method)."""

import multiprocessing as mp
import os
import pickle
import subprocess
import sys
import threading

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import hcarray as hc
from hcarray import memory as hm
from strategies import ALL, assert_same, np_arrays

PAGE = hm.page_size()


def in_block(x):
    return hm._mem.storage_block(x) is not None


# ---------------------------------------------------------------- Block

def test_block_is_page_rounded_zeroed_and_writable():
    b = hm.Block(PAGE + 1)
    assert b.nbytes == 2 * PAGE
    assert b.address % PAGE == 0
    assert b.kind == ("iosurface" if sys.platform == "darwin" else "memfd")
    assert isinstance(b.pinned, bool)
    a = b.array((b.nbytes // 8,), hc.float64)
    assert_same(a, np.zeros(b.nbytes // 8))
    a[3] = 2.5
    assert float(b.array((4,), hc.float64)[3]) == 2.5
    assert float(b.array((1,), hc.float64, offset=24)[0]) == 2.5


def test_small_block_is_pinned_when_memlock_allows():
    import resource
    soft, _ = resource.getrlimit(resource.RLIMIT_MEMLOCK)
    b = hm.Block(PAGE)
    if soft != resource.RLIM_INFINITY and soft < 1 << 20:
        pytest.skip("RLIMIT_MEMLOCK below 1 MiB here: pinning is not expected")
    assert b.pinned
    assert not hm.Block(PAGE, pin=False).pinned


def test_block_array_keeps_block_alive():
    a = hm.Block(PAGE).array((4,), hc.int32)
    a[...] = 7
    import gc
    gc.collect()
    assert_same(a, np.full(4, 7, np.int32))


@pytest.mark.parametrize("bad, exc", [(0, ValueError), (-5, ValueError), (1.5, TypeError),
                                      ("8", TypeError), (True, TypeError)])
def test_block_bad_sizes(bad, exc):
    with pytest.raises(exc, match="Block"):
        hm.Block(bad)


def test_block_bad_kind_and_array_geometry():
    with pytest.raises(ValueError, match="Block: kind"):
        hm.Block(PAGE, kind="cuda")
    with pytest.raises(TypeError, match="Block: kind"):
        hm.Block(PAGE, kind=3)
    b = hm.Block(PAGE)
    with pytest.raises(ValueError, match="Block.array"):
        b.array((PAGE,), hc.float64)
    with pytest.raises(ValueError, match="Block.array"):
        b.array((1,), hc.float64, offset=PAGE + 8)
    with pytest.raises(ValueError, match="Block.array"):
        b.array((1,), hc.float64, offset=-1)
    with pytest.raises(ValueError, match="Block.array"):
        b.array((-1,), hc.float64)


@pytest.mark.skipif(sys.platform == "darwin", reason="checks the 'IOSurface absent' path")
def test_iosurface_absent_off_macos():
    ok, why = hm.iosurface_available()
    assert not ok and "IOSurface" in why
    with pytest.raises(RuntimeError, match="IOSurface is unavailable"):
        hm.Block(PAGE, kind="iosurface")


def test_iosurface_size_arithmetic():
    f = hm._mem.iosurface_alloc_size
    assert f(0) == 16384 and f(1) == 16384 and f(16384) == 16384 and f(16385) == 32768


# ---------------------------------------------------------------- Tape

def test_tape_take_aligns_bumps_and_clears():
    t = hm.Tape(PAGE)
    assert t.capacity == PAGE and t.used == 0
    assert t.take(10) == 0
    assert t.take(10) == 64
    assert t.take(1, align=256) == 256
    assert t.take(0, align=8) == 264
    assert t.used == 264
    m = t.mark()
    t.take(100)
    t.rewind(m)
    assert t.used == m
    t.clear()
    assert t.used == 0 and t.take(8) == 0


def test_tape_exhaustion_raises_and_leaves_cursor():
    t = hm.Tape(PAGE)
    t.take(PAGE - 64)
    with pytest.raises(MemoryError, match="Tape.take: no room"):
        t.take(128)
    assert t.used == PAGE - 64
    assert t.take(64) == PAGE - 64
    with pytest.raises(MemoryError, match="Tape.array"):
        t.array((1,), hc.uint8)


@pytest.mark.parametrize("align", [0, -8, 3, 48, 1 << 30])
def test_tape_bad_align(align):
    with pytest.raises(ValueError, match="align"):
        hm.Tape(PAGE).take(8, align=align)


def test_tape_bad_sizes():
    with pytest.raises(ValueError, match="Tape"):
        hm.Tape(0)
    with pytest.raises(ValueError, match="Tape.take"):
        hm.Tape(PAGE).take(-1)
    with pytest.raises(ValueError, match="Tape.rewind"):
        hm.Tape(PAGE).rewind(PAGE + 1)


def test_tape_arrays_block_clear_until_dead():
    t = hm.Tape(PAGE)
    a = t.array((2, 3), hc.float32)
    a[...] = 1.5
    assert t.live_arrays == 1
    with pytest.raises(BufferError, match="Tape.clear"):
        t.clear()
    with pytest.raises(BufferError, match="Tape.rewind"):
        t.rewind(0)
    v = a[1]  # a view keeps the storage (and the count) alive
    del a
    assert t.live_arrays == 1
    assert_same(v, np.full(3, 1.5, np.float32))
    del v
    assert t.live_arrays == 0
    t.clear()
    b = t.array((4,), hc.int8)
    b[...] = 1
    t.clear(force=True)  # the caller takes responsibility
    assert t.used == 0


def test_tape_take_from_many_threads_never_overlaps():
    n_threads, per = 4, 500
    t = hm.Tape(n_threads * per * 64)
    got = [[] for _ in range(n_threads)]

    def work(k):
        for _ in range(per):
            got[k].append(t.take(48))

    ts = [threading.Thread(target=work, args=(k,)) for k in range(n_threads)]
    for th in ts:
        th.start()
    for th in ts:
        th.join()
    offs = sorted(o for g in got for o in g)
    assert len(set(offs)) == n_threads * per
    assert all(o % 64 == 0 for o in offs)
    assert all(b - a >= 48 for a, b in zip(offs, offs[1:]))
    assert t.used == offs[-1] + 48
    with pytest.raises(MemoryError):
        t.take(t.capacity)


# ---------------------------------------------------------------- Grid

def test_grid_take_give_and_exhaustion():
    g = hm.Grid(100, 3)
    assert g.cell_bytes == 128 and g.cells == 3 and g.available == 3
    cells = [g.take() for _ in range(3)]
    assert sorted(cells) == [0, 1, 2] and g.available == 0
    with pytest.raises(MemoryError, match="Grid.take: all 3 cells are taken"):
        g.take()
    g.give(cells[1])
    assert g.available == 1
    assert g.take() == cells[1]


def test_grid_misuse():
    g = hm.Grid(64, 2)
    with pytest.raises(ValueError, match="Grid.give: cell 0 is not taken"):
        g.give(0)
    i = g.take()
    g.give(i)
    with pytest.raises(ValueError, match="given twice"):
        g.give(i)
    with pytest.raises(IndexError, match="Grid.give"):
        g.give(2)
    with pytest.raises(IndexError, match="Grid.give"):
        g.give(-1)
    with pytest.raises(ValueError, match="Grid.array: cell 1 is not taken"):
        g.array(1, (2,), hc.uint8)
    with pytest.raises(ValueError, match="Grid"):
        hm.Grid(0, 4)
    with pytest.raises(ValueError, match="Grid"):
        hm.Grid(64, 0)
    with pytest.raises(ValueError, match="Grid"):
        hm.Grid(1 << 40, 1 << 30)


def test_grid_cell_arrays_hold_the_cell():
    g = hm.Grid(64, 2)
    i = g.take()
    a = g.array(i, (8,), hc.float64)
    a[...] = 3.0
    with pytest.raises(ValueError, match="Grid.array"):
        g.array(i, (9,), hc.float64)  # 72 bytes > 64
    with pytest.raises(BufferError, match="Grid.give"):
        g.give(i)
    assert_same(a, np.full(8, 3.0))
    del a
    g.give(i)


def test_grid_from_many_threads_hands_each_cell_to_one_owner():
    n_threads, rounds = 4, 300
    g = hm.Grid(64, 3)  # fewer cells than threads: exhaustion happens
    errors, exhausted = [], [0]

    def work(k):
        for r in range(rounds):
            try:
                i = g.take()
            except MemoryError:
                exhausted[0] += 1
                continue
            a = g.array(i, (8,), hc.int64)
            a[...] = k * 100000 + r
            if not bool(hc.all(a == k * 100000 + r)):
                errors.append((k, r, i))
            del a
            g.give(i)

    ts = [threading.Thread(target=work, args=(k,)) for k in range(n_threads)]
    for th in ts:
        th.start()
    for th in ts:
        th.join()
    assert errors == []
    assert g.available == 3


# ---------------------------------------------------------------- Layout

def test_layout_clear_pass_and_talk():
    lay = hm.Layout(PAGE, PAGE, PAGE)
    for t in (lay.weights, lay.scratch, lay.history):
        t.take(100)
    lay.clear_pass()
    assert (lay.weights.used, lay.scratch.used, lay.history.used) == (100, 0, 100)
    lay.scratch.take(10)
    lay.clear_talk()
    assert (lay.weights.used, lay.scratch.used, lay.history.used) == (100, 0, 0)
    w = lay.weights.array((4,), hc.float32)
    w[...] = 2
    h = lay.history.array((4,), hc.float32)
    with pytest.raises(BufferError, match="clear_talk"):
        lay.clear_talk()
    lay.clear_pass()  # the history array does not stop a pass clear
    del h
    lay.clear_talk()
    assert_same(w, np.full(4, 2, np.float32))


def test_layout_tapes_outlive_layout_and_threads():
    lay = hm.Layout(PAGE, 64 * 1000, PAGE)
    s = lay.scratch
    del lay
    offs = []

    def work():
        for _ in range(250):
            offs.append(s.take(8))

    ts = [threading.Thread(target=work) for _ in range(4)]
    for th in ts:
        th.start()
    for th in ts:
        th.join()
    assert len(set(offs)) == 1000
    with pytest.raises(ValueError, match="Layout"):
        hm.Layout(0, PAGE, PAGE)


# ---------------------------------------------------------------- scratch

def test_scratch_serves_arrays_from_a_tape_and_reclaims_them():
    hm.clear_cache()
    with hm.scratch(1 << 20):
        pass  # create (or reuse) a 1 MiB segment
    s0 = hm.stats()
    with hm.scratch(1 << 20):
        a = hc.ones((100,))
        b = a + 1
        assert in_block(a) and in_block(b)
        assert float(hc.sum(b)) == 200.0
        del a, b
        assert hm.stats()["scratch_depth"] == 1
    s1 = hm.stats()
    assert s1["scratch_takes"] - s0["scratch_takes"] >= 2
    assert s1["allocations"] == s0["allocations"]  # none came from the allocator
    assert s1["scratch_segments_reused"] == s0["scratch_segments_reused"] + 1
    assert s1["scratch_segments_created"] == s0["scratch_segments_created"]
    assert s1["scratch_depth"] == 0
    assert not in_block(hc.ones((3,)))  # outside the block: the ordinary allocator


def test_scratch_escaped_array_stays_valid():
    with hm.scratch(1 << 16):
        kept = hc.arange(1000, dtype=hc.int64)
        view = kept[::-3]
    s = hm.stats()
    assert s["scratch_deferred"] >= 1
    # Later scopes fill their arrays with other values; the escaped arrays must not change.
    for k in range(5):
        with hm.scratch(1 << 16):
            junk = hc.full((1000,), -k, dtype=hc.int64)
            assert int(junk[0]) == -k
    assert_same(kept, np.arange(1000))
    assert_same(view, np.arange(1000)[::-3])
    del kept
    assert_same(view, np.arange(1000)[::-3])  # the view alone holds the segment


def test_scratch_overflow_falls_back_and_nests():
    hm.clear_cache()  # no pooled segment larger than asked for
    s0 = hm.stats()
    with hm.scratch(PAGE):
        big = hc.zeros((PAGE,), dtype=hc.float64)  # 8 pages: does not fit
        assert not in_block(big)
        with hm.scratch(PAGE):
            assert hm.stats()["scratch_depth"] == 2
            small = hc.ones((4,))
            assert in_block(small)
        assert hm.stats()["scratch_depth"] == 1
    assert hm.stats()["scratch_overflows"] > s0["scratch_overflows"]
    assert_same(big, np.zeros(PAGE))
    assert_same(small, np.ones(4))


def test_scratch_pops_on_exception_and_misuse():
    with pytest.raises(KeyError):
        with hm.scratch():
            raise KeyError("x")
    assert hm.stats()["scratch_depth"] == 0
    with pytest.raises(ValueError, match="scratch"):
        hm._mem.scratch_pop()
    with pytest.raises(ValueError, match="scratch"):
        hm.scratch(0)
    with pytest.raises(TypeError, match="scratch"):
        hm.scratch(2.0)


def test_scratch_is_per_thread():
    seen = {}
    started, release = threading.Event(), threading.Event()

    def other():
        started.wait()
        x = hc.ones((10,))
        seen["other"] = in_block(x)
        seen["other_depth"] = hm.stats()["scratch_depth"]
        with hm.scratch(PAGE):
            seen["own"] = in_block(hc.ones((10,)))
        release.set()

    th = threading.Thread(target=other)
    th.start()
    with hm.scratch(PAGE):
        started.set()
        release.wait()
        mine = hc.ones((10,))
        assert in_block(mine)
    th.join()
    assert seen == {"other": False, "other_depth": 0, "own": True}


def test_scratch_arrays_freed_on_another_thread():
    with hm.scratch(PAGE):
        x = hc.ones((8,))
    box = [x]
    del x
    th = threading.Thread(target=box.clear)
    th.start()
    th.join()
    with hm.scratch(PAGE):
        assert_same(hc.ones((8,)) * 2, np.full(8, 2.0))


# ---------------------------------------------------------------- allocator

def test_allocator_reuses_a_freed_size_class():
    hm.clear_cache()
    s0 = hm.stats()
    for _ in range(10):
        hc.empty((5000,), dtype=hc.float32)
    s1 = hm.stats()
    assert s1["allocations"] - s0["allocations"] >= 10
    assert s1["cache_hits"] - s0["cache_hits"] >= 9
    assert s1["bytes_cached"] >= 20000
    hm.clear_cache()
    assert hm.stats()["bytes_cached"] == 0


def test_limit_raises_memoryerror():
    hm.clear_cache()
    base = hm.stats()["bytes_in_use"]
    hm.set_limit(base + (1 << 20))
    try:
        a = hc.empty((1 << 16,), dtype=hc.uint8)  # fits
        with pytest.raises(MemoryError):
            hc.empty((2 << 20,), dtype=hc.uint8)
        with pytest.raises(MemoryError):
            with hm.shared():
                hc.empty((2 << 20,), dtype=hc.uint8)
        del a
    finally:
        hm.set_limit(None)
    assert hm.stats()["limit"] == 0
    hc.empty((2 << 20,), dtype=hc.uint8)


@pytest.mark.parametrize("bad, exc", [(-1, ValueError), (1.0, TypeError), ("1", TypeError)])
def test_set_limit_and_threshold_bad_input(bad, exc):
    with pytest.raises(exc, match="set_limit"):
        hm.set_limit(bad)
    with pytest.raises(exc, match="set_block_threshold"):
        hm.set_block_threshold(bad)


def test_shared_pool_and_block_threshold():
    with hm.shared():
        a = hc.zeros((10,))
    assert in_block(a)
    hm.set_block_threshold(1 << 16)
    try:
        assert in_block(hc.zeros((1 << 14,)))       # 128 KiB
        assert not in_block(hc.zeros((100,)))
    finally:
        hm.set_block_threshold(0)
    assert not in_block(hc.zeros((1 << 14,)))
    # The shared pool reuses a freed Block of the same class.
    s0 = hm.stats()
    for _ in range(5):
        with hm.shared():
            hc.empty((3000,))
    s1 = hm.stats()
    assert s1["shared_allocations"] - s0["shared_allocations"] == 5
    assert s1["cache_hits"] - s0["cache_hits"] >= 4


# ---------------------------------------------------------------- share / attach

def _child_sum_and_write(handle):
    import hcarray as hc_
    from hcarray import memory as hm_
    x = hm_.attach(handle)
    total = float(hc_.sum(x))
    x[0] = -1.0  # the parent must see this
    return total, tuple(x.shape)


def _child_attach_error(handle):
    from hcarray import memory as hm_
    try:
        hm_.attach(handle)
    except ValueError as e:
        return str(e)
    return None


@pytest.fixture(scope="module")
def spawn_pool():
    ctx = mp.get_context("spawn")
    with ctx.Pool(1) as pool:
        yield pool


def test_share_attach_across_spawned_process(spawn_pool):
    with hm.shared():
        x = hc.arange(1, 101, dtype=hc.float64)
    h = hm.share(x)
    h = pickle.loads(pickle.dumps(h))
    total, shape = spawn_pool.apply(_child_sum_and_write, (h,))
    assert total == 5050.0 and shape == (100,)
    assert float(x[0]) == -1.0
    # The parent writes, the child reads through a fresh attach.
    x[...] = 2.0
    total, _ = spawn_pool.apply(_child_sum_and_write, (h,))
    assert total == 200.0
    hm.release(h)
    msg = spawn_pool.apply(_child_attach_error, (h,))
    assert msg is not None and "released" in msg


def test_shared_block_survives_owner_array_until_release(spawn_pool):
    with hm.shared():
        x = hc.full((50,), 3.0)
    h = hm.share(x)
    del x  # the handle keeps the Block
    with hm.shared():
        hc.full((50,), 9.0)  # must not be handed x's Block while it is shared
    total, _ = spawn_pool.apply(_child_sum_and_write, (h,))
    assert total == 150.0
    hm.release(h)


@settings(max_examples=40, deadline=None)
@given(np_arrays(dtypes=ALL), st.sampled_from(["view", "reversed", "all"]))
def test_share_attach_in_process_any_dtype_and_strides(n, how):
    with hm.shared():
        base = hc.asarray(n, copy=True)
    assert in_block(base)
    x = base
    if how == "reversed" and base.ndim:
        x = base[..., ::-1]
    elif how == "view" and base.ndim:
        x = base[..., 1::2]
    h = pickle.loads(pickle.dumps(hm.share(x)))
    y = hm.attach(h)
    assert y.shape == x.shape and y.dtype == x.dtype
    assert_same(y, np.asarray(x))
    if x.size:
        idx = (0,) * x.ndim
        new = (not bool(np.asarray(x)[idx])) if x.dtype == np.bool_ else 0
        y[idx] = new
        assert np.asarray(x)[idx] == new  # the write through the attached view is seen
        assert_same(x, np.asarray(y))
    hm.release(h)


def test_handle_from_dead_process():
    with hm.shared():
        x = hc.zeros((4,))
    h = hm.share(x)
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)
    pid = int(dead.stdout)
    fake = hm.SharedHandle((h.block[0], pid) + h.block[2:], h.offset, h.shape, h.strides, h.dtype)
    with pytest.raises(ValueError, match="exited"):
        hm.attach(fake)
    hm.release(h)


def test_bad_handles_and_misuse():
    with pytest.raises(ValueError, match="share: x's memory is not in a shared Block"):
        hm.share(hc.zeros((3,)))
    with pytest.raises(TypeError, match="share"):
        hm.share(np.zeros(3))
    with pytest.raises(TypeError, match="attach"):
        hm.attach((1, 2, 3))
    with pytest.raises(TypeError, match="release"):
        hm.release("h")
    with hm.shared():
        x = hc.zeros((4,))
    h = hm.share(x)
    outside = hm.SharedHandle(h.block, 1 << 20, h.shape, h.strides, h.dtype)
    with pytest.raises(ValueError, match="outside the shared block"):
        hm.attach(outside)
    negative = hm.SharedHandle(h.block, 0, (4,), (-8,), h.dtype)
    with pytest.raises(ValueError, match="outside the shared block"):
        hm.attach(negative)
    wrong_inode = hm.SharedHandle(h.block[:3] + (h.block[3] + 12345,) + h.block[4:], 0, (4,), (8,), h.dtype)
    with pytest.raises(ValueError, match="attach"):
        hm.attach(wrong_inode)
    hm.release(h)
    with pytest.raises(ValueError, match="already released"):
        hm.release(h)
    with pytest.raises(ValueError, match="attach: the handle was released"):
        hm.attach(h)
    with pytest.raises(ValueError, match="attach"):
        hm.attach(hm.SharedHandle((7, 1, 1, 1, 1, 1, 0), 0, (1,), (8,), h.dtype))


def test_scratch_array_shared_block_is_not_recycled():
    with hm.scratch(PAGE):
        x = hc.full((4,), 5.0)
        h = hm.share(x)
    del x
    with hm.scratch(PAGE):
        hc.full((PAGE // 8,), -1.0)
    y = hm.attach(h)
    assert_same(y, np.full(4, 5.0))
    hm.release(h)


def _vmflags(addr):
    # VmFlags of the mapping of this process that holds addr (Linux /proc/self/smaps).
    flags, inside = None, False
    with open("/proc/self/smaps") as f:
        for line in f:
            head = line.split()[0]
            if "-" in head and not head.endswith(":"):
                lo, hi = (int(x, 16) for x in head.split("-"))
                inside = lo <= addr < hi
            elif inside and line.startswith("VmFlags:"):
                flags = line.split()[1:]
    return flags


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="MADV_HUGEPAGE is Linux's")
def test_big_arrays_ask_for_huge_pages():
    # From 4 MiB an array's memory is 2 MiB aligned and advised MADV_HUGEPAGE ("hg" in VmFlags),
    # as NumPy does; smaller ones are not; HCARRAY_HUGEPAGES=0 turns it off.
    big = hc.zeros(3 << 20, dtype=hc.float32)  # 12 MiB
    addr = np.asarray(big).ctypes.data
    assert addr % (2 << 20) == 0
    assert "hg" in _vmflags(addr)
    np.testing.assert_array_equal(np.asarray(big + 1), np.ones(3 << 20, np.float32))
    code = ("import numpy as np, hcarray as hc, sys; sys.path.insert(0, %r); "
            "from test_memory import _vmflags; a = hc.zeros(3 << 20, dtype=hc.float32); "
            "print('hg' in (_vmflags(np.asarray(a).ctypes.data) or []))" % os.path.dirname(__file__))
    env = dict(os.environ, HCARRAY_HUGEPAGES="0")
    r = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True,
                       timeout=120)
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == "False"

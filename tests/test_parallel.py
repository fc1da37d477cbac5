"""Threads within an op: results do not depend on the thread count, and the knobs work."""

import os
import subprocess
import sys

import numpy as np
import pytest

import hcarray as hc


@pytest.fixture
def threads():
    before = hc.get_num_threads()
    thr = hc._core._parallel_threshold_bytes()
    hc._core._set_parallel_threshold_bytes(0)  # split even small ops, to exercise the chunking
    yield
    hc.set_num_threads(before)
    hc._core._set_parallel_threshold_bytes(thr)


def _run(f, nthreads):
    hc.set_num_threads(nthreads)
    return np.asarray(f())


LAYOUTS = [
    lambda a: a,
    lambda a: a[::-1],
    lambda a: a.reshape(50, -1).T,
    lambda a: a.reshape(10, 30, -1)[:, ::2, 1:],
]


@pytest.mark.parametrize("layout", range(len(LAYOUTS)))
@pytest.mark.parametrize("n", [1, 7, 3000, 100_003])
def test_elementwise_and_casts_match_single_thread(threads, layout, n):
    rng = np.random.default_rng(n)
    base = rng.standard_normal(300 * ((n + 299) // 300)).astype(np.float32)
    a = LAYOUTS[layout](base)
    h = hc.asarray(a)
    ops = [lambda: h + 1.5, lambda: hc.exp(h), lambda: hc.astype(h, hc.float64),
           lambda: hc.where(h > 0, h, 0.0), lambda: h.copy(), lambda: hc.full(h.shape, 2.0)]
    for f in ops:
        one = _run(f, 1)
        for nt in (2, 3, 5):
            np.testing.assert_array_equal(_run(f, nt), one)


@pytest.mark.parametrize("shape,axis", [((100_003,), None), ((300, 1000), 1), ((300, 1000), 0),
                                        ((7, 20_000), None), ((20_000, 7), 0), ((6, 50, 70), (0, 2))])
def test_reductions_match_single_thread(threads, shape, axis):
    rng = np.random.default_rng(1)
    f = rng.standard_normal(shape).astype(np.float64)
    i = rng.integers(-1000, 1000, shape).astype(np.int64)
    hf, hi = hc.asarray(f), hc.asarray(i)
    for nt in (2, 3, 4):
        for op in ("sum", "max", "min"):
            one = _run(lambda: getattr(hc, op)(hi, axis=axis), 1)
            np.testing.assert_array_equal(_run(lambda: getattr(hc, op)(hi, axis=axis), nt), one)
            got = _run(lambda: getattr(hc, op)(hf, axis=axis), nt)
            np.testing.assert_allclose(got, getattr(np, op)(f, axis=axis), rtol=1e-12, atol=1e-9)
        np.testing.assert_array_equal(_run(lambda: hc.any(hf > 3.5, axis=axis), nt),
                                      np.any(f > 3.5, axis=axis))
        np.testing.assert_array_equal(_run(lambda: hc.all(hf < 3.5, axis=axis), nt),
                                      np.all(f < 3.5, axis=axis))


def test_errors_in_worker_threads_propagate(threads):
    hc.set_num_threads(4)
    x = hc.asarray(np.arange(-50_000, 50_000, dtype=np.int64))
    with pytest.raises(ValueError, match="pow"):
        x ** x  # negative integer powers: raised inside the kernel, on some thread
    assert np.asarray(x + 1)[0] == -49_999  # the pool is still usable


def test_set_num_threads_validates():
    before = hc.get_num_threads()
    with pytest.raises(ValueError, match="set_num_threads"):
        hc.set_num_threads(0)
    assert hc.get_num_threads() == before
    hc.set_num_threads(3)
    assert hc.get_num_threads() == 3
    hc.set_num_threads(before)


def test_env_variable_sets_the_thread_count():
    env = dict(os.environ, HCARRAY_NUM_THREADS="3")
    r = subprocess.run([sys.executable, "-c", "import hcarray as hc; print(hc.get_num_threads())"],
                       env=env, capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == "3"


def test_concurrent_callers_share_the_pool():
    # Several Python threads issuing threaded ops: they take turns on the pool, none deadlocks.
    # (A parallel_for called from inside a chunk runs inline: Pool::run marks the caller.)
    import threading

    hc.set_num_threads(2)
    thr = hc._core._parallel_threshold_bytes()
    hc._core._set_parallel_threshold_bytes(0)
    try:
        x = hc.asarray(np.arange(200_000, dtype=np.float64))
        out = []

        def work():
            out.append(float(hc.sum(hc.exp(x * 0.0))))

        ts = [threading.Thread(target=work) for _ in range(4)]
        for t in ts:
            t.start()
        for t in ts:
            t.join(timeout=60)
        assert out == [200_000.0] * 4
    finally:
        hc._core._set_parallel_threshold_bytes(thr)


@pytest.mark.skipif(not hasattr(os, "sched_setaffinity"), reason="needs os.sched_setaffinity (Linux)")
def test_default_thread_count_follows_the_affinity_mask():
    # Under taskset / a cpuset the pool must not start a thread per CPU of the whole machine.
    cpus = sorted(os.sched_getaffinity(0))
    code = ("import os; os.sched_setaffinity(0, {%d}); import hcarray as hc; "
            "print(hc.get_num_threads())" % cpus[0])
    env = {k: v for k, v in os.environ.items() if k != "HCARRAY_NUM_THREADS"}
    r = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True,
                       timeout=120)
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == "1"
    r = subprocess.run([sys.executable, "-c", "import hcarray as hc; print(hc.get_num_threads())"],
                       env=env, capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    assert int(r.stdout.strip()) == len(cpus)


def test_jobs_with_fewer_chunks_than_threads():
    # A pool larger than the job: only the threads the job needs take part, and jobs of every
    # width in a row (each one's result checked) neither hang nor lose chunks.
    before = hc.get_num_threads()
    try:
        hc.set_num_threads(6)
        rng = np.random.default_rng(5)
        for n in [96, 200, 300, 1000]:
            a = rng.standard_normal((n, 64)).astype(np.float32)
            b = rng.standard_normal((64, 96)).astype(np.float32)
            ref = a.astype(np.float64) @ b.astype(np.float64)
            for _ in range(3):
                got = np.asarray(hc.asarray(a) @ hc.asarray(b))
                np.testing.assert_allclose(got, ref, rtol=1e-4, atol=1e-4)
        x = rng.standard_normal(3_000_000).astype(np.float32)
        for _ in range(3):
            np.testing.assert_array_equal(np.asarray(hc.exp(hc.asarray(x))),
                                          np.asarray(hc.exp(hc.asarray(x))))
    finally:
        hc.set_num_threads(before)

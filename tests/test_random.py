"""hcarray.random gives NumPy's streams for the same seed, as hcarray arrays."""

import numpy
import pytest
from hypothesis import given
from hypothesis import strategies as st

import hcarray as hc
from strategies import assert_same


@given(st.integers(0, 2**32 - 1))
def test_generator_streams(seed):
    r, e = hc.random.default_rng(seed), numpy.random.default_rng(seed)
    assert_same(r.random(5), e.random(5))
    assert_same(r.integers(0, 10, size=(2, 3)), e.integers(0, 10, size=(2, 3)))
    assert_same(r.normal(1.0, 2.0, 4), e.normal(1.0, 2.0, 4))
    assert_same(r.uniform(size=3), e.uniform(size=3))
    assert_same(r.standard_normal((2, 2), dtype=hc.float32),
                e.standard_normal((2, 2), dtype=numpy.float32))
    assert_same(r.choice(hc.arange(10), 3), e.choice(numpy.arange(10), 3))
    assert_same(r.permutation(5), e.permutation(5))
    assert r.random() == e.random()
    x, y = hc.arange(8), numpy.arange(8)
    r.shuffle(x)
    e.shuffle(y)
    assert_same(x, y)


def test_legacy_streams():
    hc.random.seed(123)
    a = [hc.random.rand(3), hc.random.randn(2, 2), hc.random.randint(0, 5, 4),
         hc.random.random(2), hc.random.random_sample((2,)), hc.random.normal(0, 1, 2),
         hc.random.uniform(0, 1, 2), hc.random.choice(5, 3), hc.random.permutation(4)]
    numpy.random.seed(123)
    b = [numpy.random.rand(3), numpy.random.randn(2, 2), numpy.random.randint(0, 5, 4),
         numpy.random.random(2), numpy.random.random_sample((2,)), numpy.random.normal(0, 1, 2),
         numpy.random.uniform(0, 1, 2), numpy.random.choice(5, 3), numpy.random.permutation(4)]
    for x, y in zip(a, b):
        assert_same(x, y)
    hc.random.seed(1)
    x = hc.arange(10)
    hc.random.shuffle(x)
    numpy.random.seed(1)
    y = numpy.arange(10)
    numpy.random.shuffle(y)
    assert_same(x, y)
    hc.random.seed(5)
    v = hc.random.rand()
    numpy.random.seed(5)
    assert v == numpy.random.rand() and isinstance(v, float)
    rs = hc.random.RandomState(3)
    assert_same(rs.rand(2), numpy.random.RandomState(3).rand(2))


def test_random_errors():
    with pytest.raises(ValueError, match="integers"):
        hc.random.default_rng(0).integers(5, 1)
    with pytest.raises(ValueError, match="randint"):
        hc.random.randint(5, 1)

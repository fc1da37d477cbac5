"""hcarray.random: NumPy's random API with NumPy's streams, results in hcarray memory.

Every draw is made by ``numpy.random`` (so the same seed gives exactly NumPy's numbers) and the
arrays it returns are copied into hcarray memory; Python scalars (``rand()``, ``rng.random()``)
stay Python scalars as in NumPy, NumPy scalars become 0-d hcarray arrays. Functions that take an
array (``shuffle``, ``permutation``, ``choice``) accept hcarray arrays: ``shuffle`` permutes the
hcarray in place (through a NumPy view of its memory).

Both interfaces exist: ``default_rng``/``Generator`` and the legacy global-state functions
(``seed``, ``rand``, ``randn``, ``randint``, ``random``, ...), which share NumPy's global
RandomState, so ``hcarray.random.seed(0)`` and ``numpy.random.seed(0)`` seed the same stream.
"""

import functools as _functools

import numpy as _np

from ._numpy_bridge import call_numpy as _call_numpy
from ._numpy_bridge import to_np as _to_np

_npr = _np.random

# Objects passed through unchanged (they hold state or seeds, not arrays).
BitGenerator = _npr.BitGenerator
SeedSequence = _npr.SeedSequence
PCG64 = _npr.PCG64
PCG64DXSM = _npr.PCG64DXSM
MT19937 = _npr.MT19937
Philox = _npr.Philox
SFC64 = _npr.SFC64
seed = _npr.seed
get_state = _npr.get_state
set_state = _npr.set_state
get_bit_generator = _npr.get_bit_generator
set_bit_generator = _npr.set_bit_generator


def _wrapped(owner_name, f):
    @_functools.wraps(f)
    def run(*args, **kwargs):
        return _call_numpy(f"{owner_name}.{f.__name__}", f, args, kwargs)

    return run


def _shuffle_into(f, x, axis=None):
    """f (NumPy's shuffle) applied to a NumPy view of x: x is permuted in place."""
    if axis is None:
        f(_to_np(x))
    else:
        f(_to_np(x), axis=axis)


class _Wrapper:
    _prefix = "random"

    def __init__(self, inner):
        object.__setattr__(self, "_inner", inner)

    def __getattr__(self, name):
        attr = getattr(self._inner, name)
        if callable(attr) and not name.startswith("_") and name not in ("bit_generator",):
            return _wrapped(self._prefix, attr)
        return attr

    def __dir__(self):
        return dir(self._inner)

    def __repr__(self):
        return repr(self._inner).replace("Generator(", "hcarray Generator(", 1)


class Generator(_Wrapper):
    """numpy.random.Generator whose array results are hcarray arrays."""

    _prefix = "Generator"

    def __init__(self, bit_generator):
        if isinstance(bit_generator, _npr.Generator):
            super().__init__(bit_generator)
        else:
            super().__init__(_npr.Generator(bit_generator))

    @property
    def bit_generator(self):
        return self._inner.bit_generator

    def shuffle(self, x, axis=0):
        """Permutes x in place along axis (hcarray or NumPy arrays, lists)."""
        try:
            _shuffle_into(self._inner.shuffle, x, axis)
        except (TypeError, ValueError) as e:
            raise type(e)(f"Generator.shuffle: {e}") from e

    def spawn(self, n_children):
        return [Generator(g) for g in self._inner.spawn(n_children)]

    def __getstate__(self):
        return self._inner.__getstate__()


class RandomState(_Wrapper):
    """numpy.random.RandomState whose array results are hcarray arrays."""

    _prefix = "RandomState"

    def __init__(self, seed=None):
        if isinstance(seed, _npr.RandomState):
            super().__init__(seed)
        else:
            super().__init__(_npr.RandomState(seed))

    def shuffle(self, x):
        try:
            _shuffle_into(self._inner.shuffle, x)
        except (TypeError, ValueError) as e:
            raise type(e)(f"RandomState.shuffle: {e}") from e

    def seed(self, seed=None):
        self._inner.seed(seed)


def default_rng(seed=None):
    """A Generator (PCG64) seeded as numpy.random.default_rng(seed) is: the same stream."""
    if isinstance(seed, Generator):
        return seed
    return Generator(_npr.default_rng(seed))


def shuffle(x):
    """Permutes x in place along its first axis (the global RandomState's stream)."""
    try:
        _shuffle_into(_npr.shuffle, x)
    except (TypeError, ValueError) as e:
        raise type(e)(f"shuffle: {e}") from e


_LEGACY = [
    "rand", "randn", "randint", "random", "random_sample", "ranf", "sample",
    "random_integers", "choice", "permutation", "bytes", "beta", "binomial", "chisquare",
    "dirichlet", "exponential", "f", "gamma", "geometric", "gumbel", "hypergeometric",
    "laplace", "logistic", "lognormal", "logseries", "multinomial", "multivariate_normal",
    "negative_binomial", "noncentral_chisquare", "noncentral_f", "normal", "pareto", "poisson",
    "power", "rayleigh", "standard_cauchy", "standard_exponential", "standard_gamma",
    "standard_normal", "standard_t", "triangular", "uniform", "vonmises", "wald", "weibull",
    "zipf",
]
for _n in _LEGACY:
    if hasattr(_npr, _n):
        globals()[_n] = _wrapped("random", getattr(_npr, _n))

__all__ = ["BitGenerator", "SeedSequence", "PCG64", "PCG64DXSM", "MT19937", "Philox", "SFC64",
           "Generator", "RandomState", "default_rng", "seed", "get_state", "set_state",
           "get_bit_generator", "set_bit_generator", "shuffle"] + \
    [n for n in _LEGACY if hasattr(_npr, n)]

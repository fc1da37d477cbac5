"""File I/O with NumPy's formats: NumPy reads/writes the bytes, hcarray holds the arrays.

save/savez/savez_compressed/savetxt write NumPy views of hcarray memory (no copy); load,
loadtxt, genfromtxt, fromfile and frombuffer return hcarray arrays (copied into hcarray memory;
frombuffer keeps NumPy's zero-copy view semantics by wrapping the buffer). ``load`` of an .npz
returns a mapping (NpzFile-like, usable with ``with``) whose values are hcarray arrays.
"""

import numpy as _np

from ._array_object import _from_numpy
from ._numpy_bridge import call_numpy as _call_numpy
from ._numpy_bridge import to_np as _to_np
from ._numpy_bridge import wrap as _wrap

__all__ = ["save", "load", "savez", "savez_compressed", "savetxt", "loadtxt", "genfromtxt",
           "fromfile", "frombuffer", "fromregex"]


def save(file, arr, allow_pickle=True, **kwargs):
    """Writes arr in NumPy's .npy format."""
    return _call_numpy("save", _np.save, (file, arr, allow_pickle), kwargs)


def savez(file, *args, allow_pickle=True, **kwds):
    """Writes several arrays into an uncompressed .npz archive."""
    return _call_numpy("savez", _np.savez, (file,) + args, dict(kwds, allow_pickle=allow_pickle))


def savez_compressed(file, *args, allow_pickle=True, **kwds):
    return _call_numpy("savez_compressed", _np.savez_compressed, (file,) + args,
                       dict(kwds, allow_pickle=allow_pickle))


def savetxt(fname, X, fmt="%.18e", delimiter=" ", newline="\n", header="", footer="",
            comments="# ", encoding=None):
    return _call_numpy("savetxt", _np.savetxt, (fname, X),
                       dict(fmt=fmt, delimiter=delimiter, newline=newline, header=header,
                            footer=footer, comments=comments, encoding=encoding))


class NpzFile:
    """The arrays of an .npz archive as hcarray (a read-only mapping; closes with ``with``)."""

    def __init__(self, npz):
        self._npz = npz
        self.files = list(npz.files)

    def __getitem__(self, key):
        return _wrap(self._npz[key])

    def __contains__(self, key):
        return key in self._npz

    def __iter__(self):
        return iter(self.files)

    def __len__(self):
        return len(self.files)

    def keys(self):
        return list(self.files)

    def values(self):
        return [self[k] for k in self.files]

    def items(self):
        return [(k, self[k]) for k in self.files]

    def get(self, key, default=None):
        return self[key] if key in self else default

    def close(self):
        self._npz.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def __repr__(self):
        return f"hcarray NpzFile with keys: {', '.join(self.files)}"


def load(file, mmap_mode=None, allow_pickle=False, fix_imports=True, encoding="ASCII", *,
         max_header_size=10000):
    """Reads .npy (an hcarray) or .npz (an NpzFile of hcarray arrays)."""
    try:
        r = _np.load(file, mmap_mode=mmap_mode, allow_pickle=allow_pickle,
                     fix_imports=fix_imports, encoding=encoding, max_header_size=max_header_size)
    except (ValueError, TypeError) as e:
        raise type(e)(f"load: {e}") from e
    if isinstance(r, _np.lib.npyio.NpzFile):
        return NpzFile(r)
    return _wrap(r)


def loadtxt(fname, dtype=float, *args, **kwargs):
    return _call_numpy("loadtxt", _np.loadtxt, (fname, dtype) + args, kwargs)


def genfromtxt(fname, dtype=float, *args, **kwargs):
    return _call_numpy("genfromtxt", _np.genfromtxt, (fname, dtype) + args, kwargs)


def fromregex(file, regexp, dtype, encoding=None):
    return _call_numpy("fromregex", _np.fromregex, (file, regexp, dtype, encoding), {})


def fromfile(file, dtype=float, count=-1, sep="", offset=0, *, like=None):
    return _call_numpy("fromfile", _np.fromfile, (file, dtype, count, sep, offset), {})


def frombuffer(buffer, dtype=float, count=-1, offset=0, *, like=None):
    """A 1-D array over buffer's memory (no copy, as NumPy; read-only for read-only buffers)."""
    try:
        a = _np.frombuffer(_to_np(buffer), dtype=dtype, count=count, offset=offset)
    except (ValueError, TypeError) as e:
        raise type(e)(f"frombuffer: {e}") from e
    return _from_numpy(a)

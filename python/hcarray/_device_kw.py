"""Every function accepts device=: the ones that do not take it themselves are wrapped so that
`f(..., device=d)` runs `f(...)` inside `hc.using(d)`, which the core's routing sees (the
keyword outranks any enclosing `using` block, as a keyword should). With device=None the
wrapper only forwards the call."""

import functools
import inspect

from ._device import using

# Not operations on arrays: nothing to route.
_SKIP = {
    "devices", "units", "using", "support_matrix", "get_num_threads", "set_num_threads",
    "set_printoptions", "get_printoptions", "printoptions", "errstate", "seterr", "geterr",
    "seterrcall", "geterrcall", "get_include", "info", "show_config", "show_runtime",
    "can_cast", "result_type", "promote_types", "min_scalar_type", "isdtype", "issubdtype",
    "iinfo", "finfo", "common_type", "mintypecode", "isscalar", "iterable", "ndim", "shape",
    "size", "format_float_positional", "format_float_scientific", "base_repr", "binary_repr",
    "datetime_data", "typename", "__array_namespace_info__", "load", "save", "savez",
    "savez_compressed", "savetxt", "fromregex", "busday_count", "is_busday", "busday_offset",
}


def _wrap(f, name):
    named = getattr(f, "__hc_named__", None)
    if named is not None:
        # f is the NumPy namespace's error-renaming wrapper of inner: run inner directly (one
        # call level less) and hand exceptions to that wrapper's handler.
        inner, handle = named

        @functools.wraps(f)
        def call(*args, device=None, **kwargs):
            if device is None:
                try:
                    return inner(*args, **kwargs)
                except Exception as e:
                    return handle(e, args, kwargs)
            return _in_device(f, name, device, args, kwargs)
    else:
        @functools.wraps(f)
        def call(*args, device=None, **kwargs):
            if device is None:
                return f(*args, **kwargs)
            return _in_device(f, name, device, args, kwargs)
    return _finish(call, f)


def _in_device(f, name, device, args, kwargs):
    """f(*args, **kwargs) inside hc.using(device)."""
    block = using(device)
    try:
        block.__enter__()
    except ValueError as e:  # "using: <unit>: not available ..." -> named after f
        raise ValueError(f"{name}: " + str(e).partition(": ")[2]) from None
    try:
        return f(*args, **kwargs)
    finally:
        block.__exit__(None, None, None)


def _finish(call, f):
    try:
        sig = inspect.signature(f)
        params = list(sig.parameters.values())
        dev = inspect.Parameter("device", inspect.Parameter.KEYWORD_ONLY, default=None)
        if params and params[-1].kind == inspect.Parameter.VAR_KEYWORD:
            params.insert(len(params) - 1, dev)
        else:
            params.append(dev)
        call.__signature__ = sig.replace(parameters=params)
    except (TypeError, ValueError):
        pass
    call.__hc_device_wrapped__ = True
    return call


def _takes_device(f):
    try:
        return "device" in inspect.signature(f).parameters
    except (TypeError, ValueError):
        return True  # builtins without a signature: leave them alone


def add_device_keyword(namespace, names):
    """Wraps each public function in `names` of `namespace` (a dict) that lacks device=."""
    for name in names:
        f = namespace.get(name)
        if (name in _SKIP or name.startswith("_") or not callable(f) or isinstance(f, type)
                or getattr(f, "__hc_device_wrapped__", False) or _takes_device(f)):
            continue
        namespace[name] = _wrap(f, name)

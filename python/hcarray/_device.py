"""Device tags. Routing lives in the core; this is the Python face of a unit."""

_UNITS = ("cpu", "amx", "metal", "ane", "cuda")


class Device:
    """A compute unit: Device('cpu'), Device('cuda:0'), ..."""

    __slots__ = ("_name",)

    def __init__(self, name="cpu"):
        if isinstance(name, Device):
            name = name._name
        if not isinstance(name, str):
            raise TypeError(f"Device: expected a device name string, got {type(name).__name__}")
        base, _, idx = name.partition(":")
        if base not in _UNITS or (idx and (base != "cuda" or not idx.isdigit())):
            raise ValueError(
                f"Device: unknown device {name!r}; valid names are 'cpu', 'amx', 'metal', 'ane', "
                "'cuda' and 'cuda:N'")
        if base == "cuda" and not idx:
            name = "cuda:0"
        self._name = name

    @property
    def name(self):
        return self._name

    def __eq__(self, other):
        if isinstance(other, str):
            try:
                other = Device(other)
            except (ValueError, TypeError):
                return False
        return isinstance(other, Device) and other._name == self._name

    def __hash__(self):
        return hash(("hcarray.Device", self._name))

    def __repr__(self):
        return f"Device({self._name!r})"

    def __str__(self):
        return self._name


CPU = Device("cpu")


_CORE = None


def _core():
    global _CORE
    if _CORE is None:
        from . import _core as c  # late: _device is imported before the core is initialised

        _CORE = c
    return _CORE


def as_device(device, fn):
    """The unit a call with device=`device` runs on: the keyword when given, else the innermost
    `using` block, else the CPU. ValueError naming fn for unknown units and for units that are
    not usable on this machine (with the reason)."""
    if device is None:
        cur = _core()._current_device()
        return CPU if cur is None or cur == "cpu" else Device(cur)
    if device == "auto":
        best = _core()._route("auto")
        return CPU if best == "cpu" else Device(best)
    try:
        d = device if isinstance(device, Device) else Device(device)
    except (TypeError, ValueError) as e:
        raise type(e)(f"{fn}: {e}") from None
    if d._name != "cpu":
        try:
            _core()._route(d._name)
        except ValueError as e:  # "route: cuda:0: not available on this machine (reason)"
            raise ValueError(f"{fn}: " + str(e).partition(": ")[2]) from None
    return d


UNITS = ("cpu", "amx", "metal", "ane", "cuda")


def units():
    """{unit name: what detection found} for every unit hcarray knows: present (hardware and
    driver answer), backend (this build has kernels for it), usable (both), count, reason,
    detail."""
    return {u: _core().unit_status(u) for u in UNITS}


def devices():
    """The units present and usable on this machine, as Device objects (CPU first)."""
    out = []
    for u in UNITS:
        st = _core().unit_status(u)
        if not st["usable"]:
            continue
        if u == "cuda":
            out.extend(Device(f"cuda:{i}") for i in range(st["count"]))
        else:
            out.append(Device(u))
    return out


class using:
    """``with hc.using(device):`` runs the calls in the block on `device` (per thread), unless a
    call names its own device=. Raises ValueError at entry for units not usable here."""

    __slots__ = ("_name",)

    def __init__(self, device):
        if device == "auto":
            device = _core()._route("auto")
        self._name = (device if isinstance(device, Device) else Device(device))._name

    def __enter__(self):
        try:
            _core()._push_device(self._name)
        except ValueError as e:
            raise ValueError(str(e)) from None
        return Device(self._name)

    def __exit__(self, *exc):
        _core()._pop_device()
        return False


def support_matrix():
    """{op: {unit: [dtype names]}} read off the op registry: what each unit can run.
    Reductions appear as "<op>.reduce"."""
    from ._dtypes import _DTYPES

    raw = _core().support_matrix()
    return {op: {u: [str(_DTYPES[c]) for c in codes] for u, codes in units_.items()}
            for op, units_ in sorted(raw.items())}

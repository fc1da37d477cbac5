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


def as_device(device, fn):
    """None or a Device/str -> Device; ValueError naming fn for unknown or absent units."""
    if device is None:
        return CPU
    d = device if isinstance(device, Device) else Device(device)
    if d != CPU:
        raise ValueError(f"{fn}: device {d.name!r} is not available on this machine")
    return d

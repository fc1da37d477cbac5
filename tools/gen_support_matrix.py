"""Writes specs/support-matrix.md from the op registry (hcarray.support_matrix()).

Run: HCARRAY_DEV_BUILD=... PYTHONPATH=python python tools/gen_support_matrix.py
tests/test_device.py checks that the committed file matches the registry.
"""

import pathlib
import sys

import hcarray as hc

SHORT = {"bool": "b", "int8": "i8", "int16": "i16", "int32": "i32", "int64": "i64",
         "uint8": "u8", "uint16": "u16", "uint32": "u32", "uint64": "u64", "float16": "f16",
         "bfloat16": "bf16", "float32": "f32", "float64": "f64", "complex64": "c64",
         "complex128": "c128"}
UNITS = ["cpu", "amx", "metal", "ane", "cuda"]


def render():
    sm = hc.support_matrix()
    lines = [
        "# Support matrix (generated)",
        "",
        "Which loop dtypes each unit has for each op, read off the op registry by",
        "`tools/gen_support_matrix.py` (`hcarray.support_matrix()`); do not edit by hand.",
        "A loop dtype is the dtype an op computes in after promotion: integer inputs of `exp`",
        "run the float loops (NumPy's rule), so they do not appear here. Reductions are",
        "`<op>.reduce`, by accumulator dtype. An empty cell: the unit has no kernel for the op.",
        "",
        "| op | " + " | ".join(UNITS) + " |",
        "| --- | " + " | ".join("---" for _ in UNITS) + " |",
    ]
    for op, units in sm.items():
        cells = [" ".join(SHORT[d] for d in units.get(u, [])) for u in UNITS]
        lines.append(f"| {op} | " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    out = pathlib.Path(__file__).resolve().parent.parent / "specs" / "support-matrix.md"
    out.write_text(render())
    print(f"wrote {out}", file=sys.stderr)

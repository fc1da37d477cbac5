#!/usr/bin/env bash
# Builds and runs tools/probe_units.cpp (unit detection only, no Python needed).
set -euo pipefail
cd "$(dirname "$0")/.."
out=${TMPDIR:-/tmp}/hc-probe-units
${CXX:-c++} -std=c++17 -O1 -Icpp tools/probe_units.cpp cpp/core/device.cpp cpp/core/dtype.cpp -ldl -o "$out"
"$out"

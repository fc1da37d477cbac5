#!/usr/bin/env bash
# Incremental development build into build/dev-$NAME (default: main); prints the folder.
# Use: HCARRAY_DEV_BUILD=$(./dev-build.sh) PYTHONPATH=python python -m pytest tests
set -e
here=$(cd "$(dirname "$0")" && pwd)
name=${NAME:-main}
out="$here/build/dev-$name"
py=${PYTHON:-python3}
if [ ! -f "$out/build.ninja" ]; then
  cmake -S "$here" -B "$out" -G Ninja -DCMAKE_BUILD_TYPE=${BUILD_TYPE:-Release} \
    -DPython_EXECUTABLE="$(command -v "$py")" >/dev/null
fi
ninja -C "$out" ${JOBS:+-j$JOBS} >&2
echo "$out"

#!/usr/bin/env bash
# Full run of the official Array API test suite (data-apis/array-api-tests) against this
# checkout's development build of hcarray.
#
# Usage: SUITE_DIR=/path/to/array-api-tests tools/run-array-api-suite.sh [pytest args...]
#   SUITE_DIR: a work tree of array-api-tests (its main branch supports 2024.12) with the spec
#              repository data-apis/array-api checked out in SUITE_DIR/array-api.
# Knobs: PYTHON (python3; needs pytest, hypothesis, ndindex, pytest-json-report, numpy,
#        ml_dtypes, and pytest-xdist for JOBS > 0), NAME (dev build name, default "suite"),
#        BUILD_JOBS (compile jobs, 1), JOBS (pytest-xdist workers, 2; 0 = none),
#        MAX_EXAMPLES (20), TESTS (files/ids under SUITE_DIR; default the whole suite),
#        XFAILS (default: array-api-xfails.txt at the repository root), LOG (full pytest log).
# Prints "passed N failed M skipped K xfailed X" and the log's path; exits with pytest's status.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
: "${SUITE_DIR:?set SUITE_DIR to an array-api-tests work tree}"
SUITE_DIR=$(cd "$SUITE_DIR" && pwd)
[ -d "$SUITE_DIR/array_api_tests" ] || { echo "SUITE_DIR=$SUITE_DIR has no array_api_tests/" >&2; exit 2; }
[ -d "$SUITE_DIR/array-api/src/array_api_stubs/_2024_12" ] || {
  echo "$SUITE_DIR/array-api must hold data-apis/array-api with the 2024.12 stubs" >&2; exit 2; }
PYTHON=${PYTHON:-python3}
PYTHON=$(command -v "$PYTHON")
LOG=${LOG:-${TMPDIR:-/tmp}/array-api-suite-hcarray.log}
XFAILS=${XFAILS:-$repo/array-api-xfails.txt}

# Build the extension (incremental) and point Python at it without installing.
HCARRAY_DEV_BUILD=$(cd "$repo" && NAME=${NAME:-suite} JOBS=${BUILD_JOBS:-1} PYTHON="$PYTHON" ./dev-build.sh)
export HCARRAY_DEV_BUILD PYTHONPATH="$repo/python${PYTHONPATH:+:$PYTHONPATH}"
export ARRAY_API_TESTS_MODULE=hcarray ARRAY_API_TESTS_VERSION=2024.12
"$PYTHON" -c "import hcarray; assert hcarray.__array_api_version__ == '2024.12'"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
args=(${TESTS:-array_api_tests} -q -rfE -p no:cacheprovider
      "--max-examples=${MAX_EXAMPLES:-20}" "--junitxml=$work/results.xml")
if [ "${JOBS:-2}" != 0 ] && "$PYTHON" -c "import xdist" 2>/dev/null; then
  args+=(-n "${JOBS:-2}")
fi
if [ -s "$XFAILS" ]; then
  # The suite wants bare ids, one a line: drop comment lines and trailing " # reason" notes.
  sed -E -e 's/[[:space:]]+#.*$//' -e 's/[[:space:]]+$//' -e '/^[[:space:]]*#/d' -e '/^$/d' "$XFAILS" >"$work/xfails.txt"
  args+=("--xfails-file=$work/xfails.txt")
fi

set +e
(cd "$SUITE_DIR" && "$PYTHON" -m pytest "${args[@]}" "$@") >"$LOG" 2>&1
rc=$?
set -e
"$PYTHON" - "$work/results.xml" <<'PY' || { echo "no results (pytest exit $rc); see $LOG"; exit 2; }
import sys, xml.etree.ElementTree as ET
root = ET.parse(sys.argv[1]).getroot()
suites = [root] if root.tag == "testsuite" else list(root.iter("testsuite"))
n = lambda k: sum(int(s.get(k, 0)) for s in suites)
xfailed = sum(1 for tc in root.iter("testcase") for s in tc.findall("skipped")
              if (s.get("type") or "").endswith("xfail"))
failed = n("failures") + n("errors")
skipped = n("skipped") - xfailed
print(f"passed {n('tests') - failed - n('skipped')} failed {failed} skipped {skipped} "
      f"xfailed {xfailed}")
PY
echo "full log: $LOG" >&2
exit $rc

#!/usr/bin/env bash
# check.sh — `make check`: install what is missing, build the default build
# and the developer build (-Werror, ASan + UBSan), start private PostgreSQL,
# Redis and slapd for the tests (.state/test, ports apart from the demo's),
# run every suite on the developer build, stop the servers, and end with one
# line "N passed, N failed".
#   CHECK_BUILD=build scripts/check.sh   run the suites on the default build instead
#   CHECK_SUITES="unit db" …             run only these suites
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
build=${CHECK_BUILD:-build-dev}

"$root/scripts/deps.sh"
# Chromium and the npm packages of the browser suite, when it is to run.
case " ${CHECK_SUITES:-browser} " in
*" browser "*) "$root/scripts/browser-deps.sh" ;;
esac
"$root/scripts/build.sh" build
[ "$build" = build ] || "$root/scripts/build.sh" "$build"

export PVI_STATE_DIR="$root/.state/test"
export PVI_PG_PORT=${PVI_TEST_PG_PORT:-25532}
export PVI_REDIS_PORT=${PVI_TEST_REDIS_PORT:-26479}
export PVI_LDAP_PORT=${PVI_TEST_LDAP_PORT:-23489}
cleanup() { "$root/scripts/services.sh" stop all >/dev/null 2>&1 || true; }
trap cleanup EXIT
trap 'exit 130' INT TERM
"$root/scripts/services.sh" start all
set -a
# shellcheck disable=SC1091
. "$PVI_STATE_DIR/services.env"
set +a
export PVI_SERVICES_SCRIPT="$root/scripts/services.sh"
export PVI_CONTENT_DIR="$PVI_STATE_DIR/content"
export PVI_LOG_LEVEL=${PVI_LOG_LEVEL:-warn}
# Leaks inside system libraries at exit are not ours to fix.
export LSAN_OPTIONS="suppressions=$root/tests/lsan.supp:print_suppressions=0"
export ASAN_OPTIONS="abort_on_error=0:detect_leaks=1"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"

# The browser suite's screenshots are of this run only (its test files
# each add theirs).
case " ${CHECK_SUITES:-browser} " in
*" browser "*) rm -rf "$root/$build/browser-screenshots" ;;
esac
suites=()
for s in ${CHECK_SUITES:-}; do suites+=(--suite "$s"); done
status=0
meson test -C "$build" --print-errorlogs --num-processes 2 "${suites[@]}" || status=$?
python3 "$root/scripts/test_summary.py" "$build/meson-logs/testlog.json" || status=1
exit "$status"

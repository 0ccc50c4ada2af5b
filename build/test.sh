#!/usr/bin/env bash
# Runs every test of the solution against a real local registry and ends with one line: "N passed, N failed".
#
#   build/test.sh                                  dotnet test --solution PaiImage.Build.sln
#   build/test.sh --project tests/X/X.csproj       one test project instead (any other args go to dotnet test)
#
# Starts the local registry (build/registry.sh) unless it is already running, and stops it at the end only if
# it started it. Exit code: 0 when at least one test ran and nothing failed (build errors count as failures).
# A test project that holds no tests fails the run (PAI_TEST_ALLOW_EMPTY=1 allows it, e.g. while one is being written).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT="$PWD"
RESULTS="$ROOT/.tmp/test-results"
LOG="$RESULTS/dotnet-test.log"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
# No lingering MSBuild nodes or server holding task assemblies after the run (tests start child builds).
export MSBUILDDISABLENODEREUSE=1 DOTNET_CLI_USE_MSBUILD_SERVER=0
if [[ "${PAI_TEST_ALLOW_EMPTY:-0}" == 1 ]]; then
  # Microsoft.Testing.Platform exit code 8 = "zero tests ran"; the total is still checked below.
  export TESTINGPLATFORM_EXITCODE_IGNORE=8
fi

started_registry=0
stop_registry() {
  if ((started_registry)); then
    started_registry=0
    "$ROOT/build/registry.sh" stop || true
  fi
}
trap stop_registry EXIT
# Turn a TERM/INT (e.g. from timeout) into a normal exit so the EXIT trap stops the registry.
trap 'exit 143' TERM INT

finish() { # passed failed exit-code
  stop_registry
  echo "$1 passed, $2 failed"
  exit "$3"
}

if ! "$ROOT/build/registry.sh" status >/dev/null 2>&1; then
  started_registry=1
  "$ROOT/build/registry.sh" start || finish 0 1 1
else
  # Running already: make sure the base images are there, leave its lifetime to whoever started it.
  "$ROOT/build/registry.sh" start || finish 0 1 1
fi
eval "$("$ROOT/build/registry.sh" env)"

target=(--solution PaiImage.Build.sln)
for arg in "$@"; do
  case "$arg" in --project | --solution | --project=* | --solution=*) target=() ;; esac
done

rm -rf "$RESULTS"
mkdir -p "$RESULTS"
status=0
dotnet test "${target[@]}" --no-ansi --no-progress --results-directory "$RESULTS" "$@" 2>&1 | tee "$LOG" || status=$?

# The closing summary of dotnet test (Microsoft.Testing.Platform) sums all test assemblies:
#   Test run summary: Passed!   total: 7   failed: 0   succeeded: 7   skipped: 0
summary_value() {
  awk -v key="$1" '
    /^Test run summary:/ { in_summary = 1; value = "" }
    in_summary && $1 == key ":" && $2 ~ /^[0-9]+$/ { value = $2 }
    END { print (value == "" ? 0 : value) }
  ' "$LOG"
}
passed="$(summary_value succeeded)"
failed="$(summary_value failed)"
total="$(summary_value total)"

if ((status != 0 && failed == 0)); then
  echo "test.sh: dotnet test exited with $status without a failed test (build error or crashed test host); counted as 1 failure" >&2
  failed=1
fi
if ((total == 0 && failed == 0)); then
  echo "test.sh: no test ran; counted as 1 failure" >&2
  failed=1
fi

((failed == 0)) && status=0 || status=1
finish "$passed" "$failed" "$status"

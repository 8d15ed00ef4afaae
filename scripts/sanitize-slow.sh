#!/usr/bin/env bash
# Periodic check (weekly, and before a release; too long for every CI run):
# builds Segugio with -fsanitize=address,undefined and runs the tests labelled
# "slow" (kills at random points, SIGINT, very large articles and files, the
# crash tests, the recall benchmark) under the sanitizers, then the fast suite.
# A sanitizer report stops the test that met it, which then fails.
# Takes about 30 min on 2 cores (docs/reliability.md, "CI time").
#
#   bash scripts/sanitize-slow.sh [BUILD_DIR]      (default: build-asan)
set -euo pipefail
cd "$(dirname "$0")/.."
build="${1:-build-asan}"
jobs="$(nproc)"
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DSEGUGIO_SANITIZE=ON >/dev/null
cmake --build "$build" -j"$jobs"
export ASAN_OPTIONS=halt_on_error=1:detect_leaks=1
export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
# The slow tests one at a time: several of them time kills or measure memory.
ctest --test-dir "$build" -L slow --output-on-failure --timeout 3600
ctest --test-dir "$build" -LE slow --output-on-failure -j"$jobs" --timeout 900

#!/usr/bin/env bash
# Builds the libFuzzer targets with clang-14 and runs each for SECONDS (default
# 60) from its seed corpus. Exits non-zero when a target finds a crash; the
# crashing input is left in <build>/crashes/. The build folder is build-fuzz,
# or $SEGUGIO_FUZZ_BUILD.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-60}"
build="${SEGUGIO_FUZZ_BUILD:-build-fuzz}"
if ! command -v clang++-14 >/dev/null || [ ! -d /usr/lib/llvm-14/lib/clang ]; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq clang-14 libclang-rt-14-dev >/dev/null
fi
CC=clang-14 CXX=clang++-14 cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DSEGUGIO_FUZZ=ON -DSEGUGIO_BUILD_TESTS=OFF -DSEGUGIO_BUILD_BENCH=OFF >/dev/null
names=$(sed -n 's/^set(SEGUGIO_FUZZ_TARGETS \(.*\))$/\1/p' tests/fuzz/CMakeLists.txt)
# shellcheck disable=SC2046
cmake --build "$build" -j"$(nproc)" --target $(printf 'fuzz_%s ' $names)
mkdir -p "$build"/crashes
status=0
for name in $names; do
  target="$build/tests/fuzz/fuzz_$name"
  work="$build/corpus/$name"
  mkdir -p "$work"
  echo "fuzzing $name for ${seconds}s" >&2
  if ! "$target" -max_total_time="$seconds" -max_len=65536 -rss_limit_mb=2048 \
       -artifact_prefix="$build/crashes/$name-" "$work" tests/fuzz/corpus/"$name" \
       > "$build"/"$name".log 2>&1; then
    echo "fuzz_$name found a crash:" >&2
    tail -30 "$build"/"$name".log >&2
    status=1
  fi
  grep -E "^(#[0-9]+.*DONE|Done [0-9]+ runs)" "$build"/"$name".log | tail -1 >&2 || true
done
exit $status

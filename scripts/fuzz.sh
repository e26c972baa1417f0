#!/bin/bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# Builds the libFuzzer targets of fuzz/ with clang into build-fuzz/ and runs
# each one, starting from the corpus in fuzz/corpus (new finds go to
# build-fuzz/corpus, the repository's corpus stays as it is).
#   scripts/fuzz.sh                   30 s per target
#   scripts/fuzz.sh -max_total_time=600 | -runs=10000000   any libFuzzer flags
# A crash stops it with libFuzzer's report and the input in build-fuzz/.
set -euo pipefail
cd "$(dirname "$0")/.."
flags=("$@")
[ ${#flags[@]} -gt 0 ] || flags=(-max_total_time=30)
CXX=clang++ cmake -S . -B build-fuzz -DMDEVCTL_FUZZ=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build-fuzz -j "$(nproc)" >/dev/null
for name in config callout_output command_line; do
  mkdir -p "build-fuzz/corpus/$name"
  log="build-fuzz/$name.log"
  if ! (cd build-fuzz && "./fuzz/${name}_fuzzer" "${flags[@]}" -max_len=65536 \
          "corpus/$name" "../fuzz/corpus/$name") >"$log" 2>&1; then
    tail -n 40 "$log"
    echo "fuzz: ${name}_fuzzer failed (full log in $log)"
    exit 1
  fi
  echo "fuzz: ${name}_fuzzer: $(grep -E '^Done [0-9]+ runs' "$log")"
done

#!/bin/bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# Every C++ file is as .clang-format (clang-format 14, Debian 12's) lays it
# out. Fails naming the files that differ; `clang-format -i FILE` fixes one.
set -euo pipefail
cd "$(dirname "$0")/.."
differ=()
while IFS= read -r file; do
  clang-format --dry-run --Werror "$file" >/dev/null 2>&1 || differ+=("$file")
done < <(git ls-files '*.cc' '*.h')
if [ ${#differ[@]} -gt 0 ]; then
  echo "not formatted as .clang-format says (clang-format -i to fix):"
  printf '  %s\n' "${differ[@]}"
  exit 1
fi
echo "format: every C++ file as .clang-format says"

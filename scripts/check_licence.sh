#!/bin/bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# Every source file of ours names its licence in its head (an SPDX line in
# its first three lines); COPYING has the text. Data (fixture roots, fuzz
# corpora, the conformance expectations) carries none.
#   scripts/check_licence.sh          lists the files without it; fails if any
set -euo pipefail
cd "$(dirname "$0")/.."
spdx='SPDX-License-Identifier: LGPL-2.1-or-later'
[ -f COPYING ] && grep -q 'GNU LESSER GENERAL PUBLIC LICENSE' COPYING || { echo "licence: COPYING is missing" >&2; exit 1; }
missing=0
while IFS= read -r file; do
  head -n 3 "$file" | grep -q "$spdx" && continue
  echo "licence: no '$spdx' in the head of $file" >&2
  missing=$((missing + 1))
done < <(scripts/source_files.sh)
[ $missing -eq 0 ] || exit 1
echo "licence: $(scripts/source_files.sh | wc -l) source files name LGPL-2.1-or-later"

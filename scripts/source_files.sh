#!/bin/bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# The project's own source files, one a line: code, scripts, build and
# packaging files, man pages and completions; not data (fixture roots, fuzz
# corpora, documents).
set -euo pipefail
cd "$(dirname "$0")/.."
find . \( -path './build*' -o -path ./.git -o -path ./tests/fixtures/sysfs -o -path ./fuzz/corpus \
  -o -path ./redhat-linux-build \) -prune -o -type f -print |
  sed 's|^\./||' |
  grep -E '\.(cc|h|c|in|sh|py|bash|fish|zsh|cmake|rst|spec|service|toml)$|(^|/)(CMakeLists\.txt|Makefile|_mdevctl|rules|run|init|initramfs-init|[a-z0-9-]*macros|mdevctl-cpp\.prerm|black-box|smoke|nvidia-mig-instance|reference-mdevctl)$' |
  grep -vE '^tests/fixtures/.*\.(sh|in)$' |
  LC_ALL=C sort

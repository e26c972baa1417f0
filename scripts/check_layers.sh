#!/bin/bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# The layering rule of the design: every system call lives in src/io. Fails,
# naming file and line, when a file above it includes a system header or calls
# the C library's system call wrappers directly.
set -euo pipefail
cd "$(dirname "$0")/.."
found=$(grep -nE '#include <(unistd|fcntl|dirent|spawn|signal|poll)\.h>|#include <sys/|::(open|openat|read|write|close|stat|lstat|fstat|access|mkdir|rmdir|unlink|rename|flock|kill|waitpid|waitid|pipe2?|dup2|signal|opendir|readlink)\(' \
        -r src/async src/engine src/commands src/cli src/model --include="*.cc" --include="*.h" || true)
if [ -n "$found" ]; then
  echo "system calls above src/io:"
  echo "$found"
  exit 1
fi
echo "layers: no system call above src/io"

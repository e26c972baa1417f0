#!/bin/bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# The version, written once: project(... VERSION ...) in CMakeLists.txt.
# debian/changelog, mdevctl-cpp.spec and `mdevctl --version` follow it
# (scripts/check_version.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
version=$(sed -n 's/^project(mdevctl VERSION \([0-9][0-9.]*\) .*/\1/p' CMakeLists.txt)
[ -n "$version" ] || { echo "version: no project(mdevctl VERSION ...) in CMakeLists.txt" >&2; exit 1; }
echo "$version"

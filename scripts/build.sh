#!/bin/bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# Configures and builds into build/ (or $1 with extra cmake arguments after it).
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${1:-build}
shift || true
# Tests and the conformance harness assume the layout of prefix /usr.
cmake -S . -B "$dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_INSTALL_PREFIX=/usr -DMDEVCTL_WERROR=ON "$@" >/dev/null
cmake --build "$dir" -j "$(nproc)"

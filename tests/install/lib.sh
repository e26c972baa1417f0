# SPDX-License-Identifier: LGPL-2.1-or-later
# Shared by the install tests: a scratch dir removed on exit, and fail() that
# records a failure and carries on so that one run shows every problem.
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
status=0
fail() { echo "FAIL: $*"; status=1; }

#!/bin/bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# One kernel-tier scenario as a test: prints its lines from the VM's results
# log and passes when the scenario did.
#   tests/kernel/result.sh RESULTS_LOG SCENARIO
set -uo pipefail
log=$1
name=$2
[ -f "$log" ] || { echo "no results log $log: did the boot test run?" >&2; exit 1; }
sed -n "/^=== begin $name\$/,/^=== end $name /p" "$log"
grep -qx "=== end $name PASS" "$log" && exit 0
grep -q "^=== end $name " "$log" || echo "scenario $name did not run in the VM" >&2
exit 1

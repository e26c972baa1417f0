#!/bin/bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# Runs the stage that the kernel's command line names (tier5.stage=N).
exec >/dev/ttyS1 2>&1
stty -F /dev/ttyS1 raw -echo 2>/dev/null
stage=$(sed -n 's/.*tier5\.stage=\([^ ]*\).*/\1/p' /proc/cmdline)
cd /root/tier5
export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
echo "=== stage $stage, $(systemctl is-system-running) after $(cut -d' ' -f1 /proc/uptime) s"
source ./lib.sh
source "./stage$stage.sh"
end_section
echo "=== stage $stage done"
sync

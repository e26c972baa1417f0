# SPDX-License-Identifier: LGPL-2.1-or-later
# Second boot (a fresh qemu on the same disk): auto devices come back by
# themselves, the monitor's unit, upgrade, removal, reinstallation and
# purge; then Debian's
# mdevctl is put back, and ours installed over it again, this time with apt.

section reboot
check "mtty was loaded at boot" test -d /sys/class/mdev_bus/mtty
eventually 60 "the auto device defined with mdevctl is back" running "$AUTO"
eventually 30 "the device libvirt marked autostart is back" running "$LIBVIRT_AUTO"
check "the manual device is not started" not_running "$MANUAL"
eventually 30 "the autostart unit has finished" sh -c '! systemctl is-active -q mdevctl-autostart@mtty.service'
show "the autostart unit's journal" journalctl -b -o cat -u mdevctl-autostart@mtty.service
check "it says 2 started" sh -c 'journalctl -b -o cat -u mdevctl-autostart@mtty.service | grep -q "mtty: 2 started"'
check "the unit succeeded" sh -c '[ "$(systemctl show -p Result --value mdevctl-autostart@mtty.service)" = success ]'

section monitor
check "systemctl enable --now mdevctl-monitor" systemctl enable --now mdevctl-monitor.service
check "the monitor is active" systemctl is-active -q mdevctl-monitor.service
check "as Type=notify" sh -c '[ "$(systemctl show -p Type --value mdevctl-monitor.service)" = notify ]'
show "its status text" systemctl show -p StatusText --value mdevctl-monitor.service
check "its status text says what it watches" sh -c \
  'systemctl show -p StatusText --value mdevctl-monitor.service | grep -q "watching"'
stop_all_devices
rmmod mtty
check "mtty unloaded" test ! -d /sys/class/mdev_bus/mtty
modprobe mtty
eventually 30 "after mtty is loaded again, the auto devices are back" running "$AUTO"
eventually 10 "both of them" running "$LIBVIRT_AUTO"
check "the manual one is not" not_running "$MANUAL"
sleep 1
show "the monitor's journal" journalctl -b -o cat -u mdevctl-monitor.service
check "the monitor logged the registration's autostart" sh -c \
  'journalctl -b -o cat -u mdevctl-monitor.service | grep -q "mtty: .* started"'
show "journalctl -p err of the monitor" journalctl -b -o cat -p err -u mdevctl-monitor.service
check "journalctl -p err shows none of its info lines" sh -c \
  '! journalctl -b -o cat -p err -u mdevctl-monitor.service | grep -q "started"'
check "systemctl stop mdevctl-monitor" systemctl stop mdevctl-monitor.service
check "it stopped cleanly (status 0)" sh -c \
  '[ "$(systemctl show -p Result --value mdevctl-monitor.service)" = success ]'

section upgrade
# The distributions' conventions with the monitor enabled and running: an
# upgrade keeps it running (a new process, the new program); remove stops it
# and keeps the admin's enablement; a reinstall has it enabled again; purge
# takes the enablement away. Definitions survive all of it.
systemctl start mdevctl-monitor.service
check "the monitor runs (enabled) before the upgrade" systemctl is-active -q mdevctl-monitor.service
before=$(systemctl show -p MainPID --value mdevctl-monitor.service)
upgraded=$(dpkg-deb -f /root/mdevctl-cpp-upgrade.deb Version)
apt-get install -y /root/mdevctl-cpp-upgrade.deb >/tmp/apt.log 2>&1
check "apt upgrades to $upgraded" [ $? -eq 0 ]
grep -E '^(Preparing|Unpacking|Setting up)' /tmp/apt.log | sed 's/^/# apt: /'
check "that version is installed" sh -c "[ \"\$(dpkg-query -W -f='\${Version}' mdevctl-cpp)\" = '$upgraded' ]"
check "the monitor still runs after the upgrade" systemctl is-active -q mdevctl-monitor.service
after=$(systemctl show -p MainPID --value mdevctl-monitor.service)
check "as a new process, restarted after the upgrade ($before, then $after)" [ "$before" != "$after" ]
check "and still enabled" systemctl is-enabled -q mdevctl-monitor.service

section removal
ls /etc/mdevctl.d/mtty | sort >/tmp/defined-before
apt-get remove -y mdevctl-cpp >/tmp/apt.log 2>&1
check "apt-get remove" [ $? -eq 0 ]
check "the monitor is stopped" sh -c '! systemctl is-active -q mdevctl-monitor.service'
check "the admin's enablement is kept for a reinstall" \
  test -L /etc/systemd/system/multi-user.target.wants/mdevctl-monitor.service
check "no mdevctl process is left" sh -c '! pgrep -l mdevctl'
check "/usr/bin/mdevctl is gone" test ! -e /usr/bin/mdevctl
check "the definitions are still there" sh -c 'ls /etc/mdevctl.d/mtty | sort | cmp -s - /tmp/defined-before'
apt-get install -y /root/mdevctl-cpp-upgrade.deb >/tmp/apt.log 2>&1
check "reinstall" [ $? -eq 0 ]
check "the monitor is enabled again" sh -c '[ "$(systemctl is-enabled mdevctl-monitor.service)" = enabled ]'
apt-get purge -y mdevctl-cpp >/tmp/apt.log 2>&1
check "apt-get purge" [ $? -eq 0 ]
check "purge leaves no enablement link" \
  test ! -e /etc/systemd/system/multi-user.target.wants/mdevctl-monitor.service
check "the definitions survive a purge" sh -c 'ls /etc/mdevctl.d/mtty | sort | cmp -s - /tmp/defined-before'
show "after purge, /etc/mdevctl.d" find /etc/mdevctl.d
apt-get install -y /root/mdevctl-cpp.deb >/tmp/apt.log 2>&1
check "a fresh install" [ $? -eq 0 ]
check "it lists the definitions again" sh -c \
  "mdevctl list -d | grep -q '^$AUTO mtty mtty-2 auto' && mdevctl list -d | grep -q '^$MANUAL mtty mtty-1 manual'"
show "mdevctl list -d" mdevctl list -d
check "the monitor is not enabled by a fresh install" sh -c \
  '[ "$(systemctl is-enabled mdevctl-monitor.service)" = disabled ]'

section debian-mdevctl-back
apt-get install -y /root/mdevctl-debian.deb >/tmp/apt.log 2>&1
check "apt installs Debian's mdevctl back" [ $? -eq 0 ]
grep -E '^(Setting up|Removing|Unpacking)' /tmp/apt.log | sed 's/^/# apt: /'
check "which removes ours" sh -c "! dpkg-query -W -f='\${Status}' mdevctl-cpp 2>/dev/null | grep -q ' installed'"
check "Debian's rule is in place" sh -c 'test -f "$(dpkg -L mdevctl | grep "rules.d/60-mdevctl.rules$" | head -n 1)"'
check "Debian's mdevctl lists the definitions" sh -c "mdevctl list -d | grep -q '$AUTO'"
show "its mdevctl list -d" mdevctl list -d
apt-get install -y /root/mdevctl-cpp.deb >/tmp/apt.log 2>&1
check "apt installs ours over it again" [ $? -eq 0 ]
grep -E '^(Setting up|Removing|Unpacking)' /tmp/apt.log | sed 's/^/# apt: /'
check "the rule is ours and in place ($RULE)" sh -c "dpkg -S '$RULE' | grep -q '^mdevctl-cpp:' && test -f '$RULE'"
check "/usr/bin/mdevctl is ours again" sh -c '/usr/bin/mdevctl --version | grep -q mdevctl-cpp'

# SPDX-License-Identifier: LGPL-2.1-or-later
# First boot: install the package over Debian's mdevctl, check what an admin
# gets, drive mdevctl through libvirt, and leave definitions for the reboot.

section install
check "Debian's own mdevctl is there before" dpkg-query -W -f='${Status}' mdevctl
show "Debian's mdevctl" dpkg-query -W mdevctl
# dpkg -i, not apt: dpkg unpacks ours, then removes the replaced package's
# files, which on a merged /usr deletes any of ours that it names by the
# other alias (DEP 17).
dpkg -i /root/mdevctl-cpp.deb >/tmp/dpkg.log 2>&1
check "dpkg -i installs the package over Debian's mdevctl" [ $? -eq 0 ]
sed 's/^/# dpkg: /' /tmp/dpkg.log
check "it replaces Debian's mdevctl" sh -c "! dpkg-query -W -f='\${Status}' mdevctl 2>/dev/null | grep -q ' installed'"
check "/usr/bin/mdevctl is ours" sh -c '/usr/bin/mdevctl --version | grep -q mdevctl-cpp'
show "mdevctl --version" mdevctl --version
check "/usr/sbin/mdevctl reaches it" sh -c '/usr/sbin/mdevctl --version | grep -q mdevctl-cpp'
check "the udev rule is still there after the replace ($RULE), naming /usr/bin/mdevctl" \
  grep -q 'RUN+="/usr/bin/mdevctl start-parent-mdevs' "$RULE"
check "dpkg owns the rule as ours" sh -c "dpkg -S '$RULE' | grep -q '^mdevctl-cpp:'"
check "the units are there too" test -f "$LIB/systemd/system/mdevctl-autostart@.service" \
  -a -f "$LIB/systemd/system/mdevctl-monitor.service"
check "systemd reads the autostart unit" sh -c 'systemctl cat mdevctl-autostart@mtty.service >/dev/null'
check "the autostart unit passes the parent unescaped" sh -c \
  'systemctl show -p ExecStart mdevctl-autostart@a-b.service | grep -q "start-parent-mdevs a-b "'
check "the monitor's unit is installed, neither enabled nor running" sh -c \
  '[ "$(systemctl is-enabled mdevctl-monitor.service)" = disabled ] && ! systemctl is-active -q mdevctl-monitor.service'
modprobe mtty
check "mdevctl types shows mtty's types" sh -c 'mdevctl types | grep -q mtty-1 && mdevctl types | grep -q mtty-2'
check "man mdevctl renders" sh -c 'man -P cat mdevctl 2>/dev/null | grep -q start-parent-mdevs || man -P cat mdevctl | grep -q lsmdev'
mdevctl start -p mtty -t mtty-1 -u "$MANUAL"
check "lsmdev works for a normal user and lists the running device" sh -c \
  "runuser -u tester -- lsmdev | grep -qx '$MANUAL mtty mtty-1 manual'"
mdevctl stop -u "$MANUAL"

section udev-autostart
mdevctl define -u "$AUTO" -p mtty -t mtty-2 -a
rmmod mtty
modprobe mtty
eventually 20 "loading mtty starts its auto device (udev rule -> unit)" running "$AUTO"
eventually 20 "the unit finishes" sh -c '! systemctl is-active -q mdevctl-autostart@mtty.service'
show "the autostart unit's journal" journalctl -b -o cat -u mdevctl-autostart@mtty.service
check "the unit's journal says 1 started" sh -c \
  'journalctl -b -o cat -u mdevctl-autostart@mtty.service | grep -q "mtty: 1 started"'

section stop-in-use
# A holder that is not mdevctl's caller (as a VM is): refused, naming it.
mdevctl start -p mtty -t mtty-1 -u "$HELD"
group=$(basename "$(readlink "$BUS/$HELD/iommu_group")")
sleep 600 3<>"/dev/vfio/$group" &
holder=$!
eventually 5 "the holder has the group open" sh -c "ls -l /proc/$holder/fd | grep -q /dev/vfio/$group"
mdevctl stop -u "$HELD" 2>/tmp/err
check "stop refuses while another process holds the group" [ $? -ne 0 ]
show "its error" cat /tmp/err
check "the error names the holder's pid and command" grep -q "pid $holder (sleep)" /tmp/err
check "the device still runs" running "$HELD"
kill $holder
wait $holder 2>/dev/null
# The caller holds it (libvirt's shape): stop goes ahead.
exec 3<>"/dev/vfio/$group"
timeout 30 mdevctl stop -u "$HELD" 2>/tmp/err
check "stop goes ahead when its caller holds the group" [ $? -eq 0 ]
show "its stderr" cat /tmp/err
exec 3>&-
check "and the device is gone" not_running "$HELD"

section libvirt
systemctl start libvirtd.service
check "libvirtd runs" systemctl is-active -q libvirtd.service
show "virsh nodedev-list --cap mdev_types" virsh nodedev-list --cap mdev_types
parent=$(virsh nodedev-list --cap mdev_types | grep -m1 mtty)
check "libvirt lists mtty's parent as a parent with mdev types" [ -n "$parent" ]
show "its XML" virsh nodedev-dumpxml "$parent"
virsh nodedev-event --loop --event lifecycle >/tmp/events 2>&1 &
events=$!

cat >/tmp/def.xml <<XML
<device>
  <parent>$parent</parent>
  <capability type='mdev'>
    <type id='mtty-2'/>
    <uuid>$LIBVIRT_DEF</uuid>
  </capability>
</device>
XML
check "virsh nodedev-define" virsh nodedev-define /tmp/def.xml
check "the definition is mdevctl's" test -f "/etc/mdevctl.d/mtty/$LIBVIRT_DEF"
check "virsh nodedev-start" virsh nodedev-start "$(nodedev_of "$LIBVIRT_DEF")"
check "the device runs" running "$LIBVIRT_DEF"
eventually 10 "libvirt sees it active" sh -c "virsh nodedev-info $(nodedev_of "$LIBVIRT_DEF") | grep -q 'Active: *yes'"
if virsh help nodedev-update >/dev/null 2>&1; then
  # libvirt 10.1 and later (Debian 13): mdevctl modify --jsonfile /dev/stdin
  # [--defined] [--live], after probing with --help. mtty's devices have no
  # live call-out, so --live is refused (as by mdevctl 1.4) and changes nothing.
  # nodedev-update validates the XML, which then needs the device's name.
  dev=$(nodedev_of "$LIBVIRT_DEF")
  sed "s|<device>|<device>\n  <name>$dev</name>|; s|</capability>|  <attr name='foo' value='bar'/>\n  </capability>|" \
    /tmp/def.xml >/tmp/update.xml
  cp "/etc/mdevctl.d/mtty/$LIBVIRT_DEF" /tmp/def-before
  check "mdevctl modify --defined --live --jsonfile b --help (libvirt's probe) exits 0" \
    mdevctl modify --defined --live --jsonfile b --help
  virsh nodedev-update "$dev" /tmp/update.xml --live >/tmp/update.out 2>&1
  check "virsh nodedev-update --live without a live call-out is refused" [ $? -ne 0 ]
  show "its error" cat /tmp/update.out
  virsh nodedev-update "$dev" /tmp/update.xml --config --live >/tmp/update.out 2>&1
  check "virsh nodedev-update --config --live is refused as a whole" [ $? -ne 0 ]
  show "its error" cat /tmp/update.out
  check "and the definition is unchanged" cmp -s /tmp/def-before "/etc/mdevctl.d/mtty/$LIBVIRT_DEF"
  check "virsh nodedev-update --config" virsh nodedev-update "$dev" /tmp/update.xml --config
  show "the definition after it" cat "/etc/mdevctl.d/mtty/$LIBVIRT_DEF"
  check "the definition has the new attribute" grep -q '"foo": *"bar"' "/etc/mdevctl.d/mtty/$LIBVIRT_DEF"
  check "libvirt sees it in the defined config" sh -c "virsh nodedev-dumpxml --inactive $dev | grep -q \"name='foo'\""
  check "the running device is left alone" running "$LIBVIRT_DEF"
  show "libvirt's modify command lines" sh -c "grep -o 'mdevctl modify[^\\\"]*' /var/log/libvirt/commands.log | sort -u"
  check "libvirt ran the --help probe" grep -q 'mdevctl modify --defined --live --jsonfile b --help' /var/log/libvirt/commands.log
fi
check "virsh nodedev-destroy (libvirt holds the group while mdevctl stops it)" \
  virsh nodedev-destroy "$(nodedev_of "$LIBVIRT_DEF")"
check "the device is gone" not_running "$LIBVIRT_DEF"
check "virsh nodedev-undefine" virsh nodedev-undefine "$(nodedev_of "$LIBVIRT_DEF")"
check "the definition is gone" test ! -e "/etc/mdevctl.d/mtty/$LIBVIRT_DEF"

sed "s/$LIBVIRT_DEF/$LIBVIRT_TRANSIENT/" /tmp/def.xml >/tmp/transient.xml
check "virsh nodedev-create (transient)" virsh nodedev-create /tmp/transient.xml
check "the transient device runs" running "$LIBVIRT_TRANSIENT"
check "virsh nodedev-destroy of it" virsh nodedev-destroy "$(nodedev_of "$LIBVIRT_TRANSIENT")"
check "it is gone" not_running "$LIBVIRT_TRANSIENT"

mdevctl define -u "$DIRECT" -p mtty -t mtty-1
eventually 5 "a device defined with mdevctl shows up in virsh nodedev-list --all" listed_by_libvirt "$DIRECT"
mdevctl undefine -u "$DIRECT"
eventually 5 "and leaves it when undefined" not_listed_by_libvirt "$DIRECT"

sleep 1
kill $events 2>/dev/null
show "virsh nodedev-event --loop" cat /tmp/events
check "nodedev-event reports the start" grep -q "$(nodedev_of "$LIBVIRT_DEF").*[Cc]reated\|$(nodedev_of "$LIBVIRT_DEF").*[Ss]tarted" /tmp/events
check "nodedev-event reports the stop" grep -q "$(nodedev_of "$LIBVIRT_DEF").*[Dd]eleted\|$(nodedev_of "$LIBVIRT_DEF").*[Ss]topped" /tmp/events

# For the reboot: an auto device of libvirt's, and a manual one.
sed "s/$LIBVIRT_DEF/$LIBVIRT_AUTO/" /tmp/def.xml >/tmp/auto.xml
check "virsh nodedev-define of another" virsh nodedev-define /tmp/auto.xml
check "virsh nodedev-autostart" virsh nodedev-autostart "$(nodedev_of "$LIBVIRT_AUTO")"
check "its definition is auto" grep -q '"start": *"auto"' "/etc/mdevctl.d/mtty/$LIBVIRT_AUTO"
show "the mdevctl commands libvirt ran (its debug log)" \
  sh -c "grep -o 'mdevctl [^\\\"]*' /var/log/libvirt/commands.log | sed 's/ *\$//' | uniq"
mdevctl define -u "$MANUAL" -p mtty -t mtty-1
echo mtty >/etc/modules-load.d/mtty.conf
show "definitions left for the reboot" mdevctl list -d

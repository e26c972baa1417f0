# SPDX-License-Identifier: LGPL-2.1-or-later
# A device whose VFIO group another process holds open (as a running VM does)
# is not stopped: mdevctl refuses at once, naming the holder, instead of
# blocking in the kernel's remove. A hold by mdevctl's own caller is the
# caller (libvirt opens the group itself, then runs `mdevctl stop`): the stop
# goes ahead.
load_mtty
U=$(new_uuid)
run start -p mtty -t mtty-1 -u "$U"
expect "start" 0
group=$(basename "$(readlink "$BUS/$U/iommu_group")")
check "the device has a VFIO group node (/dev/vfio/$group)" [ -c "/dev/vfio/$group" ]

sleep 600 3<>"/dev/vfio/$group" &
holder=$!
for _ in $(seq 50); do ls -l /proc/$holder/fd 2>/dev/null | grep -q "/dev/vfio/$group" && break; sleep 0.1; done
run stop -u "$U"
expect_error "stop refuses in one line, naming the holder" \
  "^Error: device $U is in use \\(VFIO group $group is open by pid $holder \\(sleep\\)\\)\$"
check "the device still runs" [ -e "$BUS/$U" ]
kill $holder
wait $holder 2>/dev/null

exec 3<>"/dev/vfio/$group"
run stop -u "$U"
expect "with the group held by its caller (libvirt's shape), stop goes ahead" 0
exec 3>&-
check "and the device is gone" [ ! -e "$BUS/$U" ]

run start -p mtty -t mtty-1 -u "$U"
run stop -u "$U"
expect "with the group closed, stop works" 0
check "and the device is gone again" [ ! -e "$BUS/$U" ]

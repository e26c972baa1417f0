# SPDX-License-Identifier: LGPL-2.1-or-later
# Devices made behind mdevctl's back, and a parent that goes away.
load_mtty
U=$(new_uuid)
echo "$U" >$MTTY/mdev_supported_types/mtty-1/create
run list
expect "list shows a device created through sysfs directly" 0 "$U mtty mtty-1 manual"
run define -u "$U"
expect "define -u takes it over" 0
run list -d
expect "and it is defined" 0 "$U mtty mtty-1 manual (active)"
run start -u "$U"
expect_error "starting it again is refused in one line" "^Error: device $U is already running on parent mtty$"

rmmod mtty
check "unloading the driver removed the device" [ ! -e "$BUS/$U" ]
run list -d
expect "the definition outlives the driver" 0 "$U mtty mtty-1 manual"
run start -u "$U"
expect_error "start without the parent says so" "^Error: Unable to find parent device 'mtty'$"
load_mtty
run start -p MTTY -t mtty-1
expect_error "a near miss in case gets a hint" "Did you mean 'mtty'\?$"
run start -u "$U"
expect "once the driver is back, start works" 0
check "and the kernel has the device" [ -d "$BUS/$U" ]

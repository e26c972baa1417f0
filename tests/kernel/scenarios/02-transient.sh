# SPDX-License-Identifier: LGPL-2.1-or-later
# A transient device: start, list, promote with define -u, stop.
load_mtty
U=$(new_uuid)
run start -p mtty -t mtty-2 -u "$U"
expect "start a transient mtty-2 device" 0
expect_stderr "start prints nothing on stderr"
check "the kernel has the device" [ -d "$BUS/$U" ]
check "its parent is mtty" [ "$(readlink -f "$BUS/$U/..")" = /sys/devices/virtual/mtty/mtty ]
check "its type is mtty-2" [ "$(basename "$(readlink -f "$BUS/$U/mdev_type")")" = mtty-2 ]
check "two ports are taken: 11 mtty-2 left" [ "$(available mtty-2)" = 11 ]
check "and 22 mtty-1" [ "$(available mtty-1)" = 22 ]

run list
expect "list shows it" 0 "$U mtty mtty-2 manual"
run list -d
expect "list -d shows nothing defined yet" 0

run define -u "$U"
expect "define -u promotes it" 0
expect_config "its definition" "/etc/mdevctl.d/mtty/$U" \
  '{' '  "mdev_type": "mtty-2",' '  "start": "manual",' '  "attrs": []' '}'
run list -d
expect "list -d shows it (active)" 0 "$U mtty mtty-2 manual (active)"
run list
expect "list shows it (defined)" 0 "$U mtty mtty-2 manual (defined)"
run list --dumpjson
expect_one_device_json "list --dumpjson" "$U" mtty-2 manual

run stop -u "$U"
expect "stop" 0
expect_stderr "stop prints nothing on stderr"
check "the kernel no longer has the device" [ ! -e "$BUS/$U" ]
check "its ports are free again" [ "$(available mtty-2)" = 12 ]
run list
expect "list is empty" 0
run list -d
expect "the definition stays" 0 "$U mtty mtty-2 manual"

# SPDX-License-Identifier: LGPL-2.1-or-later
# The command lines libvirt's node-device driver runs, on a real parent.
load_mtty
cat >/tmp/config.json <<'JSON'
{"mdev_type": "mtty-2", "start": "manual", "attrs": []}
JSON
run_with_stdin start --parent=mtty --jsonfile=/dev/stdin </tmp/config.json
expect_stderr "start --jsonfile /dev/stdin prints nothing on stderr"
U=$(head -c 36 $OUT)
check "start --jsonfile /dev/stdin succeeds" [ "$status" -eq 0 ]
check "and prints the new UUID, which the kernel has" [ -d "$BUS/$U" ]
check "of the type from the JSON" [ "$(basename "$(readlink -f "$BUS/$U/mdev_type")")" = mtty-2 ]

run list --dumpjson
expect_one_device_json "list --dumpjson" "$U" mtty-2 manual

run_with_stdin define --parent mtty --jsonfile /dev/stdin --uuid "$U" <<'JSON'
{"mdev_type": "mtty-2", "start": "auto", "attrs": []}
JSON
expect "define --jsonfile /dev/stdin --uuid" 0
run list --dumpjson --defined
expect_one_device_json "list --dumpjson --defined" "$U" mtty-2 auto

run modify --defined --live --jsonfile b --help
check "the --live probe exits 0" [ "$status" -eq 0 ]
run modify --uuid "$U" --manual
expect "modify --manual" 0
run list -d
expect "the definition is manual now" 0 "$U mtty mtty-2 manual (active)"

run stop --uuid "$U"
expect "stop --uuid" 0
check "the kernel no longer has it" [ ! -e "$BUS/$U" ]
run start --uuid "$U"
expect "start --uuid of the definition" 0
check "the kernel has it again" [ -d "$BUS/$U" ]
run stop --uuid "$U"
run undefine --uuid "$U"
expect "undefine --uuid" 0
run list -d --dumpjson
expect "nothing is defined" 0 "[]"

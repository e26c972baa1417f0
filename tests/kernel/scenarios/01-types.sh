# SPDX-License-Identifier: LGPL-2.1-or-later
# `types` and `types --dumpjson` show what mtty registers.
load_mtty
run types
expect "types lists both mtty types" 0 \
  "mtty" \
  "  mtty-1" \
  "    Available instances: 24" \
  "    Device API: vfio-pci" \
  "    Name: Single port serial" \
  "  mtty-2" \
  "    Available instances: 12" \
  "    Device API: vfio-pci" \
  "    Name: Dual port serial"
expect_stderr "types prints nothing on stderr"

run types --dumpjson
expect "types --dumpjson" 0 \
  '[' \
  '  {' \
  '    "mtty": [' \
  '      {' \
  '        "mtty-1": {' \
  '          "available_instances": 24,' \
  '          "device_api": "vfio-pci",' \
  '          "name": "Single port serial"' \
  '        }' \
  '      },' \
  '      {' \
  '        "mtty-2": {' \
  '          "available_instances": 12,' \
  '          "device_api": "vfio-pci",' \
  '          "name": "Dual port serial"' \
  '        }' \
  '      }' \
  '    ]' \
  '  }' \
  ']'

run types -p mtty
check "types -p mtty names the parent first" grep -qx mtty $OUT

rmmod mtty
run types
expect "with the driver unloaded, types lists nothing" 0
check "and gives the no-parent hint on stderr" grep -q . $ERR

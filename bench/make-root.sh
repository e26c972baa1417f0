#!/bin/bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# Generates a large root for the benchmark.
# usage: make-root.sh DIR PARENTS TYPES_PER_PARENT ACTIVE DEFINED
set -euo pipefail
dir=$1 parents=$2 types=$3 active=$4 defined=$5
rm -rf "$dir"
mkdir -p "$dir/sys/class/mdev_bus" "$dir/sys/bus/mdev/devices" "$dir/etc/mdevctl.d/scripts.d/callouts" \
         "$dir/etc/mdevctl.d/scripts.d/notifiers"
uuid() { printf '%08x-0000-4000-8000-%012x' "$1" "$2"; }
for p in $(seq 0 $((parents - 1))); do
  name=$(printf '0000:%02x:00.0' $((p + 1)))
  pdir="$dir/sys/devices/pci0000:00/$name"
  mkdir -p "$pdir"
  ln -s "../../devices/pci0000:00/$name" "$dir/sys/class/mdev_bus/$name"
  for t in $(seq 1 "$types"); do
    tdir="$pdir/mdev_supported_types/nvidia-$((250 + t))"
    mkdir -p "$tdir/devices"
    echo 4096 > "$tdir/available_instances"; echo vfio-pci > "$tdir/device_api"
    echo "GRID T4-${t}Q" > "$tdir/name"
    printf 'num_heads=4, frl_config=60, framebuffer=%dM\nmax_instance=%d\n' $((t * 1024)) $((16 / t)) > "$tdir/description"
    : > "$tdir/create"
  done
done
for i in $(seq 0 $((active - 1))); do
  p=$((i % parents)); name=$(printf '0000:%02x:00.0' $((p + 1))); u=$(uuid 1 "$i")
  ddir="$dir/sys/devices/pci0000:00/$name/$u"
  mkdir -p "$ddir"; : > "$ddir/remove"
  ln -s ../mdev_supported_types/nvidia-251 "$ddir/mdev_type"
  ln -s "../../../devices/pci0000:00/$name/$u" "$dir/sys/bus/mdev/devices/$u"
done
for i in $(seq 0 $((defined - 1))); do
  p=$((i % parents)); name=$(printf '0000:%02x:00.0' $((p + 1)))
  mkdir -p "$dir/etc/mdevctl.d/$name"
  printf '{\n  "mdev_type": "nvidia-252",\n  "start": "auto",\n  "attrs": [\n    {\n      "frl": "60"\n    }\n  ]\n}' \
    > "$dir/etc/mdevctl.d/$name/$(uuid 2 "$i")"
done

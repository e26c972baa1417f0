#!/bin/bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# The zsh and fish completions in the shells themselves: zsh interactive on
# a pseudo-terminal with compinit (tests/install/zsh_complete.zsh), fish
# through `complete -C`. Each case types a line and checks the candidates.
#   tests/install/check_zsh_fish_completion.sh SOURCE_DIR
set -uo pipefail
src=$(cd "$1" && pwd)
fixtures=$src/tests/fixtures/sysfs
multi=$fixtures/multi-gpu
export MDEVCTL_ENV_ROOT=$fixtures/gvt-g
status=0

# expect SHELL LINE WANTED GOT [ERRORS]
expect() {
  echo "$1: '$2<TAB>' -> $4"
  if [ "$3" != "$4" ] || [ -n "${5:-}" ]; then
    echo "FAIL: wanted '$3'${5:+; the shell printed: $5}"
    status=1
  fi
}

zsh_case() {  # zsh_case WANTED LINE
  local errors got
  errors=$(mktemp)
  got=$(zsh -f "$src/tests/install/zsh_complete.zsh" "$src/completions" "$2" 2>"$errors" | paste -sd' ')
  expect zsh "$2" "$1" "$got" "$(cat "$errors")"
  rm -f "$errors"
}

fish_case() {  # fish_case WANTED LINE
  local got
  got=$(fish -c "source '$src/completions/mdevctl.fish'; source '$src/completions/lsmdev.fish'
                 complete -C '$2'" | cut -f1 | sort | paste -sd' ')
  expect fish "$2" "$1" "$got"
}

types="i915-GVTg_V5_1 i915-GVTg_V5_2 i915-GVTg_V5_4 i915-GVTg_V5_8"
nvidia="nvidia-251 nvidia-252 nvidia-254 nvidia-258"
uuids="5cf14a12-a437-4c82-a13f-70e945782d7b 83c32df7-d52e-4ec1-9668-1f3c7e4df107 85006552-1b4b-45ef-ad62-de05be9171df b0a3989f-8138-4d49-b63a-59db28ec8b48"
multi_parents="0000:03:00.0 0000:04:00.0 0000:05:00.0 0000:06:00.0 0000:07:00.0 0000:08:00.0 0000:09:00.0 0000:0a:00.0"

zsh_case "start stop" "mdevctl st"
zsh_case "list" "mdevctl help li"
zsh_case "--force" "mdevctl start --f"
zsh_case "--force" "mdevctl undefine --fo"
zsh_case "--live" "mdevctl modify --li"
zsh_case "0000:00:02.0" "mdevctl start -p "
zsh_case "$types" "mdevctl define -p 0000:00:02.0 -t "
zsh_case "$uuids" "mdevctl stop -u "
zsh_case "kernel udev" "mdevctl monitor --source "
zsh_case "$multi_parents" "mdevctl --root $multi types -p 0000:0"
zsh_case "$nvidia" "mdevctl --root $multi define -p 0000:06:00.0 -t "
zsh_case "--defined --dumpjson" "lsmdev --d"

fish_case "start stop" "mdevctl st"
fish_case "list" "mdevctl help li"
fish_case "$types" "mdevctl start -p 0000:00:02.0 -t "
fish_case "$uuids" "mdevctl stop -u "
fish_case "$multi_parents" "mdevctl --root $multi types -p 0000:0"
fish_case "$nvidia" "mdevctl --root $multi define -p 0000:06:00.0 -t "
fish_case "--defined" "lsmdev --def"
[ $status -eq 0 ] && echo "zsh and fish completion: ok"
exit $status

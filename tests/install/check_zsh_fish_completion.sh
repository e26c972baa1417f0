#!/bin/bash
# The zsh and fish completions: zsh's value helpers called with a stubbed
# completion system, fish's through `complete -C` as the shell itself would.
#   tests/install/check_zsh_fish_completion.sh SOURCE_DIR
set -uo pipefail
src=$(cd "$1" && pwd)
export MDEVCTL_ENV_ROOT=$src/tests/fixtures/sysfs/gvt-g
status=0
expect() {  # expect WHAT WANTED GOT
  if [ "$2" != "$3" ]; then
    echo "FAIL: $1: got '$3', wanted '$2'"
    status=1
  fi
}
types="i915-GVTg_V5_1 i915-GVTg_V5_2 i915-GVTg_V5_4 i915-GVTg_V5_8"
uuids="5cf14a12-a437-4c82-a13f-70e945782d7b 83c32df7-d52e-4ec1-9668-1f3c7e4df107 85006552-1b4b-45ef-ad62-de05be9171df b0a3989f-8138-4d49-b63a-59db28ec8b48"

got=$(zsh -f -c '
  _describe() { print -l -- ${(P)${@[-1]}} }  # the array named last
  _arguments() { : }
  service=mdevctl
  source "$1"
  words=(mdevctl start -p 0000:00:02.0 -t "")
  CURRENT=6
  print -- $(_mdevctl_types)
  print -- $(_mdevctl_uuids | sort)
  print -- $(_mdevctl_parents)
' zsh "$src/completions/_mdevctl" 2>&1)
expect "zsh types" "$types" "$(sed -n 1p <<<"$got")"
expect "zsh uuids" "$uuids" "$(sed -n 2p <<<"$got")"
expect "zsh parents" "0000:00:02.0" "$(sed -n 3p <<<"$got")"

fish_complete() {
  fish -c "source '$src/completions/mdevctl.fish'; source '$src/completions/lsmdev.fish'; complete -C '$1'" |
    cut -f1 | sort | paste -sd' '
}
expect "fish commands" "start stop" "$(fish_complete 'mdevctl st')"
expect "fish types" "$types" "$(fish_complete 'mdevctl start -p 0000:00:02.0 -t ')"
expect "fish uuids" "$uuids" "$(fish_complete 'mdevctl stop -u ')"
expect "fish lsmdev" "--defined" "$(fish_complete 'lsmdev --def')"
[ $status -eq 0 ] && echo "zsh and fish completion: ok"
exit $status

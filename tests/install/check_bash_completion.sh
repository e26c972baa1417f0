#!/bin/bash
# Loads the bash completion in a non-interactive bash, as bash-completion
# would, and completes a few command lines against a fixture root.
#   tests/install/check_bash_completion.sh SOURCE_DIR
set -uo pipefail
src=$(cd "$1" && pwd)
[ -f /usr/share/bash-completion/bash_completion ] && source /usr/share/bash-completion/bash_completion
source "$src/completions/mdevctl.bash"
export MDEVCTL_ENV_ROOT=$src/tests/fixtures/sysfs/gvt-g
status=0

# complete WANTED WORD...: completing the last WORD gives exactly WANTED.
complete_as() {
  local wanted=$1
  shift
  COMP_WORDS=("$@")
  COMP_CWORD=$(($# - 1))
  COMP_LINE="$*"
  COMP_LINE=${COMP_LINE// :/:}
  COMP_POINT=${#COMP_LINE}
  COMPREPLY=()
  _mdevctl
  local got
  got=$(printf '%s\n' "${COMPREPLY[@]}" | sort | paste -sd' ')
  if [ "$got" != "$wanted" ]; then
    echo "FAIL: '$*' completed to '$got', wanted '$wanted'"
    status=1
  fi
}

complete_as "define" mdevctl de
complete_as "modify" mdevctl mod
complete_as "modify monitor" mdevctl mo
complete_as "kernel" mdevctl monitor --source k
complete_as "--defined --dumpjson" mdevctl list --d
complete_as "--live" mdevctl modify --li
complete_as "0000:00:02.0" mdevctl start -p ""
# bash splits words at ':' and replaces only what follows the last one.
complete_as "00:02.0" mdevctl start -p 0000 :
complete_as "i915-GVTg_V5_1 i915-GVTg_V5_2 i915-GVTg_V5_4 i915-GVTg_V5_8" mdevctl start -p 0000:00:02.0 -t ""
complete_as "5cf14a12-a437-4c82-a13f-70e945782d7b" mdevctl stop -u 5c
complete_as "83c32df7-d52e-4ec1-9668-1f3c7e4df107 85006552-1b4b-45ef-ad62-de05be9171df" mdevctl undefine --uuid 8
complete_as "--defined" lsmdev --def
complete_as "--root" mdevctl --ro
[ $status -eq 0 ] && echo "bash completion: ok"
exit $status

#!/bin/bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# The bash completion as bash-completion loads it, on command lines split
# into words the way readline splits them (at blanks and at the characters
# of COMP_WORDBREAKS, ':' and '=' among them), against fixture roots.
#   tests/install/check_bash_completion.sh SOURCE_DIR
set -uo pipefail
src=$(cd "$1" && pwd)
source /usr/share/bash-completion/bash_completion || {
  echo "FAIL: bash-completion is not installed"
  exit 1
}
source "$src/completions/mdevctl.bash"
fixtures=$src/tests/fixtures/sysfs
export MDEVCTL_ENV_ROOT=$fixtures/gvt-g
status=0

# Sets COMP_WORDS and COMP_CWORD for the cursor at the end of $1 as readline
# does: blanks separate words; a run of the other word-break characters is a
# word of its own, so 0000:00:02.0 is five words.
split_like_readline() {
  local line=$1 breaks=${COMP_WORDBREAKS//[[:space:]\"\']/} word="" c i kind last=""
  COMP_WORDS=()
  for ((i = 0; i < ${#line}; i++)); do
    c=${line:i:1}
    if [[ $c == [[:space:]] ]]; then
      kind=blank
    elif [[ $breaks == *"$c"* ]]; then
      kind=break
    else
      kind=word
    fi
    if [[ $kind != "$last" && -n $word ]]; then
      COMP_WORDS+=("$word")
      word=""
    fi
    [[ $kind != blank ]] && word+=$c
    last=$kind
  done
  if [[ -n $word ]]; then
    COMP_WORDS+=("$word")
  else
    COMP_WORDS+=("")  # after a blank: a new, empty word
  fi
  COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
  COMP_LINE=$line
  COMP_POINT=${#line}
}

# complete_as WANTED LINE: what bash offers at the end of LINE is exactly
# WANTED (after a colon: the part after it, as bash inserts it).
complete_as() {
  local wanted=$1 line=$2
  split_like_readline "$line"
  COMPREPLY=()
  _mdevctl
  local got
  got=$(printf '%s\n' "${COMPREPLY[@]}" | sort | paste -sd' ')
  echo "bash: '$line<TAB>' -> $got"
  if [ "$got" != "$wanted" ]; then
    echo "FAIL: wanted '$wanted'"
    status=1
  fi
}

# The splitting itself, so that the cases below are what bash would pass.
split_like_readline "mdevctl --root=/r define -p 0000:05:00.0 -t "
[ "${COMP_WORDS[*]}" = "mdevctl --root = /r define -p 0000 : 05 : 00.0 -t " ] || {
  echo "FAIL: split as '${COMP_WORDS[*]}'"
  status=1
}

multi=$fixtures/multi-gpu
complete_as "define" "mdevctl de"
complete_as "modify monitor" "mdevctl mo"
complete_as "help" "mdevctl he"
complete_as "list" "mdevctl help li"
complete_as "kernel" "mdevctl monitor --source k"
complete_as "--defined --dumpjson" "mdevctl list --d"
complete_as "--live" "mdevctl modify --li"
complete_as "--force" "mdevctl stop --fo"
complete_as "0000:00:02.0" "mdevctl start -p "
complete_as "00:02.0" "mdevctl start -p 0000:"
complete_as "02.0" "mdevctl start -p 0000:00:0"
complete_as "i915-GVTg_V5_1 i915-GVTg_V5_2 i915-GVTg_V5_4 i915-GVTg_V5_8" \
  "mdevctl start -p 0000:00:02.0 -t "
complete_as "5cf14a12-a437-4c82-a13f-70e945782d7b" "mdevctl stop -u 5c"
complete_as "83c32df7-d52e-4ec1-9668-1f3c7e4df107 85006552-1b4b-45ef-ad62-de05be9171df" \
  "mdevctl undefine --uuid 8"
# --root before the command, and a PCI parent with colons: the types of that parent.
complete_as "nvidia-251 nvidia-252 nvidia-254 nvidia-258" \
  "mdevctl --root $multi define -p 0000:06:00.0 -t "
complete_as "nvidia-251 nvidia-252 nvidia-254 nvidia-258" \
  "mdevctl --root=$multi start --parent 0000:06:00.0 --type nv"
complete_as "03:00.0 04:00.0 05:00.0 06:00.0 07:00.0 08:00.0 09:00.0 0a:00.0" \
  "mdevctl --root $multi types -p 0000:0"
complete_as "--defined" "lsmdev --def"
complete_as "--root" "mdevctl --ro"
[ $status -eq 0 ] && echo "bash completion: ok"
exit $status

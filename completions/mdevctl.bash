# SPDX-License-Identifier: LGPL-2.1-or-later
# bash completion for mdevctl and lsmdev: commands, options, and live values
# (parents from sys/class/mdev_bus, the chosen parent's types, known UUIDs)
# under the root the command line or MDEVCTL_ENV_ROOT names.

_mdevctl_commands="list types define undefine modify start stop monitor version help"

# The value of option $1 (long spelling $2) on the command line so far, in
# _mdevctl's `words` (rejoined at colons: 0000:00:02.0 is one word).
_mdevctl_option_value() {
  local i word
  for ((i = 1; i < cword; i++)); do
    word=${words[i]}
    if [[ $word == "$2" && ${words[i + 1]} == = ]]; then
      printf '%s' "${words[i + 2]}"  # --root=DIR: bash split it at '='
      return
    elif [[ $word == "$1" || $word == "$2" ]]; then
      printf '%s' "${words[i + 1]}"
      return
    elif [[ $word == "$2="* ]]; then
      printf '%s' "${word#*=}"
      return
    fi
  done
}

_mdevctl_root() {
  local root
  root=$(_mdevctl_option_value --root --root)
  printf '%s' "${root:-${MDEVCTL_ENV_ROOT:-}}"
}

_mdevctl_names() {
  local dir=$1 entry
  for entry in "$dir"/*; do
    [[ -e $entry || -L $entry ]] && printf '%s\n' "${entry##*/}"
  done
}

_mdevctl_parents() { _mdevctl_names "$(_mdevctl_root)/sys/class/mdev_bus"; }

_mdevctl_types() {
  local root parent
  root=$(_mdevctl_root)
  parent=$(_mdevctl_option_value -p --parent)
  if [[ -n $parent ]]; then
    _mdevctl_names "$root/sys/class/mdev_bus/$parent/mdev_supported_types"
  else
    local p
    for p in "$root"/sys/class/mdev_bus/*/mdev_supported_types; do _mdevctl_names "$p"; done | sort -u
  fi
}

# Defined and running devices.
_mdevctl_uuids() {
  local root d
  root=$(_mdevctl_root)
  {
    for d in "$root"/etc/mdevctl.d/*/; do
      [[ ${d%/} == */scripts.d ]] || _mdevctl_names "${d%/}"
    done
    _mdevctl_names "$root/sys/bus/mdev/devices"
  } | grep -E '^[0-9a-fA-F-]{36}$' | sort -u
}

_mdevctl_options() {
  case $1 in
    list) echo "-d --defined -u --uuid -p --parent -v --verbose --dumpjson -h --help" ;;
    types) echo "-p --parent --dumpjson -h --help" ;;
    define) echo "-u --uuid -p --parent -t --type -a --auto --jsonfile --count -f --force -h --help" ;;
    undefine) echo "-u --uuid -p --parent -f --force -h --help" ;;
    modify) echo "-u --uuid -p --parent -t --type --addattr --value -i --index --delattr -a --auto
                  -m --manual --jsonfile -l --live -d --defined -f --force -h --help" ;;
    start) echo "-u --uuid -p --parent -t --type --jsonfile -f --force -h --help" ;;
    stop) echo "-u --uuid -f --force -h --help" ;;
    monitor) echo "--source --events --grace --vgpu-retry -h --help" ;;
    version) echo "-h --help" ;;
    "") echo "--root --jobs --callout-timeout -h --help -V --version" ;;
  esac
}

_mdevctl() {
  local cur prev words cword
  # Parent names hold colons (0000:00:02.0), which bash splits words on
  # (COMP_WORDBREAKS): bash-completion joins them again.
  if declare -F _get_comp_words_by_ref >/dev/null; then
    _get_comp_words_by_ref -n : cur prev words cword
  else
    words=("${COMP_WORDS[@]}") cword=$COMP_CWORD
    cur=${words[cword]} prev=${words[cword - 1]}
  fi
  local command="" i
  [[ ${words[0]##*/} == lsmdev ]] && command=list
  for ((i = 1; i < cword; i++)); do
    case ${words[i]} in
      --root | --jobs | --callout-timeout) ((i++)) ;;  # their value is not the command
      list | types | define | undefine | modify | start | stop | monitor | version | help | start-parent-mdevs)
        command=${words[i]}
        break
        ;;
    esac
  done

  local values=""
  case $prev in
    -u | --uuid) values=$(_mdevctl_uuids) ;;
    -p | --parent | start-parent-mdevs) values=$(_mdevctl_parents) ;;
    -t | --type) values=$(_mdevctl_types) ;;
    --source) values="udev kernel" ;;
    --jsonfile)
      mapfile -t COMPREPLY < <(compgen -f -- "$cur")
      return
      ;;
    --root)
      mapfile -t COMPREPLY < <(compgen -d -- "$cur")
      return
      ;;
    --addattr | --value | -i | --index | --jobs | --callout-timeout) return ;;
    *)
      if [[ $command == help ]]; then
        ((cword == i + 1)) && values=$_mdevctl_commands
      elif [[ $command == "" ]]; then
        values="$_mdevctl_commands $(_mdevctl_options "")"
      else
        values=$(_mdevctl_options "$command")
      fi
      ;;
  esac
  mapfile -t COMPREPLY < <(compgen -W "$values" -- "$cur")
  if declare -F __ltrim_colon_completions >/dev/null; then
    __ltrim_colon_completions "$cur"
  fi
}

complete -F _mdevctl mdevctl lsmdev

#!/usr/bin/zsh -f
# SPDX-License-Identifier: LGPL-2.1-or-later
# zsh_complete.zsh COMPLETION_DIR LINE: types LINE and a TAB into an
# interactive zsh on a pseudo-terminal (zpty) with compinit and our
# completion loaded, and prints the candidates zsh's completion system
# offers, one per line, sorted. What the shell printed to the terminal that
# looks like an error of a completion function goes to stderr.
zmodload zsh/zpty || exit 2
local dir=$1 line=$2 chunk screen="" tries
local capture=$(mktemp)
trap 'rm -f $capture; zpty -d typist 2>/dev/null' EXIT

# Waits (10 s at most) until the capture file has the line $1.
await() {
  for (( tries = 0; tries < 200; tries++ )); do
    grep -qx -- $1 $capture && return 0
    sleep 0.05
  done
  return 1
}

zpty typist zsh -f -i
zpty -w typist "PS1='' PS2=''; fpath=($dir \$fpath); autoload -U compinit; compinit -u -D"
# Each candidate that reaches compadd, after zsh's own matching against
# what was typed (compadd -O), goes to the capture file; a call that only
# asks for matches (-O, -A, -D) is passed through untouched.
zpty -w typist "compadd() { if (( \${@[(I)-[OAD]]} )); then builtin compadd \"\$@\"; return; fi;" \
  "local -a seen; builtin compadd -O seen \"\$@\"; print -rl -- \$seen >> $capture;" \
  "builtin compadd \"\$@\"; }"
zpty -w typist "zle-line-init() { comppostfuncs=(_test_done); }; zle -N zle-line-init"
zpty -w typist "_test_done() { print -r -- '<done>' >> $capture; }; print -r -- '<ready>' >> $capture"
await '<ready>' || { print -u2 "zsh did not start"; exit 2; }
zpty -w -n typist "$line"$'\t'
await '<done>' || print -u2 "no completion for: $line"
while zpty -r -t typist chunk 2>/dev/null; do screen+=$chunk; done
print -r -- $screen | grep -aE '_arguments|comparguments|command not found|bad pattern|parse error' >&2
grep -vxE '<(ready|done)>' $capture | sort -u

# SPDX-License-Identifier: LGPL-2.1-or-later
# fish completion for lsmdev (mdevctl list); the value helpers are mdevctl's.
functions -q __mdevctl_uuids; or source (status dirname)/mdevctl.fish 2>/dev/null
complete -c lsmdev -f
complete -c lsmdev -s d -l defined -d 'Defined devices'
complete -c lsmdev -s u -l uuid -x -a '(__mdevctl_uuids)' -d 'UUID of the device'
complete -c lsmdev -s p -l parent -x -a '(__mdevctl_parents)' -d 'Parent device'
complete -c lsmdev -s v -l verbose -d 'Show attributes'
complete -c lsmdev -l dumpjson -d 'JSON output'
complete -c lsmdev -s h -l help -d 'Show help'

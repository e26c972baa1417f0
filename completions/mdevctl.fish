# SPDX-License-Identifier: LGPL-2.1-or-later
# fish completion for mdevctl, with live values from sysfs and /etc/mdevctl.d
# under --root or MDEVCTL_ENV_ROOT.

function __mdevctl_root
    set -l tokens (commandline -opc)
    for i in (seq (count $tokens))
        switch $tokens[$i]
            case --root
                echo $tokens[(math $i + 1)]
                return
            case '--root=*'
                string replace -- --root= '' $tokens[$i]
                return
        end
    end
    echo $MDEVCTL_ENV_ROOT
end

function __mdevctl_parents
    for p in (__mdevctl_root)/sys/class/mdev_bus/*
        basename $p
    end
end

function __mdevctl_types
    set -l tokens (commandline -opc)
    set -l parent '*'
    for i in (seq (count $tokens))
        switch $tokens[$i]
            case -p --parent
                set parent $tokens[(math $i + 1)]
        end
    end
    for t in (__mdevctl_root)/sys/class/mdev_bus/$parent/mdev_supported_types/*
        basename $t
    end | sort -u
end

function __mdevctl_uuids
    set -l root (__mdevctl_root)
    for u in $root/etc/mdevctl.d/*/* $root/sys/bus/mdev/devices/*
        basename $u
    end | string match -r '^[0-9a-fA-F-]{36}$' | sort -u
end

set -l commands list types define undefine modify start stop monitor version
complete -c mdevctl -f
complete -c mdevctl -n "not __fish_seen_subcommand_from $commands" -a list -d 'List mediated devices'
complete -c mdevctl -n "not __fish_seen_subcommand_from $commands" -a types -d 'List the mdev types of each parent'
complete -c mdevctl -n "not __fish_seen_subcommand_from $commands" -a define -d 'Define a persistent device'
complete -c mdevctl -n "not __fish_seen_subcommand_from $commands" -a undefine -d 'Remove a definition'
complete -c mdevctl -n "not __fish_seen_subcommand_from $commands" -a modify -d 'Change a definition or a running device'
complete -c mdevctl -n "not __fish_seen_subcommand_from $commands" -a start -d 'Start a device'
complete -c mdevctl -n "not __fish_seen_subcommand_from $commands" -a stop -d 'Stop a device'
complete -c mdevctl -n "not __fish_seen_subcommand_from $commands" -a monitor -d 'Autostart devices as parents appear and report changes'
complete -c mdevctl -n "not __fish_seen_subcommand_from $commands" -a version -d 'Print the version'
complete -c mdevctl -n "not __fish_seen_subcommand_from $commands" -a help -d 'Show the help of a command'
complete -c mdevctl -n "__fish_seen_subcommand_from monitor" -l source -x -a 'udev kernel' -d 'Events from udev or the kernel'
complete -c mdevctl -n "__fish_seen_subcommand_from monitor" -l events -d 'One JSON line per change'
complete -c mdevctl -n "__fish_seen_subcommand_from monitor" -l grace -x -d 'Seconds call-outs may take after SIGTERM'
complete -c mdevctl -n "__fish_seen_subcommand_from monitor" -l vgpu-retry -x -d 'Seconds a vGPU VF is retried'
complete -c mdevctl -n "not __fish_seen_subcommand_from $commands" -l root -r -a '(__fish_complete_directories)' -d 'Use DIR as /'
complete -c mdevctl -n "not __fish_seen_subcommand_from $commands" -l jobs -x -d 'Devices handled at once'
complete -c mdevctl -n "not __fish_seen_subcommand_from $commands" -l callout-timeout -x -d 'Seconds a call-out may run'
complete -c mdevctl -n "not __fish_seen_subcommand_from $commands" -s V -l version -d 'Print the version'
complete -c mdevctl -s h -l help -d 'Show help'

complete -c mdevctl -n "__fish_seen_subcommand_from list define undefine modify start stop" -s u -l uuid -x -a '(__mdevctl_uuids)' -d 'UUID of the device'
complete -c mdevctl -n "__fish_seen_subcommand_from list types define undefine modify start" -s p -l parent -x -a '(__mdevctl_parents)' -d 'Parent device'
complete -c mdevctl -n "__fish_seen_subcommand_from define modify start" -s t -l type -x -a '(__mdevctl_types)' -d 'mdev type'
complete -c mdevctl -n "__fish_seen_subcommand_from define modify start" -l jsonfile -r -F -d 'Config file'
complete -c mdevctl -n "__fish_seen_subcommand_from define" -l count -x -d 'Devices on the free VFs of the PF'
complete -c mdevctl -n "__fish_seen_subcommand_from define undefine modify start stop" -s f -l force -d 'Carry on when the pre call-out fails'
complete -c mdevctl -n "__fish_seen_subcommand_from list" -s d -l defined -d 'Defined devices'
complete -c mdevctl -n "__fish_seen_subcommand_from list" -s v -l verbose -d 'Show attributes'
complete -c mdevctl -n "__fish_seen_subcommand_from list types" -l dumpjson -d 'JSON output'
complete -c mdevctl -n "__fish_seen_subcommand_from define modify" -s a -l auto -d 'Start automatically'
complete -c mdevctl -n "__fish_seen_subcommand_from modify" -s m -l manual -d 'Start manually'
complete -c mdevctl -n "__fish_seen_subcommand_from modify" -l addattr -x -d 'Add an attribute'
complete -c mdevctl -n "__fish_seen_subcommand_from modify" -l value -x -d 'Value of the attribute'
complete -c mdevctl -n "__fish_seen_subcommand_from modify" -s i -l index -x -d 'Attribute index'
complete -c mdevctl -n "__fish_seen_subcommand_from modify" -l delattr -d 'Delete an attribute'
complete -c mdevctl -n "__fish_seen_subcommand_from modify" -s l -l live -d 'Change the running device'
complete -c mdevctl -n "__fish_seen_subcommand_from modify" -s d -l defined -d 'With --live: the definition too'

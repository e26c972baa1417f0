# SPDX-License-Identifier: LGPL-2.1-or-later
# Where mdevctl is installed and where it looks. Everything follows
# CMAKE_INSTALL_PREFIX (default /usr, as for the distribution's own mdevctl)
# and the cache variables below; the binary compiles in the same paths it is
# installed with (src/io/install_paths.h.in), so a packager who moves one moves
# both. The root override (--root, MDEVCTL_ENV_ROOT) is joined in front of them.
include(GNUInstallDirs)
find_package(PkgConfig QUIET)

# A pkg-config variable of a module (empty if the module has it empty), or
# `fallback` when there is no such module or variable.
function(mdevctl_pkg_variable out module variable fallback)
  set(value "${fallback}")
  if(PKG_CONFIG_FOUND)
    execute_process(COMMAND ${PKG_CONFIG_EXECUTABLE} --print-variables ${module}
                    OUTPUT_VARIABLE variables RESULT_VARIABLE status ERROR_QUIET)
    string(REPLACE "\n" ";" variables "${variables}")
    if(status EQUAL 0 AND variable IN_LIST variables)
      execute_process(COMMAND ${PKG_CONFIG_EXECUTABLE} --variable=${variable} ${module}
                      OUTPUT_VARIABLE value OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET)
    endif()
  endif()
  set(${out} "${value}" PARENT_SCOPE)
endfunction()

# The rule and units go exactly where this system's udev and systemd keep
# theirs, or a package that replaces the distribution's mdevctl loses them on
# a merged /usr (DEP 17: /lib/X and /usr/lib/X are one file there, and dpkg
# removes the replaced package's name after unpacking ours). udev.pc and
# systemd.pc say where (Debian 13's systemd-dev: /usr/lib); Debian 12 has
# no udev.pc, and its systemd.pc's empty rootprefix means /lib. With neither,
# /usr/lib, which every udev and systemd of today read.
mdevctl_pkg_variable(root_prefix systemd rootprefix /usr)
mdevctl_pkg_variable(udev_default udev udevdir ${root_prefix}/lib/udev)
mdevctl_pkg_variable(unit_default systemd systemdsystemunitdir ${root_prefix}/lib/systemd/system)

# /etc even under /usr: libvirt and admins look for definitions in /etc/mdevctl.d.
set(MDEVCTL_SYSCONFDIR "/etc" CACHE PATH "Directory holding mdevctl.d and mdevctl/")
set(MDEVCTL_SCRIPTS_DIR "" CACHE PATH
    "Call-out and notifier scripts of vendor packages (default PREFIX/lib/mdevctl/scripts.d)")
if(MDEVCTL_SCRIPTS_DIR STREQUAL "")
  # Not cached: it follows a later change of the prefix.
  set(MDEVCTL_SCRIPTS_DIR "${CMAKE_INSTALL_PREFIX}/lib/mdevctl/scripts.d")
endif()
set(MDEVCTL_UDEV_DIR "${udev_default}" CACHE PATH "udev's directory (rules go to rules.d in it)")
set(MDEVCTL_SYSTEMD_UNIT_DIR "${unit_default}" CACHE PATH "systemd's system unit directory")
# Debian's zsh reads vendor-completions, Fedora's site-functions.
set(MDEVCTL_ZSH_COMPLETION_DIR "${CMAKE_INSTALL_DATADIR}/zsh/vendor-completions" CACHE PATH
    "Where zsh finds the completion _mdevctl")
set(MDEVCTL_BINARY "${CMAKE_INSTALL_FULL_BINDIR}/mdevctl")
set(MDEVCTL_MONITOR_PROGRAM "${CMAKE_INSTALL_FULL_LIBEXECDIR}/mdevctl/mdevctl-monitor")

set(MDEVCTL_CONFIG_DIR "${MDEVCTL_SYSCONFDIR}/mdevctl.d")
set(MDEVCTL_SEED_DIR "${MDEVCTL_SYSCONFDIR}/mdevctl")

# The binary joins these to its root, so it wants them without the leading /.
foreach(var MDEVCTL_CONFIG_DIR MDEVCTL_SEED_DIR MDEVCTL_SCRIPTS_DIR)
  string(REGEX REPLACE "^/+" "" ${var}_IN_ROOT "${${var}}")
endforeach()

# The rule and the units name the binary where it is installed: Debian's
# mdevctl 1.2.0 ships a rule for /usr/sbin/mdevctl beside /usr/bin/mdevctl,
# and autostart never happens. Ours is in /usr/bin, where Debian's is (and
# where PATH finds lsmdev for every user), with links in /usr/sbin for
# whatever expects upstream's layout.
set(generated ${CMAKE_BINARY_DIR}/generated)
configure_file(udev/60-mdevctl.rules.in ${generated}/60-mdevctl.rules @ONLY)
configure_file(systemd/mdevctl-autostart@.service.in ${generated}/mdevctl-autostart@.service @ONLY)
configure_file(systemd/mdevctl-monitor.service.in ${generated}/mdevctl-monitor.service @ONLY)
configure_file(src/io/install_paths.h.in ${generated}/io/install_paths.h @ONLY)

install(TARGETS mdevctl RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(TARGETS mdevctl-monitor RUNTIME DESTINATION ${CMAKE_INSTALL_LIBEXECDIR}/mdevctl)
# Where bin and sbin are one directory (Fedora 42 and Arch: %{_sbindir} is
# %{_bindir}; a merged-usr system whose /usr/sbin links to bin), a link
# sbin/mdevctl -> ../bin/mdevctl would replace the program with a link to
# itself: there are no sbin links, decided here when the two paths are the
# same and at install time when one directory is a link to the other.
file(RELATIVE_PATH sbin_to_binary ${CMAKE_INSTALL_FULL_SBINDIR} ${MDEVCTL_BINARY})
set(sbin_links "")
if(NOT CMAKE_INSTALL_FULL_SBINDIR STREQUAL CMAKE_INSTALL_FULL_BINDIR)
  set(sbin_links "
  file(REAL_PATH \"\${bin}\" real_bin)
  set(real_sbin \"\")
  if(EXISTS \"\${sbin}\")
    file(REAL_PATH \"\${sbin}\" real_sbin)
  endif()
  if(NOT real_sbin STREQUAL real_bin)
    file(MAKE_DIRECTORY \"\${sbin}\")
    foreach(name mdevctl lsmdev)
      execute_process(COMMAND ${CMAKE_COMMAND} -E create_symlink ${sbin_to_binary} \"\${sbin}/\${name}\")
    endforeach()
  endif()")
endif()
install(CODE "
  set(bin \"\$ENV{DESTDIR}${CMAKE_INSTALL_FULL_BINDIR}\")
  set(sbin \"\$ENV{DESTDIR}${CMAKE_INSTALL_FULL_SBINDIR}\")
  execute_process(COMMAND ${CMAKE_COMMAND} -E create_symlink mdevctl \"\${bin}/lsmdev\")
  ${sbin_links}")
install(FILES ${generated}/60-mdevctl.rules DESTINATION ${MDEVCTL_UDEV_DIR}/rules.d)
install(FILES ${generated}/mdevctl-autostart@.service ${generated}/mdevctl-monitor.service
        DESTINATION ${MDEVCTL_SYSTEMD_UNIT_DIR})
install(DIRECTORY DESTINATION ${MDEVCTL_CONFIG_DIR})
foreach(dir ${MDEVCTL_SCRIPTS_DIR}/callouts ${MDEVCTL_SCRIPTS_DIR}/notifiers
            ${MDEVCTL_SEED_DIR}/callouts/command.d ${MDEVCTL_SEED_DIR}/callouts/get.d
            ${MDEVCTL_SEED_DIR}/notification/notifiers.d)
  install(DIRECTORY DESTINATION ${dir})
endforeach()
install(FILES ${CMAKE_BINARY_DIR}/man/mdevctl.8 ${CMAKE_BINARY_DIR}/man/lsmdev.8
        DESTINATION ${CMAKE_INSTALL_MANDIR}/man8)
install(FILES completions/mdevctl.bash DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions
        RENAME mdevctl)
install(FILES completions/mdevctl.bash DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions
        RENAME lsmdev)
install(FILES completions/_mdevctl DESTINATION ${MDEVCTL_ZSH_COMPLETION_DIR})
install(FILES completions/mdevctl.fish completions/lsmdev.fish
        DESTINATION ${CMAKE_INSTALL_DATADIR}/fish/vendor_completions.d)

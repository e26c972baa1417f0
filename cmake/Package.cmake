# `cpack -G DEB` in the build dir: one package that replaces the
# distribution's mdevctl and installs the layout of InstallLayout.cmake.
set(CPACK_PACKAGE_NAME mdevctl-cpp)
set(CPACK_PACKAGE_VENDOR "mdevctl-cpp")
set(CPACK_PACKAGE_CONTACT "mdevctl-cpp maintainers <root@localhost>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "Mediated device management utility (drop-in mdevctl)")
set(CPACK_PACKAGE_DESCRIPTION
    "Defines, persists, starts and stops mediated devices (vGPUs, vfio-ap, vfio-ccw) through\n"
    "sysfs, with call-out scripts, notifiers and udev-driven autostart. Same commands, files\n"
    "and output as mdevctl, on an asynchronous engine with call-out timeouts.")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_GENERATOR DEB)
# Absolute destinations (/etc, /lib/udev) go through DESTDIR like the rest.
set(CPACK_SET_DESTDIR ON)
set(CPACK_PACKAGING_INSTALL_PREFIX ${CMAKE_INSTALL_PREFIX})
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION admin)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)  # a static build needs nothing; a dynamic one says what
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "udev")
set(CPACK_DEBIAN_PACKAGE_PROVIDES "mdevctl")
set(CPACK_DEBIAN_PACKAGE_CONFLICTS "mdevctl")
set(CPACK_DEBIAN_PACKAGE_REPLACES "mdevctl")
set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA ${CMAKE_SOURCE_DIR}/debian/postinst)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
include(CPack)

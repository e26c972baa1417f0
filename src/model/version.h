// SPDX-License-Identifier: LGPL-2.1-or-later
#pragma once
// What --version says after the program's name: our own version (CMake's
// project version), and that this is not one of upstream mdevctl's releases.
namespace mdev {

inline constexpr const char* kVersionSuffix =
    " " MDEVCTL_VERSION " (mdevctl-cpp, a reimplementation; not an upstream release)";

}  // namespace mdev

// SPDX-License-Identifier: LGPL-2.1-or-later
#pragma once
// `mdevctl monitor` is the program mdevctl-monitor: it links libudev and
// libsystemd, which would cost every one-shot command their loading.

namespace mdev {

// Replaces this process with mdevctl-monitor and the same arguments. It is
// looked for beside this binary (a build tree), then where it is installed.
// Returns only by throwing, with the reason.
[[noreturn]] void run_monitor_program(int argc, char** argv);

}  // namespace mdev

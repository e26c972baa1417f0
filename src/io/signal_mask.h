// SPDX-License-Identifier: LGPL-2.1-or-later
#pragma once

namespace mdev {

// SIGTERM, SIGINT and SIGHUP held back (blocked, so they wait as pending)
// from the first moment, until the monitor has handlers for them: systemd may
// stop it within milliseconds of starting it. The mask survives exec, so
// `mdevctl monitor` holds them across the exec of mdevctl-monitor.
void hold_stop_signals();
// Lets them through: one that came meanwhile is delivered now.
void release_stop_signals();

}  // namespace mdev

// SPDX-License-Identifier: LGPL-2.1-or-later
#pragma once
// The monitor under systemd: readiness and status for a Type=notify unit,
// and whether its log lines go to the journal (which then wants a priority
// prefix on each). Only `mdevctl-monitor` links it (and libsystemd).
#include <string>

namespace mdev {

// "READY=1", "STATUS=...", "STOPPING=1"; nothing happens outside systemd.
void notify_service_manager(const std::string& state);

// True when stderr is the journal stream systemd gave this service.
bool stderr_is_journal();

}  // namespace mdev

// SPDX-License-Identifier: LGPL-2.1-or-later
#pragma once
// Only mdevctl-monitor has this command: it needs libudev and libsystemd.
#include <asio/awaitable.hpp>
#include <functional>
#include <string>
#include <string_view>

#include "commands/requests.h"
#include "engine/context.h"

namespace mdev {

// One --events line (without newline); empty without --events.
using EventPrinter = std::function<void(std::string_view line)>;

// Runs until the runtime is stopping (SIGTERM, SIGINT: heard by the runtime).
asio::awaitable<std::string> monitor_command(Context& ctx, MonitorRequest request,
                                             EventPrinter print_event);

}  // namespace mdev

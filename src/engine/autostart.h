// SPDX-License-Identifier: LGPL-2.1-or-later
#pragma once
// Autostart (behaviour.md section 7): every `auto` device of the given
// parents that is not running gets the full start pipeline. Devices run
// concurrently up to ctx.options.jobs under the two rules real call-out scripts rely
// on: devices of one script never overlap their pre -> action -> post, and a
// parent's sysfs writes go one device at a time in UUID order. Notifiers
// overlap everything; each device's log lines come out together, in UUID order.
// The one autostart path: `start-parent-mdevs` calls it, and so will the monitor.
#include <asio/awaitable.hpp>
#include <string>
#include <vector>

#include "engine/context.h"

namespace mdev {

// What became of one auto device: "started", "already running" or "failed"
// (with the reason in `message`).
struct AutostartResult {
  std::string uuid, type, result, message;
  // Failed, but may start later unchanged: a vGPU whose type its VF cannot
  // create yet (engine/vgpu_actions.h); the monitor tries it again.
  bool retryable = false;
};

struct AutostartTally {
  std::string parent;
  unsigned started = 0, already_running = 0, failed = 0;
  std::vector<AutostartResult>
      devices;  // with AutostartReport::kDevices, in the order they finished
};

// Whether a tally lists its devices (the monitor's events) or only counts them.
enum class AutostartReport { kCounts, kDevices };

// "PARENT: N started, N already running, N failed": the line autostart prints per parent.
std::string summary_line(const AutostartTally& tally);

// One tally per parent that has definitions, in the order given. Parents
// without definitions are skipped. Two autostarts of one parent, in this
// process or another, never run at once: the second waits, then finds its
// devices already running.
asio::awaitable<std::vector<AutostartTally>> autostart_parents(
    Context& ctx, std::vector<std::string> parents,
    AutostartReport report = AutostartReport::kCounts);

}  // namespace mdev

// SPDX-License-Identifier: LGPL-2.1-or-later
#include "engine/sriov_enable.h"

#include <algorithm>
#include <cstdio>

#include "async/poll_until.h"
#include "engine/kernel_actions.h"

namespace mdev {
namespace {

using Outcome = SriovStep::Outcome;

constexpr const char* kNvidiaVendor = "0x10de";

// The index of the last would-be VF with an auto definition, plus one; 0
// when none has one.
asio::awaitable<unsigned> vfs_needed(Context& ctx, const std::vector<std::string>& vfs) {
  unsigned needed = 0;
  for (unsigned n = 0; n < vfs.size(); ++n) {
    if (!ctx.store.has_parent(vfs[n])) continue;
    auto loaded = co_await ctx.store.load_parent(ctx.runtime.workers(), vfs[n]);
    for (const auto& warning : loaded.warnings) ctx.log.warn(warning);
    bool automatic = std::any_of(loaded.devices.begin(), loaded.devices.end(),
                                 [](const Device& d) { return d.config.autostart; });
    if (automatic) needed = n + 1;
  }
  co_return needed;
}

std::string in_seconds(std::chrono::milliseconds pause) {
  char text[32];
  std::snprintf(text, sizeof text, "%.1f", pause.count() / 1000.0);
  return text;
}

}  // namespace

asio::awaitable<SriovStep> enable_vfs_for_definitions(
    Context& ctx, const std::string& address, std::function<void(const std::string&)> on_try) {
  SriovStep step{Outcome::kNothingToDo, address};
  auto pf = ctx.sysfs.sriov().pf(address);
  if (!pf || pf->enabled != 0) co_return step;  // never change a count already set
  const unsigned needed = co_await vfs_needed(ctx, ctx.sysfs.sriov().vf_addresses(*pf));
  if (needed == 0) co_return step;
  step.vfs = needed;
  if (!ctx.options.sriov_enable) {
    step.outcome = Outcome::kSwitchedOff;
    step.message = address + ": not enabling SR-IOV although VFs up to " + std::to_string(needed) +
                   " have auto definitions: MDEVCTL_SRIOV_ENABLE=0";
    ctx.log.warn(step.message);
    co_return step;
  }

  const std::string tool =
      pf->vendor == kNvidiaVendor ? ctx.sysfs.sriov().nvidia_tool() : std::string();
  const std::string how =
      tool.empty() ? std::to_string(needed) + " to sriov_numvfs" : "sriov-manage -e " + address;
  auto say = [&](const std::string& line, bool warning) {
    warning ? ctx.log.warn(line) : ctx.log.info(line);
    if (on_try) on_try(line);
  };
  const async::Backoff backoff{ctx.options.sriov_first_pause, ctx.options.sriov_first_pause * 8};
  std::chrono::milliseconds pause = backoff.first;
  std::string failure;
  std::function<asio::awaitable<bool>()> enabled = [&]() -> asio::awaitable<bool> {
    ++step.tries;
    say(address + ": enabling SR-IOV for the VFs with auto definitions (try " +
            std::to_string(step.tries) + "): " + how,
        false);
    failure.clear();
    if (tool.empty()) {
      try {
        co_await enable_vfs_in_kernel(ctx, address, needed);
      } catch (const Error& e) {
        failure = e.what();
      }
    } else {
      std::vector<std::string> argv{tool, "-e", address};  // gcc 12: no braced list in co_await
      ProcessResult run = co_await ctx.runtime.children().run(std::move(argv), "");
      if (!run.succeeded()) failure = tool + " -e " + address + ": " + run.describe();
    }
    // Success is the count the kernel shows, not what the tool said.
    unsigned now = ctx.sysfs.sriov().enabled(address).value_or(0);
    if (now > 0) {
      step.vfs = now;
      co_return true;
    }
    if (failure.empty()) failure = how + " left sriov_numvfs at 0";
    say(address + ": " + failure + "; trying again in " + in_seconds(pause) + " s", true);
    pause = std::min(pause * 2, backoff.most);
    co_return false;
  };
  if (co_await async::poll_until(enabled, ctx.options.sriov_wait, backoff)) {
    step.outcome = Outcome::kEnabled;
    step.message = address + ": SR-IOV enabled: " + std::to_string(step.vfs) + " VF(s)";
    // The step's result, shown as autostart's tally is (the monitor reports
    // it as its own event, not as one more try).
    ctx.log.summary(step.message);
  } else {
    step.outcome = Outcome::kFailed;
    step.message = address + ": SR-IOV not enabled after " + std::to_string(step.tries) +
                   " tries (" + failure + ")";
    ctx.log.error(step.message);
  }
  co_return step;
}

}  // namespace mdev

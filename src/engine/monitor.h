// SPDX-License-Identifier: LGPL-2.1-or-later
#pragma once
// The long-running front end (behaviour.md section 8): autostart every parent
// present that has definitions (cold plug), then autostart each parent that
// registers with mdev, and, with an event sink, report every change to
// definitions, devices and parents as one line each (model/monitor_event.h).
//
// One autostart pass runs at a time, for every parent waiting: the rules of
// section 7 (one script's devices never overlap) then hold across parents,
// and events for a parent that is waiting or being handled coalesce into one
// more pass.
#include <asio/awaitable.hpp>
#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <string_view>

#include "async/clock.h"
#include "async/event.h"
#include "engine/autostart.h"
#include "engine/callouts.h"
#include "engine/context.h"
#include "engine/kernel_actions.h"
#include "engine/logger.h"
#include "engine/retry_schedule.h"
#include "io/uevent_source.h"
#include "model/monitor_event.h"

namespace mdev {

// After the grace period, each post call-out (and notifier) still to run gets this long.
inline constexpr std::chrono::seconds kPostDeadlineAfterGrace{5};
// How long the last pass may take once the grace period is over: a kernel
// write that began just before it, then the posts of pipelines whose pre ran.
inline constexpr std::chrono::seconds kLastPassAfterGrace =
    kSysfsWriteDeadline + kPostDeadlineAfterGrace;

class ConfigWatch;

// What the monitor adds to the session's Context.
struct MonitorSetup {
  // Call-outs for one autostart pass, made fresh for each: scripts may be
  // added or changed while the monitor runs.
  std::function<std::unique_ptr<Callouts>(Logger&)> make_callouts = {};
  // After the runtime's `stopping`, how long running passes may take before
  // their call-outs are killed.
  std::chrono::milliseconds grace{10000};
  // --events: one line per change (without newline); empty when not asked for.
  std::function<void(std::string_view)> events = {};
  // How long a vGPU VF whose auto device cannot be created yet is tried
  // again (--vgpu-retry), and the first pause; pauses double up to a minute.
  std::chrono::milliseconds vgpu_retry_for{600000};
  std::chrono::milliseconds vgpu_first_pause{5000};
  // What the monitor is doing, for systemd's STATUS=; may be empty.
  std::function<void(const std::string&)> status = {};
};

class Monitor {
 public:
  // The root, its disk, the log, the options and the runtime are the
  // session's: `ctx` outlives the monitor.
  Monitor(Context& ctx, MonitorSetup setup);
  ~Monitor();

  // Cold plug, then events, until the runtime is stopping (SIGTERM, SIGINT).
  // Returns when the pass running then has finished, or, `grace` later, once
  // its call-outs were killed. Throws when a source fails.
  asio::awaitable<void> run(UeventSource& uevents, ConfigWatch* definitions);

 private:
  asio::awaitable<void> listen(UeventSource& uevents);
  asio::awaitable<void> watch(ConfigWatch& definitions);
  asio::awaitable<void> autostart_passes();
  asio::awaitable<void> grace_period();
  // Until the runtime is stopping; then wakes the passes to end.
  asio::awaitable<void> until_stopping();
  // Queues each VF whose retry is due (behaviour.md section 11: the kernel
  // says nothing when a type becomes creatable).
  asio::awaitable<void> vgpu_retries();
  void plan_retry(const std::string& vf, bool not_ready);
  void parent_gone(const std::string& name);
  void report_pass(const Context& ctx, std::vector<AutostartTally>& tallies);
  asio::awaitable<void> autostart_pass();
  asio::awaitable<void> sriov_pass();
  // An SR-IOV PF without VFs for the next pass; false for anything else.
  bool queue_sriov(const std::string& pf);
  void handle(const Uevent& event);
  // False when nothing is defined for the parent.
  bool queue_autostart(const std::string& parent);
  // Every definition now, by parent and UUID.
  asio::awaitable<std::map<std::string, std::map<std::string, MonitorEvent>>> all_definitions();
  asio::awaitable<void> definitions_changed(const std::set<std::string>& parents);
  void compare_definitions(const std::string& parent, std::map<std::string, MonitorEvent> now);
  void emit(const MonitorEvent& event);
  void status(const std::string& text);

  Context& ctx_;
  MonitorSetup setup_;
  async::Event& stopping_;               // the runtime's
  async::Event wake_;                    // for the passes, however many events asked (coalesces)
  std::set<std::string> waiting_;        // parents for the next pass
  std::set<std::string> sriov_waiting_;  // PFs for the next pass, before the parents
  std::set<std::string> parents_;        // present, as far as events tell
  struct Running {
    std::string parent, type;
    bool vgpu = false;  // the kernel sends no event when it goes
  };
  std::map<std::string, Running> running_;  // by UUID
  RetrySchedule retries_;                   // by VF
  // Definitions as last seen: parent -> UUID -> event with type and config.
  std::map<std::string, std::map<std::string, MonitorEvent>> defined_;
};

}  // namespace mdev

// SPDX-License-Identifier: LGPL-2.1-or-later
#include "engine/monitor.h"

#include <algorithm>
#include <asio/experimental/awaitable_operators.hpp>
#include <asio/use_awaitable.hpp>
#include <cstdio>

#include "async/sleep.h"
#include "engine/autostart.h"
#include "engine/parent_kind.h"
#include "engine/sriov_enable.h"
#include "io/child_process.h"
#include "io/config_watch.h"
#include "model/config.h"
#include "model/error.h"

namespace mdev {
namespace {

using namespace asio::experimental::awaitable_operators;

MonitorEvent parent_event(const char* name, const std::string& parent) {
  MonitorEvent event;
  event.event = name;
  event.parent = parent;
  return event;
}

MonitorEvent device_event(const char* name, const std::string& uuid, const std::string& parent,
                          const std::string& type) {
  MonitorEvent event = parent_event(name, parent);
  event.uuid = uuid;
  if (!type.empty()) event.type = type;
  return event;
}

// One definition as --events reports it.
std::map<std::string, MonitorEvent> definitions_of(const std::vector<Device>& devices) {
  std::map<std::string, MonitorEvent> out;
  for (const Device& device : devices) {
    MonitorEvent event = device_event("", device.uuid.str(), device.parent, device.config.type);
    event.has_config = true;
    event.config = config_to_compact_json(device.config);
    out[device.uuid.str()] = std::move(event);
  }
  return out;
}

}  // namespace

// A VF's vGPU retries wait a minute at most between two tries.
constexpr std::chrono::milliseconds kLongestVgpuPause{60000};

Monitor::Monitor(Context& ctx, MonitorSetup setup)
    : ctx_(ctx),
      setup_(std::move(setup)),
      stopping_(ctx.runtime.stopping()),
      wake_(ctx.runtime.executor(), async::Event::Mode::kCoalesces),
      retries_(ctx.runtime.executor(), async::Backoff{setup_.vgpu_first_pause, kLongestVgpuPause},
               setup_.vgpu_retry_for) {}

Monitor::~Monitor() = default;

void Monitor::emit(const MonitorEvent& event) {
  if (setup_.events) setup_.events(event_line(event));
}

void Monitor::status(const std::string& text) {
  if (setup_.status) setup_.status(text);
}

asio::awaitable<void> Monitor::run(UeventSource& uevents, ConfigWatch* definitions) {
  // What is there now; events tell what changes from here on.
  for (const auto& parent : ctx_.sysfs.parents()) parents_.insert(parent);
  for (const auto& device : co_await ctx_.sysfs.active_devices(ctx_.runtime.workers())) {
    running_[device.uuid.str()] = {device.parent, device.type, device.kind == DeviceKind::kVgpu};
  }
  defined_ = co_await all_definitions();
  // Cold plug: every parent present that has definitions (load_all has
  // warned about a linked one).
  for (const auto& parent : parents_) {
    if (ctx_.store.has_parent(parent)) waiting_.insert(parent);
  }
  for (const auto& pf : ctx_.sysfs.sriov().pfs()) queue_sriov(pf);
  ctx_.log.info("monitor: " + std::to_string(waiting_.size()) + " parent(s) to autostart now");
  wake_.set();

  // Without a watch, that branch has nothing to say until the monitor stops.
  auto definitions_loop = definitions ? watch(*definitions) : stopping_.wait();
  co_await (
      (listen(uevents) || std::move(definitions_loop) || vgpu_retries() || until_stopping()) &&
      (autostart_passes() || grace_period()));
  ctx_.runtime.children().lift_cap();  // the monitor is done
}

asio::awaitable<void> Monitor::until_stopping() {
  co_await stopping_.wait();
  wake_.set();
}

// One event that cannot be handled (a device dir gone while it is read, an
// unreadable definition) is logged; the monitor carries on with the next.
asio::awaitable<void> Monitor::listen(UeventSource& uevents) {
  for (;;) {
    Uevent event = co_await uevents.next();
    try {
      handle(event);
    } catch (const std::exception& e) {
      ctx_.log.warn("monitor: " + event.action + " of " + event.devpath + ": " + e.what());
    }
  }
}

asio::awaitable<void> Monitor::watch(ConfigWatch& definitions) {
  for (;;) {
    std::set<std::string> parents = co_await definitions.next();
    if (auto notice = definitions.take_notice(); !notice.empty())
      ctx_.log.warn("monitor: " + notice);
    try {
      co_await definitions_changed(parents);
    } catch (const std::exception& e) {
      ctx_.log.warn(std::string("monitor: reading definitions: ") + e.what());
    }
  }
}

void Monitor::handle(const Uevent& event) {
  const std::string name = event.name();
  switch (meaning_of(event)) {
    case UeventMeaning::kMaybeParentAdded:
      if (event.subsystem == "pci" && queue_sriov(name)) return;
      // The driver's module, the driver and its class send add events under
      // the parent's name too: only a device with types is a parent, and one
      // already known has been handled.
      if (parents_.count(name) || !ctx_.sysfs.parent_has_types(name)) return;
      [[fallthrough]];
    case UeventMeaning::kParentRegistered:
      parents_.insert(name);
      emit(parent_event("parent-registered", name));
      queue_autostart(name);
      return;
    case UeventMeaning::kPciBound:
      queue_sriov(name);
      return;
    case UeventMeaning::kMaybeVgpuFunctionBound:
      // NVIDIA's driver binds the PF too; a VF may have no nvidia/ files
      // yet, and is taken all the same (behaviour.md 11.3).
      if (queue_sriov(name)) return;
      if (parents_.count(name) || !ctx_.sysfs.parent_exists(name)) return;
      parents_.insert(name);
      emit(parent_event("parent-registered", name));
      queue_autostart(name);
      return;
    case UeventMeaning::kParentUnregistered:
    case UeventMeaning::kMaybeParentRemoved:
    case UeventMeaning::kPciUnbound:
      parent_gone(name);
      return;
    case UeventMeaning::kDeviceAdded: {
      std::optional<Uuid> uuid = Uuid::parse(name);
      if (!uuid) return;
      std::string type;
      if (auto device = ctx_.sysfs.active_device(*uuid)) type = device->type;
      if (type.empty()) {  // the kernel adds the mdev_type link just after the event
        auto parent = defined_.find(event.parent_name());
        if (parent != defined_.end() && parent->second.count(name))
          type = parent->second[name].type.value_or("");
      }
      running_[name] = {event.parent_name(), type, false};
      emit(device_event("device-started", name, event.parent_name(), type));
      return;
    }
    case UeventMeaning::kDeviceRemoved: {
      if (!Uuid::parse(name)) return;
      std::string type = running_.count(name) ? running_[name].type : "";
      running_.erase(name);
      emit(device_event("device-stopped", name, event.parent_name(), type));
      return;
    }
    case UeventMeaning::kNothing:
      return;
  }
}

// A VF unbound from nvidia takes its vGPU with it, without an event of its own.
void Monitor::parent_gone(const std::string& name) {
  retries_.forget(name);
  if (!parents_.erase(name)) return;
  ctx_.log.info("monitor: " + name + " is gone");
  for (auto it = running_.begin(); it != running_.end();) {
    if (it->second.vgpu && it->second.parent == name) {
      emit(device_event("device-stopped", it->first, name, it->second.type));
      it = running_.erase(it);
    } else {
      ++it;
    }
  }
  emit(parent_event("parent-removed", name));
}

bool Monitor::queue_sriov(const std::string& pf) {
  auto found = ctx_.sysfs.sriov().pf(pf);
  if (!found || found->enabled != 0 || stopping_.is_set()) return false;
  if (sriov_waiting_.insert(pf).second) wake_.set();
  return true;
}

bool Monitor::queue_autostart(const std::string& parent) {
  if (stopping_.is_set()) return false;
  std::string refusal;
  if (!ctx_.store.has_parent(parent, &refusal)) {
    if (refusal.empty()) {
      ctx_.log.info("monitor: " + parent + " registered; nothing is defined for it");
    } else {
      ctx_.log.warn(refusal);
    }
    return false;
  }
  waiting_.insert(parent);
  wake_.set();
  return true;
}

asio::awaitable<void> Monitor::autostart_passes() {
  for (;;) {
    if (waiting_.empty() && sriov_waiting_.empty()) {
      status("watching " + std::to_string(parents_.size()) + " parent(s)");
      co_await wake_.wait();
    }
    if (stopping_.is_set()) co_return;
    if (!sriov_waiting_.empty()) co_await sriov_pass();
    if (!waiting_.empty()) co_await autostart_pass();
  }
}

// The boot chain's first step for the PFs that appeared or bound: their VFs
// then appear, bind, and come to autostart_pass as parents of their own.
asio::awaitable<void> Monitor::sriov_pass() {
  std::vector<std::string> pfs(sriov_waiting_.begin(), sriov_waiting_.end());
  sriov_waiting_.clear();
  for (const auto& pf : pfs) {
    status("SR-IOV of " + pf);
    auto on_try = [this, &pf](const std::string& line) {
      MonitorEvent event = parent_event("sriov-enable", pf);
      event.message = line;
      emit(event);
    };
    try {
      SriovStep step = co_await enable_vfs_for_definitions(ctx_, pf, on_try);
      if (step.outcome == SriovStep::Outcome::kNothingToDo) continue;
      MonitorEvent event = parent_event("sriov-enable", pf);
      event.result = step.outcome == SriovStep::Outcome::kEnabled       ? "enabled"
                     : step.outcome == SriovStep::Outcome::kSwitchedOff ? "switched-off"
                                                                        : "failed";
      event.message = step.message;
      emit(event);
    } catch (const std::exception& e) {
      ctx_.log.error("monitor: SR-IOV of " + pf + ": " + e.what());
    }
  }
}

asio::awaitable<void> Monitor::autostart_pass() {
  std::vector<std::string> parents(waiting_.begin(), waiting_.end());
  waiting_.clear();
  std::string names;
  for (const auto& parent : parents) names += (names.empty() ? "" : ", ") + parent;
  status("autostart of " + names);
  std::unique_ptr<Callouts> callouts = setup_.make_callouts(ctx_.log);
  Context ctx = ctx_.with(*callouts, ctx_.log);
  // A pass is a command of its own: a VF's files come and go with its driver.
  ctx.kinds = std::make_shared<std::map<std::string, const ParentKind*>>();
  try {
    std::vector<AutostartTally> tallies =
        co_await autostart_parents(ctx, parents, AutostartReport::kDevices);
    report_pass(ctx, tallies);
  } catch (const std::exception& e) {
    // One parent's trouble (its definitions unreadable) must not end the monitor.
    ctx_.log.error("autostart of " + names + ": " + e.what());
  }
}

void Monitor::report_pass(const Context& ctx, std::vector<AutostartTally>& tallies) {
  for (auto& tally : tallies) {
    ctx_.log.summary(summary_line(tally));
    std::sort(tally.devices.begin(), tally.devices.end(),
              [](const auto& a, const auto& b) { return a.uuid < b.uuid; });
    const bool announced = parent_kind(ctx, tally.parent).kernel_announces_devices();
    bool not_ready = false;
    for (const auto& device : tally.devices) {
      MonitorEvent event = device_event("autostart", device.uuid, tally.parent, device.type);
      event.result = device.result;
      if (!device.message.empty()) event.message = device.message;
      emit(event);
      not_ready = not_ready || device.retryable;
      // An mdev's start is reported by the kernel's add event; a vGPU's by nobody else.
      if (!announced && device.result == "started") {
        running_[device.uuid] = {tally.parent, device.type, true};
        emit(device_event("device-started", device.uuid, tally.parent, device.type));
      }
    }
    if (!announced) plan_retry(tally.parent, not_ready);
  }
}

// The retries of VFs whose vGPU was not ready: pauses double from
// vgpu_first_pause up to a minute; after vgpu_retry_for the VF is left alone
// until it binds again.
void Monitor::plan_retry(const std::string& vf, bool not_ready) {
  if (!not_ready) return retries_.forget(vf);
  auto plan = retries_.failed(vf);
  if (!plan) return;
  if (plan->gave_up) {
    ctx_.log.warn("monitor: " + vf + ": gave up on its vGPU after " + std::to_string(plan->tries) +
                  " tries (--vgpu-retry)");
    return;
  }
  auto seconds = std::chrono::duration_cast<std::chrono::duration<double>>(plan->pause);
  char when[32];
  std::snprintf(when, sizeof when, "%.1f", seconds.count());
  ctx_.log.info("monitor: " + vf + ": its vGPU type cannot be created yet; try " +
                std::to_string(plan->tries + 1) + " in " + when + " s");
}

asio::awaitable<void> Monitor::vgpu_retries() {
  for (;;) {
    for (const auto& due : co_await retries_.due()) {
      ctx_.log.info("monitor: " + due.key + ": try " + std::to_string(due.attempt) +
                    " to start its vGPU");
      if (!queue_autostart(due.key)) retries_.forget(due.key);  // its definitions went
    }
  }
}

asio::awaitable<void> Monitor::grace_period() {
  co_await stopping_.wait();
  status("stopping");
  co_await async::sleep_for(setup_.grace);
  ctx_.log.warn("monitor: grace period over; killing the call-outs still running");
  // No pre starts any more (the pipeline checks), but a pipeline whose pre
  // succeeded still gets its post: s390's ap-check releases its lock there.
  ctx_.runtime.children().stop_all(kPostDeadlineAfterGrace);
  // The pass now fails fast: a write the kernel sits on gives up at its own
  // deadline, and the posts after it have theirs.
  co_await async::sleep_for(kLastPassAfterGrace);
}

asio::awaitable<std::map<std::string, std::map<std::string, MonitorEvent>>>
Monitor::all_definitions() {
  LoadedConfigs loaded = co_await ctx_.store.load_all(ctx_.runtime.workers());
  for (const auto& warning : loaded.warnings) ctx_.log.warn(warning);
  std::map<std::string, std::map<std::string, MonitorEvent>> by_parent;
  for (auto& [uuid, event] : definitions_of(loaded.devices)) by_parent[*event.parent][uuid] = event;
  co_return by_parent;
}

asio::awaitable<void> Monitor::definitions_changed(const std::set<std::string>& parents) {
  if (parents.count("")) {  // the watch lost track: read everything, once
    std::map<std::string, std::map<std::string, MonitorEvent>> now = co_await all_definitions();
    for (const auto& [parent, devices] : defined_) now[parent];  // gone ones too
    for (auto& [parent, devices] : now) compare_definitions(parent, std::move(devices));
    co_return;
  }
  for (const auto& parent : parents) {
    std::vector<Device> devices;
    if (ctx_.store.has_parent(parent)) {
      LoadedConfigs loaded = co_await ctx_.store.load_parent(ctx_.runtime.workers(), parent);
      for (const auto& warning : loaded.warnings) ctx_.log.warn(warning);
      devices = std::move(loaded.devices);
    }
    compare_definitions(parent, definitions_of(devices));
  }
}

void Monitor::compare_definitions(const std::string& parent,
                                  std::map<std::string, MonitorEvent> now) {
  std::map<std::string, MonitorEvent>& before = defined_[parent];
  for (auto& [uuid, event] : now) {
    auto old = before.find(uuid);
    if (old == before.end()) {
      event.event = "definition-added";
    } else if (old->second.config != event.config) {
      event.event = "definition-changed";
    } else {
      continue;
    }
    emit(event);
  }
  for (auto& [uuid, event] : before) {
    if (now.count(uuid)) continue;
    MonitorEvent gone = event;
    gone.event = "definition-removed";
    gone.config.reset();
    emit(gone);
  }
  if (now.empty())
    defined_.erase(parent);
  else
    before = std::move(now);
}

}  // namespace mdev

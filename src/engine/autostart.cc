// SPDX-License-Identifier: LGPL-2.1-or-later
#include "engine/autostart.h"

#include <algorithm>
#include <asio/co_spawn.hpp>
#include <asio/detached.hpp>
#include <asio/this_coro.hpp>
#include <cstdint>
#include <map>

#include "async/bounded_fan_out.h"
#include "async/event.h"
#include "async/poll_until.h"
#include "async/shared_lookup.h"
#include "async/slots.h"
#include "engine/device_start.h"
#include "engine/lock_wait.h"
#include "engine/parent_kind.h"
#include "engine/vgpu_actions.h"
#include "io/run_lock.h"
#include "model/error.h"

namespace mdev {

using namespace std::chrono_literals;
namespace {

constexpr uint32_t kNoScript = UINT32_MAX;

// One device to start: where to find it and how far it has come. Small on
// purpose: every auto device of the run has one, and most of them are only
// waiting; what a start needs (its log, its call-outs, its coroutines) is
// made when it is launched.
struct Job {
  uint32_t parent;              // its parent's line of writes and its tally
  uint32_t device;              // in its parent's devices
  uint32_t script = kNoScript;  // its script's line
  bool writes_over = false, script_over = false, done = false;
  // Made only while it waits for its parent's writes.
  std::optional<async::Event> writes_turn;
};

// Devices that take turns in list order (parent, then UUID): the devices
// of one script, or the writes to one parent.
struct Line {
  std::vector<uint32_t> jobs;
  size_t head = 0;
};

// Some drivers register the parent before its types exist (NVIDIA until
// nvidia-vgpud has run), or bind a VF before its nvidia/ files exist: wait
// a bounded time for what the parent's kind needs.
asio::awaitable<bool> type_shows_up(Context& ctx, std::string parent, std::string type) {
  if (!ctx.sysfs.parent_exists(parent)) co_return false;  // start says why
  const ParentKind& kind = parent_kind(ctx, parent);
  std::function<bool()> ready = [&] { return kind.ready_for(ctx, parent, type); };
  if (ready()) co_return true;
  ctx.log.info(kind.awaiting(parent, type));
  // The driver makes them once: a steady 5 ms keeps the wait short without a busy loop.
  co_return co_await async::poll_until(ready, ctx.options.type_wait, async::Backoff{5ms, 5ms});
}

// One autostart run. A device is launched (gets a coroutine) only when it
// can go on: when the device before it of the same script has left its
// script, or, without a script, when its parent's writes are its turn. So
// at most one device per script and per parent waits mid-pipeline, however
// many are queued; only --jobs of them at a time hold a slot and run.
class Autostart {
 public:
  Autostart(Context& ctx, asio::any_io_executor executor, AutostartReport report)
      : ctx_(ctx),
        executor_(executor),
        slots_(executor, ctx.options.jobs),
        all_done_(executor),
        report_(report),
        serial_(ctx.options.jobs == 1) {}

  std::vector<AutostartTally> tallies;

  // Queues the auto devices of `parent` that are not running, by UUID.
  asio::awaitable<void> add_parent(const std::string& parent) {
    const auto index = static_cast<uint32_t>(tallies.size());
    tallies.push_back(AutostartTally{parent, 0, 0, 0, {}});
    AutostartTally& tally = tallies.back();
    Line writes;
    LoadedConfigs loaded = co_await ctx_.store.load_parent(ctx_.runtime.workers(), parent);
    for (const auto& warning : loaded.warnings) ctx_.log.warn(warning);
    for (uint32_t i = 0; i < loaded.devices.size(); ++i) {
      const Device& device = loaded.devices[i];
      if (!device.config.autostart) continue;
      if (ctx_.sysfs.active_device(device.uuid)) {
        ++tally.already_running;
        record(tally, device, "already running", "");
        continue;
      }
      writes.jobs.push_back(static_cast<uint32_t>(jobs_.size()));
      jobs_.push_back(Job{index, i, kNoScript, false, false, false, std::nullopt});
    }
    parent_lines_.push_back(std::move(writes));
    devices_.push_back(std::move(loaded.devices));
  }

  asio::awaitable<void> run() {
    if (jobs_.empty()) co_return;
    co_await find_scripts();
    if (serial_) {
      // --jobs 1: strictly one device after another; each launches the next.
      launch(0);
    } else {
      for (const Line& line : script_lines_) launch(line.jobs.front());
      for (const Line& line : parent_lines_) {
        if (!line.jobs.empty() && jobs_[line.jobs.front()].script == kNoScript) {
          launch(line.jobs.front());
        }
      }
    }
    co_await all_done_.wait();
  }

 private:
  // The section 7 rules as one device's pipeline sees them.
  class DeviceRules : public PipelineRules {
   public:
    DeviceRules(Autostart& run, uint32_t index) : run_(run), index_(index) {}
    asio::awaitable<void> enter_writes() override { co_await run_.writes_turn(index_, *this); }
    void leave_writes() override { run_.leave_writes(index_); }
    void leave_script() override { run_.leave_script(index_); }
    bool holds_slot = false;

   private:
    Autostart& run_;
    uint32_t index_;
  };

  // Which script handles each device: one probe per (parent, type), asked
  // with the first device of that type; devices of one script form a line.
  asio::awaitable<void> find_scripts() {
    std::map<std::pair<std::string, std::string>, std::vector<uint32_t>> by_type;
    for (uint32_t i = 0; i < jobs_.size(); ++i) {
      by_type[{device_of(i).parent, device_of(i).config.type}].push_back(i);
    }
    struct Found {
      std::string script;
      std::optional<std::string> failure;
    };
    std::vector<Found> found(by_type.size());
    std::vector<async::Task> tasks;
    for (auto& [key, members] : by_type) {
      tasks.push_back([this, &members, &out = found[tasks.size()]]() -> asio::awaitable<void> {
        try {
          out.script = co_await ctx_.callouts.script_of(device_of(members.front()));
        } catch (const std::exception& e) {
          out.failure = e.what();
        }
      });
    }
    co_await async::run_bounded(tasks, ctx_.options.jobs);
    std::map<std::string, uint32_t> line_of_script;
    size_t type_index = 0;
    for (auto& [key, members] : by_type) {
      const auto& [script, failure] = found[type_index++];
      // Not knowing the script is not "no script": its pre might refuse
      // the device (a conflicting matrix). Each such device fails.
      if (failure) {
        for (uint32_t i : members) lookup_failures_.emplace(i, *failure);
        continue;
      }
      if (script.empty()) continue;
      auto [it, added] = line_of_script.emplace(script, script_lines_.size());
      if (added) script_lines_.emplace_back();
      for (uint32_t i : members) jobs_[i].script = it->second;
    }
    for (uint32_t i = 0; i < jobs_.size(); ++i) {
      if (jobs_[i].script != kNoScript) script_lines_[jobs_[i].script].jobs.push_back(i);
    }
  }

  void launch(uint32_t index) { asio::co_spawn(executor_, start(index), asio::detached); }

  // One device, from its type's wait to its notifiers. Never throws: any
  // failure is this device's alone, and its turns must be given back, or
  // the devices behind it would wait for ever.
  asio::awaitable<void> start(uint32_t index) {
    Job& job = jobs_[index];
    const Device& device = device_of(index);
    std::vector<std::string> lines;
    Logger log(ctx_.log.level(), [&lines](std::string_view line) { lines.emplace_back(line); });
    std::unique_ptr<Callouts> callouts = ctx_.callouts.with_log(log);
    Context device_ctx = ctx_.with(*callouts, log);
    AutostartTally& tally = tallies[job.parent];
    DeviceRules rules(*this, index);
    try {
      if (auto failed = lookup_failures_.find(index); failed != lookup_failures_.end())
        throw Error("cannot tell which call-out script handles it: " + failed->second);
      co_await wait_for_type(device);
      co_await slots_.take();
      rules.holds_slot = true;
      co_await start_device(device_ctx, device, rules);
      ++tally.started;
      record(tally, device, "started", "");
      log.info("started " + device.uuid.str() + " on " + device.parent);
    } catch (const std::exception& e) {
      ++tally.failed;
      record(tally, device, "failed", e.what(), dynamic_cast<const VgpuNotReady*>(&e) != nullptr);
      log.error("autostart of " + device.uuid.str() + " failed: " + e.what());
    }
    leave_writes(index);
    leave_script(index);
    if (rules.holds_slot) slots_.give_back();
    job.done = true;
    if (!lines.empty()) held_lines_.emplace(index, std::move(lines));
    print_finished();
    if (serial_ && index + 1 < jobs_.size()) launch(index + 1);
    if (++finished_ == jobs_.size()) all_done_.set();
  }

  asio::awaitable<void> wait_for_type(const Device& device) {
    auto key = std::make_pair(device.parent, device.config.type);
    // Named, not a temporary: g++ 12 destroys temporaries of a co_await twice.
    decltype(types_)::Lookup lookup = [this, &device]() {
      return type_shows_up(ctx_, device.parent, device.config.type);
    };
    co_await types_.get(key, lookup);  // if it never shows up, start says why
  }

  asio::awaitable<void> writes_turn(uint32_t index, DeviceRules& rules) {
    Job& job = jobs_[index];
    const Line& line = parent_lines_[job.parent];
    if (line.jobs[line.head] == index) co_return;
    // No slot is held while waiting: every holder is then busy, never
    // waiting on another device, so the slots cannot all be stuck.
    slots_.give_back();
    rules.holds_slot = false;
    job.writes_turn.emplace(executor_);
    co_await job.writes_turn->wait();
    job.writes_turn.reset();
    co_await slots_.take();
    rules.holds_slot = true;
  }

  void leave_writes(uint32_t index) {
    Job& job = jobs_[index];
    if (job.writes_over) return;
    job.writes_over = true;
    Line& line = parent_lines_[job.parent];
    while (line.head < line.jobs.size() && jobs_[line.jobs[line.head]].writes_over) ++line.head;
    if (line.head == line.jobs.size()) return;
    uint32_t next = line.jobs[line.head];
    if (jobs_[next].writes_turn) {
      jobs_[next].writes_turn->set();
    } else if (jobs_[next].script == kNoScript && !serial_) {
      launch(next);  // it has nothing to do before its writes
    }
  }

  void leave_script(uint32_t index) {
    Job& job = jobs_[index];
    if (job.script == kNoScript || job.script_over) return;
    job.script_over = true;
    Line& line = script_lines_[job.script];
    ++line.head;  // the head was this device: one device per script at a time
    if (line.head < line.jobs.size() && !serial_) launch(line.jobs[line.head]);
  }

  void record(AutostartTally& tally, const Device& device, const char* result,
              const std::string& message, bool retryable = false) {
    if (report_ == AutostartReport::kCounts) return;
    tally.devices.push_back({device.uuid.str(), device.config.type, result, message, retryable});
  }

  // Prints the lines of every finished device that no unfinished one precedes.
  void print_finished() {
    while (printed_ < jobs_.size() && jobs_[printed_].done) {
      if (auto held = held_lines_.find(printed_); held != held_lines_.end()) {
        for (const auto& line : held->second) ctx_.log.line(line);
        held_lines_.erase(held);
      }
      ++printed_;
    }
  }

  const Device& device_of(uint32_t index) const {
    return devices_[jobs_[index].parent][jobs_[index].device];
  }

  Context& ctx_;
  asio::any_io_executor executor_;
  std::vector<std::vector<Device>> devices_;  // per parent, by UUID
  std::vector<Job> jobs_;                     // parent, then UUID; never resized once run() starts
  // The log of each finished device that one before it has not printed yet.
  std::map<uint32_t, std::vector<std::string>> held_lines_;
  // Devices whose script lookup failed, with why.
  std::map<uint32_t, std::string> lookup_failures_;
  std::vector<Line> script_lines_, parent_lines_;
  async::SharedLookup<std::pair<std::string, std::string>, bool> types_;
  async::Slots slots_;
  async::Event all_done_;
  AutostartReport report_;
  bool serial_;
  size_t printed_ = 0, finished_ = 0;
};

}  // namespace

std::string summary_line(const AutostartTally& tally) {
  return tally.parent + ": " + std::to_string(tally.started) + " started, " +
         std::to_string(tally.already_running) + " already running, " +
         std::to_string(tally.failed) + " failed";
}

asio::awaitable<std::vector<AutostartTally>> autostart_parents(Context& ctx,
                                                               std::vector<std::string> parents,
                                                               AutostartReport report) {
  Autostart run(ctx, co_await asio::this_coro::executor, report);
  // Locks in one order (and each parent once), so that two processes
  // autostarting overlapping sets of parents cannot wait for each other.
  std::sort(parents.begin(), parents.end());
  parents.erase(std::unique(parents.begin(), parents.end()), parents.end());
  std::vector<std::unique_ptr<RunLock>> locks;
  for (const auto& parent : parents) {
    std::string refusal;
    if (!ctx.store.has_parent(parent, &refusal)) {
      if (!refusal.empty()) ctx.log.warn(refusal);
      continue;
    }
    const std::string name = "autostart-" + parent;
    std::unique_ptr<RunLock> lock = RunLock::try_acquire(ctx.root, name);
    if (!lock) {  // another autostart of this parent runs: wait for it
      ctx.log.info("waiting for another autostart of " + parent);
      lock = co_await wait_for_run_lock(ctx.root, name, "another autostart of " + parent,
                                        ctx.options.autostart_lock_wait);
    }
    locks.push_back(std::move(lock));
    co_await run.add_parent(parent);
  }
  co_await run.run();
  co_return std::move(run.tallies);
}

}  // namespace mdev

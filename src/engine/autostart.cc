#include "engine/autostart.h"

#include <algorithm>
#include <asio/this_coro.hpp>
#include <map>

#include "async/bounded_fan_out.h"
#include "async/shared_lookup.h"
#include "async/slots.h"
#include "async/ticket_lock.h"
#include "engine/deadline.h"
#include "engine/device_start.h"
#include "engine/run_locks.h"
#include "io/run_lock.h"
#include "model/error.h"

namespace mdev {
namespace {

// One device to start, with what it logged, held back until the devices
// before it have printed theirs.
struct Job {
  Device device;
  size_t tally = 0;
  std::string script;  // who handles it; empty: no call-out
  std::vector<std::string> lines;
  bool done = false;
};

// Some drivers register the parent before its types exist (NVIDIA until
// nvidia-vgpud has run): wait a bounded time for the type to show up.
asio::awaitable<bool> type_shows_up(Context& ctx, std::string parent, std::string type) {
  if (!ctx.sysfs.parent_exists(parent)) co_return false;  // start says why
  std::function<bool()> has_type = [&] { return ctx.sysfs.type(parent, type).has_value(); };
  if (has_type()) co_return true;
  ctx.log.info("waiting for type " + type + " to appear on " + parent);
  co_return co_await wait_until(has_type, ctx.type_wait);
}

// The jobs of one parent: its auto devices that are not running, by UUID.
void add_jobs(Context& ctx, const std::string& parent, size_t tally_index, AutostartTally& tally,
              std::vector<Job>& jobs) {
  LoadedConfigs loaded = ctx.store.load_parent(parent);
  for (const auto& warning : loaded.warnings) ctx.log.warn(warning);
  for (Device& device : loaded.devices) {
    if (!device.config.autostart) continue;
    if (ctx.sysfs.active_device(device.uuid)) {
      ++tally.already_running;
      tally.devices.push_back({device.uuid.str(), device.config.type, "already running", ""});
      continue;
    }
    jobs.push_back(Job{std::move(device), tally_index, {}, {}, false});
  }
}

// Everything one autostart run shares between its devices.
class Autostart {
 public:
  Autostart(Context& ctx, asio::any_io_executor executor)
      : ctx_(ctx), script_locks_(executor), write_locks_(executor), slots_(executor, ctx.jobs) {}

  std::vector<AutostartTally> tallies;
  std::vector<Job> jobs;

  asio::awaitable<void> run() {
    co_await find_scripts();
    // Places in line are taken now, in list order (parent, then UUID), so a
    // device only ever waits for one before it: no wait can go round in a circle.
    std::vector<async::TicketLock::Ticket> script_turns, write_turns;
    for (const Job& job : jobs) {
      script_turns.push_back(job.script.empty() ? async::TicketLock::Ticket()
                                                : script_locks_.take(job.script));
      write_turns.push_back(write_locks_.take(job.device.parent));
    }
    std::vector<async::Task> tasks;
    for (size_t i = 0; i < jobs.size(); ++i) {
      tasks.push_back([this, i, &script_turns, &write_turns]() {
        return admit(i, script_turns[i], write_turns[i]);
      });
    }
    // Every device waits for its turns at once; only --jobs of them at a
    // time hold a slot and run. A device waiting on a script, a type or its
    // parent's writes holds none, so a parent whose driver is stuck holds up
    // no other. --jobs 1 is strictly one device after another, in UUID order.
    co_await async::run_bounded(tasks, ctx_.jobs == 1 ? 1 : tasks.size());
  }

 private:
  // Which script handles each device: one probe per (parent, type), shared.
  asio::awaitable<void> find_scripts() {
    std::vector<async::Task> tasks;
    for (Job& job : jobs) {
      tasks.push_back([this, &job]() -> asio::awaitable<void> {
        job.script = co_await ctx_.callouts.script_of(job.device);
      });
    }
    co_await async::run_bounded(tasks, ctx_.jobs);
  }

  // Waits for the device's type, its script's turn and a slot. Small on
  // purpose: every device waits here at once, and what a start needs (its
  // log, its call-outs) is only made once it runs.
  asio::awaitable<void> admit(size_t index, async::TicketLock::Ticket& script_turn,
                              async::TicketLock::Ticket& write_turn) {
    std::exception_ptr failure;
    try {
      const Device& device = jobs[index].device;
      auto key = std::make_pair(device.parent, device.config.type);
      // Named, not temporaries: g++ 12 destroys temporaries of a co_await twice.
      decltype(types_)::Lookup wait_for_type = [this, &device]() {
        return type_shows_up(ctx_, device.parent, device.config.type);
      };
      co_await types_.get(key, wait_for_type);
      co_await script_turn.turn();
      co_await slots_.take();
    } catch (...) {
      failure = std::current_exception();
    }
    co_await start(index, script_turn, write_turn, failure);
  }

  // Runs with a slot unless `failure` says why it could not get one.
  asio::awaitable<void> start(size_t index, async::TicketLock::Ticket& script_turn,
                              async::TicketLock::Ticket& write_turn, std::exception_ptr failure) {
    Job& job = jobs[index];
    Logger log(ctx_.log.level(), [&job](std::string_view line) { job.lines.emplace_back(line); });
    std::unique_ptr<Callouts> callouts = ctx_.callouts.with_log(log);
    Context device_ctx{ctx_.root, ctx_.sysfs, ctx_.store, *callouts, log};
    device_ctx.force = ctx_.force;
    device_ctx.device_wait = ctx_.device_wait;
    device_ctx.stopping = ctx_.stopping;
    AutostartTally& tally = tallies[job.tally];
    bool holds_slot = !failure;
    try {
      if (failure) std::rethrow_exception(failure);
      const Device& device = job.device;
      StartHooks hooks;
      // No slot is held while waiting: every holder is then busy, never
      // waiting on another device, so the slots cannot all be stuck.
      hooks.before_writes = [&]() -> asio::awaitable<void> {
        if (write_turn.is_turn()) co_return;
        slots_.give_back();
        holds_slot = false;
        co_await write_turn.turn();
        co_await slots_.take();
        holds_slot = true;
      };
      hooks.after_writes = [&] { write_turn.release(); };
      // Notifiers overlap every other device's pipeline, within the
      // device's slot: a thousand at once would be a thousand processes.
      hooks.before_notifiers = [&] {
        write_turn.release();
        script_turn.release();
      };
      co_await start_device(device_ctx, device, hooks);
      ++tally.started;
      tally.devices.push_back({device.uuid.str(), device.config.type, "started", ""});
      log.info("started " + device.uuid.str() + " on " + device.parent);
    } catch (const std::exception& e) {
      // Any failure is this device's alone: its turns must be given back, or
      // the devices behind it would wait for ever.
      ++tally.failed;
      tally.devices.push_back({job.device.uuid.str(), job.device.config.type, "failed", e.what()});
      log.error("autostart of " + job.device.uuid.str() + " failed: " + e.what());
    }
    write_turn.release();
    script_turn.release();
    if (holds_slot) slots_.give_back();
    job.done = true;
    print_finished();
  }

  // Prints the lines of every finished device that no unfinished one precedes.
  void print_finished() {
    while (printed_ < jobs.size() && jobs[printed_].done) {
      for (const auto& line : jobs[printed_].lines) ctx_.log.line(line);
      ++printed_;
    }
  }

  Context& ctx_;
  async::KeyedLock<std::string> script_locks_;
  async::KeyedLock<std::string> write_locks_;
  async::SharedLookup<std::pair<std::string, std::string>, bool> types_;
  async::Slots slots_;
  size_t printed_ = 0;
};

}  // namespace

std::string summary_line(const AutostartTally& tally) {
  return tally.parent + ": " + std::to_string(tally.started) + " started, " +
         std::to_string(tally.already_running) + " already running, " +
         std::to_string(tally.failed) + " failed";
}

asio::awaitable<std::vector<AutostartTally>> autostart_parents(Context& ctx,
                                                               std::vector<std::string> parents) {
  Autostart run(ctx, co_await asio::this_coro::executor);
  // Locks in one order (and each parent once), so that two processes
  // autostarting overlapping sets of parents cannot wait for each other.
  std::sort(parents.begin(), parents.end());
  parents.erase(std::unique(parents.begin(), parents.end()), parents.end());
  std::vector<std::unique_ptr<RunLock>> locks;
  for (const auto& parent : parents) {
    if (!ctx.store.has_parent(parent)) continue;
    const std::string name = "autostart-" + parent;
    std::unique_ptr<RunLock> lock = RunLock::try_acquire(ctx.root, name);
    if (!lock) {  // another autostart of this parent runs: wait for it
      ctx.log.info("waiting for another autostart of " + parent);
      lock = co_await wait_for_run_lock(ctx.root, name, "another autostart of " + parent,
                                        ctx.autostart_lock_wait);
    }
    locks.push_back(std::move(lock));
    run.tallies.push_back(AutostartTally{parent, 0, 0, 0, {}});
    add_jobs(ctx, parent, run.tallies.size() - 1, run.tallies.back(), run.jobs);
  }
  co_await run.run();
  co_return run.tallies;
}

}  // namespace mdev

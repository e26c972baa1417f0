// SPDX-License-Identifier: LGPL-2.1-or-later
#include "engine/autostart.h"

#include <algorithm>
#include <map>

#include "async/async_test_support.h"
#include "async/bounded_fan_out.h"
#include "async/event.h"
#include "engine/runtime.h"
#include "model/error.h"
#include "support/catch.h"
#include "support/fake_root.h"

using namespace mdev;
using namespace std::chrono_literals;

namespace {

// Call-outs that take a moment and record what overlapped: one script per
// type ("script-<type>"), one notifier.
class RecordingCallouts final : public Callouts {
 public:
  std::set<std::string> failing_pre;     // UUIDs
  std::set<std::string> failing_lookup;  // types whose script cannot be found out
  bool script_per_parent = false;        // else one per type
  std::map<std::string, int> in_flight;  // per script, pre..post
  int devices_in_flight = 0, most_devices = 0, most_scripts = 0, notifiers = 0, most_notifiers = 0;
  int same_script_overlaps = 0, pre_calls = 0;

  std::string script_for(const Device& device) const {
    return "script-" + (script_per_parent ? device.parent : device.config.type);
  }

  asio::awaitable<CalloutOutcome> call(Event event, Action, State, const Device& device) override {
    std::string script = script_for(device);
    if (event == Event::kPre) {
      ++pre_calls;
      if (++in_flight[script] > 1) ++same_script_overlaps;
      most_devices = std::max(most_devices, ++devices_in_flight);
      int scripts = 0;
      for (const auto& [name, count] : in_flight) scripts += count > 0;
      most_scripts = std::max(most_scripts, scripts);
      co_await async::testing::settle(2);  // a moment, in turns of the loop
      if (failing_pre.count(device.uuid.str())) {
        leave(script);
        co_return CalloutOutcome{CalloutOutcome::kFailure, "pre said no", ""};
      }
    } else if (event == Event::kPost) {
      co_await async::testing::settle(2);
      leave(script);
    }
    co_return CalloutOutcome{CalloutOutcome::kSuccess, "", ""};
  }
  asio::awaitable<void> notify(Action, State, const Device&) override {
    most_notifiers = std::max(most_notifiers, ++notifiers);
    co_await async::testing::settle(6);
    --notifiers;
  }
  asio::awaitable<std::string> script_of(const Device& device) override {
    co_await async::testing::settle(2);
    if (failing_lookup.count(device.config.type)) throw Error("locator timed out");
    co_return script_for(device);
  }
  std::unique_ptr<Callouts> with_log(Logger&) override { return std::make_unique<Forward>(*this); }

 private:
  void leave(const std::string& script) {
    --in_flight[script];
    --devices_in_flight;
  }
  // What autostart hands each device: the same recorder.
  struct Forward final : Callouts {
    explicit Forward(RecordingCallouts& to) : to(to) {}
    asio::awaitable<CalloutOutcome> call(Event e, Action a, State s, const Device& d) override {
      return to.call(e, a, s, d);
    }
    asio::awaitable<void> notify(Action a, State s, const Device& d) override {
      return to.notify(a, s, d);
    }
    asio::awaitable<std::string> script_of(const Device& d) override { return to.script_of(d); }
    std::unique_ptr<Callouts> with_log(Logger&) override { return std::make_unique<Forward>(to); }
    RecordingCallouts& to;
  };
};

std::string uuid(int n) {
  char text[37];
  std::snprintf(text, sizeof text, "%08x-0000-4000-8000-%012x", 0x10000 + n * 7919 % 1000, n);
  return text;
}

// 100 auto devices over three parents, two types each, one attribute each.
struct Host : FakeRoot {
  Runtime runtime;  // first: what waits on its loop goes before it
  RecordingCallouts callouts;
  std::vector<std::string> lines;
  Logger log{LogLevel::kWarn, [this](std::string_view line) { lines.emplace_back(line); }};
  Context ctx{runtime, root, sysfs, store, callouts, log};
  std::vector<std::string> parents{"p0", "p1", "p2"};
  std::map<std::string, std::string> parent_of;  // by UUID

  Host() {
    kernel.attribute_names = {"weight"};
    for (const auto& parent : parents) {
      kernel.add_type(parent, "ta");
      kernel.add_type(parent, "tb");
    }
    for (int n = 0; n < 100; ++n) {
      std::string parent = parents[n % 3];
      parent_of[uuid(n)] = parent;
      tmp.write("etc/mdevctl.d/" + parent + "/" + uuid(n),
                std::string("{\"mdev_type\":\"") + (n % 2 ? "ta" : "tb") +
                    "\",\"start\":\"auto\",\"attrs\":[{\"weight\":\"" + std::to_string(n) +
                    "\"}]}");
    }
    ctx.options.jobs = 8;
  }

  std::vector<AutostartTally> autostart() {
    std::vector<AutostartTally> tallies;
    runtime.run([](Host& h, std::vector<AutostartTally>& out) -> asio::awaitable<std::string> {
      out = co_await autostart_parents(h.ctx, h.parents);
      co_return "";
    }(*this, tallies));
    return tallies;
  }

  std::vector<std::string> creates_on(const std::string& parent) const {
    std::vector<std::string> out;
    for (const auto& entry : kernel.log()) {
      if (entry.rfind("create " + parent + " ", 0) == 0)
        out.push_back(entry.substr(8 + parent.size()));
    }
    return out;
  }
};

std::string summary(const std::vector<AutostartTally>& tallies) {
  std::string out;
  for (const auto& t : tallies) {
    out += t.parent + ": " + std::to_string(t.started) + " started, " +
           std::to_string(t.already_running) + " running, " + std::to_string(t.failed) +
           " failed\n";
  }
  return out;
}

}  // namespace

TEST_CASE("Autostart: a failed script lookup fails its devices - never runs them as scriptless") {
  Host h;
  h.callouts.failing_lookup = {"ta"};
  auto tallies = h.autostart();
  CHECK(summary(tallies) ==
        "p0: 17 started, 0 running, 17 failed\n"
        "p1: 16 started, 0 running, 17 failed\n"
        "p2: 17 started, 0 running, 16 failed\n");
  CHECK(h.callouts.pre_calls == 50);  // the tb devices only
  for (const auto& parent : h.parents) {
    for (const auto& created : h.creates_on(parent)) {
      int n = std::stoi(created.substr(24), nullptr, 16);
      CHECK(n % 2 == 0);  // tb
    }
  }
  const std::string why = "failed: cannot tell which call-out script handles it: locator timed out";
  CHECK(std::count_if(h.lines.begin(), h.lines.end(), [&](const std::string& line) {
          return line.find(why) != std::string::npos;
        }) == 50);
}

TEST_CASE("Autostart in-process: 100 devices - every rule of section 7") {
  Host h;
  h.callouts.failing_pre = {uuid(4)};
  auto tallies = h.autostart();
  CHECK(summary(tallies) ==
        "p0: 34 started, 0 running, 0 failed\n"
        "p1: 32 started, 0 running, 1 failed\n"
        "p2: 33 started, 0 running, 0 failed\n");
  // A parent's writes go in UUID order; each device's attribute after its create.
  auto log = h.kernel.log();
  for (const auto& parent : h.parents) {
    auto creates = h.creates_on(parent);
    CHECK(std::is_sorted(creates.begin(), creates.end()));
  }
  for (int n = 0; n < 100; ++n) {
    if (n == 4) continue;
    auto create =
        std::find(log.begin(), log.end(), "create " + h.parent_of[uuid(n)] + " " + uuid(n));
    auto attr =
        std::find(log.begin(), log.end(), "attr " + uuid(n) + " weight=" + std::to_string(n));
    CHECK(create < attr);
    CHECK(attr != log.end());
  }
  CHECK(std::count_if(log.begin(), log.end(),
                      [](auto& e) { return e.find(uuid(4)) != std::string::npos; }) == 0);
  // Concurrency: real, bounded by --jobs; one script never overlaps itself,
  // the two scripts do overlap, and so do the notifiers.
  CHECK(h.callouts.same_script_overlaps == 0);
  CHECK(h.callouts.most_scripts == 2);
  CHECK(h.callouts.most_devices <= 8);
  CHECK(h.callouts.most_notifiers > 1);
  CHECK(h.lines ==
        std::vector<std::string>{"Error: autostart of " + uuid(4) + " failed: pre said no"});

  // A second run finds everything running and writes nothing.
  h.callouts.failing_pre.clear();
  size_t writes = log.size();
  auto again = h.autostart();
  CHECK(summary(again) ==
        "p0: 0 started, 34 running, 0 failed\n"
        "p1: 1 started, 32 running, 0 failed\n"
        "p2: 0 started, 33 running, 0 failed\n");
  CHECK(h.kernel.log().size() == writes + 2);  // uuid(4): create and attribute
}

TEST_CASE("Autostart in-process: two runs at once start each device once") {
  Host h;
  std::vector<AutostartTally> first, second;
  h.runtime.run([](Host& h, auto& a, auto& b) -> asio::awaitable<std::string> {
    std::vector<async::Task> runs{
        [&]() -> asio::awaitable<void> { a = co_await autostart_parents(h.ctx, h.parents); },
        [&]() -> asio::awaitable<void> { b = co_await autostart_parents(h.ctx, h.parents); }};
    co_await async::run_bounded(runs, 2);
    co_return "";
  }(h, first, second));
  auto log = h.kernel.log();
  std::set<std::string> distinct(log.begin(), log.end());
  CHECK(distinct.size() == log.size());
  CHECK(log.size() == 200);  // 100 creates, 100 attributes
  unsigned started = 0;
  for (const auto& t : first) started += t.started;
  for (const auto& t : second) started += t.started;
  CHECK(started == 100);
}

TEST_CASE(
    "Autostart in-process: an attribute the kernel refuses fails its device - which goes again") {
  Host h;
  h.kernel.fail("weight", EINVAL);
  auto tallies = h.autostart();
  CHECK(summary(tallies) ==
        "p0: 0 started, 0 running, 34 failed\n"
        "p1: 0 started, 0 running, 33 failed\n"
        "p2: 0 started, 0 running, 33 failed\n");
  // Each was taken away again after its attribute failed.
  auto log = h.kernel.log();
  CHECK(std::count_if(log.begin(), log.end(), [](auto& e) { return e.rfind("remove ", 0) == 0; }) ==
        100);
  CHECK(h.lines.size() == 100);
}

TEST_CASE("Autostart in-process: a parent whose create blocks holds up no other parent") {
  Host h;
  h.callouts.script_per_parent = true;  // else p1's held device holds its type's script
  h.kernel.hold("p1");
  std::vector<AutostartTally> tallies;
  h.runtime.run([](Host& h, auto& out) -> asio::awaitable<std::string> {
    // Woken by each write the kernel accepts (on a worker thread).
    async::Event accepted(h.runtime.executor(), async::Event::Mode::kCoalesces);
    h.kernel.on_accepted = [&h, &accepted] {
      asio::post(h.runtime.executor(), [&accepted] { accepted.set(); });
    };
    std::vector<async::Task> tasks{
        [&]() -> asio::awaitable<void> { out = co_await autostart_parents(h.ctx, h.parents); },
        [&]() -> asio::awaitable<void> {
          // The other parents finish while p1's first create is still held.
          while (h.creates_on("p0").size() < 34 || h.creates_on("p2").size() < 33) {
            co_await accepted.wait();
          }
          CHECK(h.creates_on("p0").size() == 34);
          CHECK(h.creates_on("p2").size() == 33);
          CHECK(h.creates_on("p1").empty());
          h.kernel.release();
        }};
    co_await async::run_bounded(tasks, 2);
    h.kernel.on_accepted = nullptr;  // every write has been awaited
    co_return "";
  }(h, tallies));
  CHECK(summary(tallies) ==
        "p0: 34 started, 0 running, 0 failed\n"
        "p1: 33 started, 0 running, 0 failed\n"
        "p2: 33 started, 0 running, 0 failed\n");
}

TEST_CASE("Autostart in-process: --jobs 1 and scripts across parents never wait in a circle") {
  Host h;
  h.ctx.options.jobs = 1;
  auto tallies = h.autostart();
  CHECK(summary(tallies) ==
        "p0: 34 started, 0 running, 0 failed\n"
        "p1: 33 started, 0 running, 0 failed\n"
        "p2: 33 started, 0 running, 0 failed\n");
  // One device at a time does its writes: each create is followed by its own
  // attribute, and the creates come in list order (parent, then UUID).
  auto log = h.kernel.log();
  REQUIRE(log.size() == 200);
  std::vector<std::string> creates;
  for (size_t i = 0; i < log.size(); i += 2) creates.push_back(log[i]);
  CHECK(std::is_sorted(creates.begin(), creates.end()));
  for (size_t i = 0; i < log.size(); i += 2) {
    CHECK(log[i + 1].rfind("attr " + log[i].substr(log[i].rfind(' ') + 1), 0) == 0);
  }
}

// SPDX-License-Identifier: LGPL-2.1-or-later
#include "engine/monitor.h"

#include <asio/experimental/awaitable_operators.hpp>
#include <asio/post.hpp>
#include <asio/steady_timer.hpp>
#include <asio/this_coro.hpp>
#include <fstream>
#include <thread>

#include "async/async_test_support.h"
#include "async/event.h"
#include "engine/runtime.h"
#include "engine/script_callouts.h"
#include "io/config_watch.h"
#include "support/catch.h"
#include "support/fake_root.h"
#include "support/fake_uevents.h"
#include "support/file_written.h"

using namespace mdev;
using namespace std::chrono_literals;
using namespace asio::experimental::awaitable_operators;

namespace {

const std::string kA1 = "00000000-0000-4000-8000-0000000000a1";
const std::string kA2 = "00000000-0000-4000-8000-0000000000a2";
const std::string kB1 = "00000000-0000-4000-8000-0000000000b1";

// No call-out scripts: the pass is about the kernel's writes.
struct NoCallouts final : Callouts {
  asio::awaitable<CalloutOutcome> call(Event, Action, State, const Device&) override {
    co_return CalloutOutcome{};
  }
  asio::awaitable<void> notify(Action, State, const Device&) override { co_return; }
  asio::awaitable<std::string> script_of(const Device&) override { co_return ""; }
  std::unique_ptr<Callouts> with_log(Logger&) override { return std::make_unique<NoCallouts>(); }
};

// A monitor on a fixture root with a fake kernel and fake events. Tests wait
// on what the monitor does (a log or event line, a pass, asking for the
// next event, a write reaching the kernel), never for a fixed time.
struct Host : FakeRoot {
  Runtime runtime;  // first: what waits on its loop goes before it
  std::vector<std::string> lines, events;
  Logger log{LogLevel::kInfo, [this](std::string_view line) {
               lines.emplace_back(line);
               moved();
             }};
  int passes = 0;
  bool idle = false;  // the monitor waits for an event: it handled every one pushed
  int writes_held = 0;
  bool real_scripts = false;
  std::chrono::milliseconds grace{5000};
  std::chrono::milliseconds vgpu_first_pause{5000}, vgpu_retry_for{600000};
  NoCallouts no_callouts;
  Context ctx{runtime, root, sysfs, store, no_callouts, log};
  // Lives in run()'s coroutine: its channel must go before the loop does.
  async::Event* progress = nullptr;

  Host() {
    std::filesystem::create_directories(tmp.path / "etc/mdevctl.d");
    std::filesystem::create_directories(tmp.path / "sys/class/mdev_bus");
  }
  void define(const std::string& parent, const std::string& uuid,
              const std::string& start = "auto") {
    tmp.write("etc/mdevctl.d/" + parent + "/" + uuid,
              "{\"mdev_type\":\"t1\",\"start\":\"" + start + "\",\"attrs\":[]}");
  }
  std::vector<std::string> creates() const {
    std::vector<std::string> out;
    for (const auto& entry : kernel.log()) {
      if (entry.rfind("create ", 0) == 0) out.push_back(entry.substr(7));
    }
    return out;
  }
  size_t count_events(const std::string& needle) const {
    return std::count_if(events.begin(), events.end(),
                         [&](const std::string& e) { return e.find(needle) != std::string::npos; });
  }
  size_t count_lines(const std::string& line) const {
    return std::count(lines.begin(), lines.end(), line);
  }
  void moved() {
    if (progress) progress->set();
  }
  void push(FakeUevents& uevents, Uevent event) {
    idle = false;
    uevents.push(std::move(event));
  }

  // Until `condition` holds, rechecked whenever the monitor does something;
  // false when it did not come to that within 10 s of real time (not the
  // Clock: a test on a ManualTime must end too).
  asio::awaitable<bool> until(std::function<bool()> condition) {
    auto timed_out = std::make_shared<bool>(false);
    asio::steady_timer cap(co_await asio::this_coro::executor, 10s);
    cap.async_wait([timed_out, progress = progress](std::error_code ec) {
      if (ec) return;
      *timed_out = true;
      progress->set();
    });
    while (!condition() && !*timed_out) co_await progress->wait();
    cap.cancel();
    co_return !*timed_out;
  }
  // SIGTERM, as the runtime hears it.
  void stop() { runtime.stopping().set(); }

  // Runs the monitor with `script` beside it; the script ends by stopping it.
  void run(std::function<asio::awaitable<void>(Monitor&, FakeUevents&)> script) {
    runtime.run([](Host& h, auto script) -> asio::awaitable<std::string> {
      auto executor = co_await asio::this_coro::executor;
      async::Event progress(executor, async::Event::Mode::kCoalesces);
      h.progress = &progress;
      h.kernel.on_held = [&h, executor] {
        asio::post(executor, [&h] {
          ++h.writes_held;
          h.moved();
        });
      };
      MonitorSetup setup;
      setup.make_callouts = [&h](Logger& log) -> std::unique_ptr<Callouts> {
        ++h.passes;
        h.moved();
        if (h.real_scripts)
          return std::make_unique<ScriptCallouts>(h.root, log, h.runtime.children());
        return std::make_unique<NoCallouts>();
      };
      setup.grace = h.grace;
      setup.vgpu_first_pause = h.vgpu_first_pause;
      setup.vgpu_retry_for = h.vgpu_retry_for;
      setup.events = [&h](std::string_view line) {
        h.events.emplace_back(line);
        h.moved();
      };
      Monitor monitor(h.ctx, setup);
      FakeUevents uevents(executor);
      uevents.on_idle = [&h] {
        h.idle = true;
        h.moved();
      };
      ConfigWatch definitions(executor, h.root.config_dir());
      co_await (monitor.run(uevents, &definitions) && script(monitor, uevents));
      h.progress = nullptr;
      h.kernel.on_held = nullptr;
      co_return "";
    }(*this, std::move(script)));
  }
};

// An H200 whose one type is MIG-backed: EIO until its GPU instance exists.
const std::string kPf = "0000:c1:00.0";
const std::string kVf = "0000:c1:00.4";

void add_h200(Host& h) {
  h.kernel.nvidia().add_gpu(kPf, 2, {{1414, "H200X-1-18C", 18, true}}, 141);
  h.tmp.write("usr/share/nvidia/vgpu/vgpuConfig.xml",
              "<vgpuconfig><vgpuType id=\"1414\" name=\"NVIDIA H200X-1-18C\"/></vgpuconfig>");
}

void define_vgpu(Host& h, const std::string& uuid) {
  h.tmp.write("etc/mdevctl.d/" + kVf + "/" + uuid,
              "{\"mdev_type\":\"nvidia-1414\",\"start\":\"auto\",\"attrs\":[]}");
}

Uevent vf_event(const std::string& action) {
  Uevent event{action, "/devices/pci0000:00/" + kVf, "pci", {}};
  if (action == "bind") event.properties["DRIVER"] = "nvidia";
  return event;
}

}  // namespace

TEST_CASE("Monitor: cold plug starts the auto devices of every parent present with definitions") {
  Host h;
  h.kernel.add_type("mtty", "t1");
  h.kernel.add_type("idle", "t1");
  h.define("mtty", kA1);
  h.define("mtty", kA2);
  h.define("mtty", kB1, "manual");
  h.define("gone", kB1);  // defined for a parent that is not there
  h.run([&h](Monitor&, FakeUevents&) -> asio::awaitable<void> {
    CHECK(co_await h.until([&h] { return h.count_events("\"autostart\"") == 2 && h.idle; }));
    h.stop();
  });
  CHECK(h.creates() == std::vector<std::string>{"mtty " + kA1, "mtty " + kA2});
  CHECK(h.passes == 1);
  REQUIRE(h.events.size() == 2);
  CHECK(h.events[0] == "{\"event\":\"autostart\",\"uuid\":\"" + kA1 +
                           "\",\"parent\":\"mtty\",\"type\":\"t1\",\"result\":\"started\"}");
  CHECK(std::count(h.lines.begin(), h.lines.end(),
                   "mtty: 2 started, 0 already running, 0 failed") == 1);
}

TEST_CASE("Monitor: a parent that registers gets its auto devices started") {
  Host h;
  h.define("mtty", kA1);
  h.run([&h](Monitor&, FakeUevents& uevents) -> asio::awaitable<void> {
    CHECK(co_await h.until([&h] { return h.idle; }));
    CHECK(h.passes == 0);  // nothing to cold plug: the parent is not there yet
    // The driver loads: module, driver and parent add, then the registration.
    h.push(uevents, Uevent{"add", "/module/mtty", "module", {}});
    h.kernel.add_type("mtty", "t1");
    h.push(uevents, FakeUevents::parent("add", "mtty"));
    h.push(uevents, FakeUevents::parent("change", "mtty", "registered"));
    h.push(uevents, Uevent{"add", "/bus/mdev/drivers/mtty", "drivers", {}});  // known: no line
    CHECK(co_await h.until([&h] { return h.count_events("\"autostart\"") == 1 && h.idle; }));
    h.stop();
  });
  CHECK(h.creates() == std::vector<std::string>{"mtty " + kA1});
  // The add (the types are there by then) and the registration: one line each.
  CHECK(h.count_events(
            "{\"event\":\"parent-registered\",\"uuid\":null,\"parent\":\"mtty\",\"type\":null}") ==
        2);
  CHECK(h.passes <= 2);
}

TEST_CASE("Monitor: events for a parent being handled coalesce into one more pass") {
  Host h;
  h.kernel.add_type("mtty", "t1");
  h.kernel.hold("mtty");  // its first create waits until released
  h.define("mtty", kA1);
  h.define("mtty", kA2);
  h.run([&h](Monitor&, FakeUevents& uevents) -> asio::awaitable<void> {
    CHECK(co_await h.until([&h] { return h.writes_held == 1; }));  // the first pass, held
    for (int i = 0; i < 6; ++i)
      h.push(uevents, FakeUevents::parent("change", "mtty", "registered"));
    CHECK(co_await h.until([&h] { return h.idle; }));  // the six are taken in
    CHECK(h.passes == 1);                              // still in the first pass
    h.kernel.release();
    // The one more pass finds both running; then nothing is left to do.
    CHECK(co_await h.until([&h] {
      return h.count_lines("mtty: 0 started, 2 already running, 0 failed") == 1 && h.idle;
    }));
    h.stop();
  });
  CHECK(h.passes == 2);
  CHECK(h.creates() == std::vector<std::string>{"mtty " + kA1, "mtty " + kA2});
}

TEST_CASE("Monitor: a parent without definitions is reported and left alone") {
  Host h;
  h.run([&h](Monitor&, FakeUevents& uevents) -> asio::awaitable<void> {
    h.kernel.add_type("other", "t1");
    h.push(uevents, FakeUevents::parent("change", "other", "registered"));
    CHECK(co_await h.until([&h] { return h.count_events("parent-registered") == 1 && h.idle; }));
    h.stop();
  });
  CHECK(h.passes == 0);
  CHECK(h.creates().empty());
  CHECK(std::count(h.lines.begin(), h.lines.end(),
                   "monitor: other registered; nothing is defined for it") == 1);
}

TEST_CASE(
    "Monitor: a parent whose definitions dir is a link is warned about - at cold plug and when it "
    "registers") {
  Host h;
  h.kernel.add_type("linked", "t1");
  h.tmp.write("elsewhere/" + kA1, "{\"mdev_type\":\"t1\",\"start\":\"auto\",\"attrs\":[]}");
  std::filesystem::create_directory_symlink(h.tmp.path / "elsewhere",
                                            h.tmp.path / "etc/mdevctl.d/linked");
  const std::string warning =
      "Warning: ignoring " + (h.tmp.path / "etc/mdevctl.d/linked").string() + ": a symbolic link";
  h.run([&h, &warning](Monitor&, FakeUevents& uevents) -> asio::awaitable<void> {
    CHECK(co_await h.until([&h] { return h.idle; }));
    CHECK(h.count_lines(warning) == 1);
    h.push(uevents, FakeUevents::parent("change", "linked", "registered"));
    CHECK(co_await h.until([&h, &warning] { return h.count_lines(warning) == 2 && h.idle; }));
    h.stop();
  });
  CHECK(h.passes == 0);
  CHECK(h.creates().empty());
}

TEST_CASE(
    "Monitor: a parent that goes away mid-autostart fails its devices and the monitor carries on") {
  Host h;
  h.kernel.add_type("mtty", "t1");
  h.kernel.add_type("next", "t1");
  h.kernel.hold("mtty");
  h.define("mtty", kA1);
  h.define("next", kB1);
  h.run([&h](Monitor&, FakeUevents& uevents) -> asio::awaitable<void> {
    CHECK(co_await h.until([&h] { return h.writes_held == 1; }));  // mid-autostart
    std::filesystem::remove_all(h.tmp.path / "sys/class/mdev_bus/mtty");
    h.push(uevents, FakeUevents::parent("change", "mtty", "unregistered"));
    h.push(uevents, FakeUevents::parent("remove", "mtty"));
    h.kernel.release();
    CHECK(co_await h.until([&h] { return h.count_events("\"failed\"") == 1; }));
    // And the next registration is handled as usual.
    h.push(uevents, FakeUevents::parent("change", "next", "registered"));
    CHECK(co_await h.until([&h] { return h.count_events("already running") == 1 && h.idle; }));
    h.stop();
  });
  CHECK(h.count_events(
            "{\"event\":\"parent-removed\",\"uuid\":null,\"parent\":\"mtty\",\"type\":null}") == 1);
  CHECK(h.count_events("\"uuid\":\"" + kA1 +
                       "\",\"parent\":\"mtty\",\"type\":\"t1\",\"result\":\"failed\"") == 1);
  CHECK(h.creates() == std::vector<std::string>{"next " + kB1});
}

TEST_CASE("Monitor: reports definitions and devices that another process changes") {
  Host h;
  h.kernel.add_type("mtty", "t1");
  h.run([&h](Monitor&, FakeUevents& uevents) -> asio::awaitable<void> {
    CHECK(co_await h.until([&h] { return h.idle; }));
    Device device{*Uuid::parse(kA1), "mtty", DeviceConfig{}};
    device.config.type = "t1";
    h.store.write(device);  // what `mdevctl define` writes
    CHECK(co_await h.until([&h] { return h.count_events("definition-added") == 1; }));
    device.config.autostart = true;
    h.store.write(device);
    CHECK(co_await h.until([&h] { return h.count_events("definition-changed") == 1; }));
    // `mdevctl start` by someone: the kernel announces the device, then its removal.
    h.push(uevents, FakeUevents::device("add", "mtty", kA1));
    h.push(uevents, FakeUevents::device("bind", "mtty", kA1));
    h.push(uevents, FakeUevents::device("remove", "mtty", kA1));
    h.store.remove("mtty", *Uuid::parse(kA1));
    CHECK(co_await h.until([&h] { return h.count_events("definition-removed") == 1 && h.idle; }));
    h.stop();
  });
  const std::string who = "\"uuid\":\"" + kA1 + "\",\"parent\":\"mtty\",\"type\":\"t1\"";
  std::vector<std::string> expected{
      "{\"event\":\"definition-added\"," + who +
          ",\"config\":{\"mdev_type\":\"t1\",\"start\":\"manual\",\"attrs\":[]}}",
      "{\"event\":\"definition-changed\"," + who +
          ",\"config\":{\"mdev_type\":\"t1\",\"start\":\"auto\",\"attrs\":[]}}",
      "{\"event\":\"device-started\"," + who + "}",
      "{\"event\":\"device-stopped\"," + who + "}",
      "{\"event\":\"definition-removed\"," + who + ",\"config\":null}",
  };
  CHECK(h.events == expected);
}

TEST_CASE("Monitor: stopping during a slow call-out kills it when the grace period is over") {
  async::ManualTime time;
  Host h;
  h.real_scripts = true;
  h.grace = 10s;
  h.kernel.add_type("mtty", "t1");
  h.define("mtty", kA1);
  // A pre that hangs, with a child of its own in its process group.
  const std::string dir = h.tmp.path.string();
  h.tmp.write("etc/mdevctl.d/scripts.d/callouts/slow",
              "#!/bin/sh\ncase \"$*\" in *\"-e pre\"*) sleep 60 & echo $! >" + dir +
                  "/child; echo $$ >" + dir + "/script; wait;; esac\nexit 0\n");
  std::filesystem::permissions(h.tmp.path / "etc/mdevctl.d/scripts.d/callouts/slow",
                               std::filesystem::perms::owner_all);
  // Alive, or dead and not yet reaped by init.
  const auto alive = [&h](const char* file) {
    std::ifstream stat("/proc/" + std::to_string(std::stoi(h.tmp.read(file))) + "/stat");
    std::string pid, name, state;
    return static_cast<bool>(stat >> pid >> name >> state) && state != "Z";
  };
  h.run([&](Monitor&, FakeUevents&) -> asio::awaitable<void> {
    CHECK(co_await file_written(h.tmp, "script"));
    h.stop();
    co_await async::testing::advance(h.grace - 1ms);
    CHECK(alive("script"));  // the grace period is given in full
    CHECK(alive("child"));
    co_await async::testing::advance(1ms);  // then the call-out is killed, not waited for
  });
  // Both the script and the child it left behind are gone. SIGKILL went to
  // their group, and a loaded machine may take a moment to carry it out: a
  // bounded wait, not a fixed one.
  for (const char* file : {"child", "script"}) {
    const auto limit = std::chrono::steady_clock::now() + 2s;
    while (alive(file) && std::chrono::steady_clock::now() < limit) std::this_thread::yield();
    CHECK_FALSE(alive(file));
  }
  CHECK(h.count_events("\"result\":\"failed\"") == 1);
  CHECK(h.creates().empty());
}

TEST_CASE("Monitor: a VF that binds to nvidia is retried until its type is creatable") {
  async::ManualTime time;
  Host h;
  h.vgpu_first_pause = 400ms;  // tries at 0, 0.4, 1.2 and 2.8 s
  define_vgpu(h, kA1);
  h.run([&h](Monitor&, FakeUevents& uevents) -> asio::awaitable<void> {
    CHECK(co_await h.until([&h] { return h.idle; }));
    add_h200(h);  // sriov-manage -e: the VFs appear and bind
    h.push(uevents, vf_event("bind"));
    CHECK(co_await h.until([&h] { return h.count_events("\"failed\"") == 1; }));
    co_await async::testing::advance(399ms);
    CHECK(h.count_events("\"failed\"") == 1);  // not before its pause is over
    co_await async::testing::advance(1ms);
    CHECK(co_await h.until([&h] { return h.count_events("\"failed\"") == 2; }));
    co_await async::testing::advance(800ms);
    CHECK(co_await h.until([&h] { return h.count_events("\"failed\"") == 3; }));
    h.kernel.nvidia().make_gpu_instance(kPf, 1414);  // the admin's MIG instance
    co_await async::testing::advance(1600ms);
    CHECK(co_await h.until([&h] { return h.count_events("device-started") == 1; }));
    h.push(uevents, vf_event("unbind"));
    CHECK(co_await h.until([&h] { return h.count_events("parent-removed") == 1 && h.idle; }));
    h.stop();
  });
  CHECK(h.kernel.nvidia().current(kVf) == 1414);
  CHECK(h.count_events("{\"event\":\"parent-registered\",\"uuid\":null,\"parent\":\"" + kVf +
                       "\",\"type\":null}") == 1);
  CHECK(h.count_events("it is MIG-backed: is there a GPU instance for it?") == 3);
  const std::string device =
      "\"uuid\":\"" + kA1 + "\",\"parent\":\"" + kVf + "\",\"type\":\"nvidia-1414\"";
  CHECK(h.count_events("{\"event\":\"autostart\"," + device + ",\"result\":\"started\"}") == 1);
  CHECK(h.count_events("{\"event\":\"device-started\"," + device + "}") == 1);
  CHECK(h.count_events("{\"event\":\"device-stopped\"," + device + "}") == 1);
  // Each try is logged, with pauses that double.
  for (const char* line : {"try 2 in 0.4 s", "try 3 in 0.8 s", "try 4 in 1.6 s"}) {
    CHECK(h.count_lines("monitor: " + kVf + ": its vGPU type cannot be created yet; " + line) == 1);
  }
  CHECK(h.count_lines("monitor: " + kVf + ": try 4 to start its vGPU") == 1);
}

TEST_CASE(
    "Monitor: a vGPU retry gives up after --vgpu-retry; a VF that holds another vGPU is not "
    "retried") {
  async::ManualTime time;
  {
    Host h;
    h.vgpu_first_pause = 50ms;
    h.vgpu_retry_for = 300ms;  // tries at 0, 50, 150 and (the last, at the limit) 300 ms
    add_h200(h);
    define_vgpu(h, kA1);
    h.run([&h](Monitor&, FakeUevents&) -> asio::awaitable<void> {
      CHECK(co_await h.until([&h] { return h.count_events("\"failed\"") == 1; }));
      co_await async::testing::advance(50ms);
      CHECK(co_await h.until([&h] { return h.count_events("\"failed\"") == 2; }));
      co_await async::testing::advance(100ms);
      CHECK(co_await h.until([&h] { return h.count_events("\"failed\"") == 3; }));
      co_await async::testing::advance(150ms);
      CHECK(co_await h.until([&h] {
        return h.count_lines("Warning: monitor: " + kVf +
                             ": gave up on its vGPU after 4 tries (--vgpu-retry)") == 1;
      }));
      h.stop();
    });
    CHECK(h.kernel.nvidia().current(kVf) == 0);
    CHECK(h.count_events("\"failed\"") == 4);
  }
  Host other;
  other.vgpu_first_pause = 50ms;
  add_h200(other);
  other.kernel.nvidia().set_outside(kVf, 1428);  // a type of no definition: not kA1's
  define_vgpu(other, kA1);
  other.run([&other](Monitor&, FakeUevents&) -> asio::awaitable<void> {
    CHECK(co_await other.until([&other] { return other.count_events("\"failed\"") == 1; }));
    co_await async::testing::advance(10min);  // retries would have come by now
    CHECK(other.passes == 1);
    other.stop();
  });
  CHECK(other.count_events("\"failed\"") == 1);
}

TEST_CASE(
    "Monitor: a whole boot - SR-IOV enabled, VFs bound before their files, types late, vGPUs "
    "set") {
  async::ManualTime time;
  Host h;
  h.vgpu_first_pause = 400ms;
  const std::string pf = "0000:41:00.0", vf0 = "0000:41:00.4", vf2 = "0000:41:00.6";
  // After a reboot: the PF alone, NVIDIA's daemons not up yet, and the
  // driver making a VF's nvidia/ files a moment after it binds.
  h.kernel.nvidia().files_come_late();
  h.kernel.nvidia().add_gpu_without_vfs(pf, 4, {{1147, "L40S-1Q", 1}}, 48);
  h.kernel.nvidia().set_daemons_up(pf, false);
  for (const auto& [vf, uuid] : {std::pair{vf0, kA1}, std::pair{vf2, kA2}}) {
    h.tmp.write("etc/mdevctl.d/" + vf + "/" + uuid,
                "{\"mdev_type\":\"nvidia-1147\",\"start\":\"auto\",\"attrs\":[]}");
  }
  auto bound = [](const std::string& vf) {
    Uevent event{"bind", "/devices/pci0000:00/" + vf, "pci", {}};
    event.properties["DRIVER"] = "nvidia";
    return event;
  };
  h.run([&](Monitor&, FakeUevents& uevents) -> asio::awaitable<void> {
    // Cold plug finds the PF without VFs and enables the 3 that cover the definitions.
    CHECK(co_await h.until([&h] { return h.count_events("\"result\":\"enabled\"") == 1; }));
    // The kernel's VFs bind; the driver has yet to make their files: the
    // pass waits for them.
    for (const auto& vf : {"0000:41:00.4", "0000:41:00.5", "0000:41:00.6"})
      h.push(uevents, bound(vf));
    const std::string waiting = "waiting for NVIDIA's driver to make the nvidia/ files of VF ";
    CHECK(co_await h.until(
        [&] { return h.count_lines(waiting + vf0) == 1 && h.count_lines(waiting + vf2) == 1; }));
    h.kernel.nvidia().init_vfs(pf);  // the files; the daemons still start
    co_await async::testing::advance(5ms);
    CHECK(co_await h.until([&h] { return h.count_events("\"failed\"") == 2; }));
    h.kernel.nvidia().set_daemons_up(pf, true);
    co_await async::testing::advance(400ms);
    CHECK(co_await h.until([&h] { return h.count_events("device-started") == 2; }));
    h.stop();
  });
  CHECK(h.kernel.nvidia().current(vf0) == 1147);
  CHECK(h.kernel.nvidia().current(vf2) == 1147);
  // The enable first; the two VFs' writes, in either order (different parents).
  std::vector<std::string> writes = h.kernel.log();
  REQUIRE(writes.size() == 3);
  CHECK(writes[0] == "sriov " + pf + " 3");
  std::sort(writes.begin() + 1, writes.end());
  CHECK(writes[1] == "vgpu " + vf0 + " 1147");
  CHECK(writes[2] == "vgpu " + vf2 + " 1147");
  // The events, in order: the enable step, the VFs as parents, the tries.
  std::vector<std::string> kinds;
  for (const auto& line : h.events) {
    std::string kind = line.substr(10, line.find('"', 10) - 10);
    if (kinds.empty() || kinds.back() != kind) kinds.push_back(kind);
  }
  CHECK(kinds == std::vector<std::string>{"sriov-enable", "parent-registered", "autostart",
                                          "device-started", "autostart", "device-started"});
  CHECK(h.count_events("{\"event\":\"sriov-enable\",\"uuid\":null,\"parent\":\"" + pf +
                       "\",\"type\":null,\"result\":\"enabled\",\"message\":\"" + pf +
                       ": SR-IOV enabled: 3 VF(s)\"}") == 1);
  CHECK(h.count_events("NVIDIA's vGPU daemons (nvidia-vgpud, nvidia-vgpu-mgr) are not ready") == 2);
  CHECK(h.count_events("\"parent-registered\"") == 3);  // the VF without a definition too
}

TEST_CASE("Monitor: with MDEVCTL_SRIOV_ENABLE=0 a PF is left alone, with one line saying why") {
  Host h;
  h.ctx.options.sriov_enable = false;
  const std::string pf = "0000:41:00.0";
  h.kernel.nvidia().add_gpu_without_vfs(pf, 4, {{1147, "L40S-1Q", 1}}, 48);
  h.tmp.write("etc/mdevctl.d/0000:41:00.5/" + kA1,
              "{\"mdev_type\":\"nvidia-1147\",\"start\":\"auto\",\"attrs\":[]}");
  h.run([&h](Monitor&, FakeUevents&) -> asio::awaitable<void> {
    CHECK(co_await h.until([&h] { return h.count_events("\"result\":\"switched-off\"") == 1; }));
    h.stop();
  });
  CHECK(h.kernel.log().empty());
  CHECK(h.count_lines("Warning: " + pf +
                      ": not enabling SR-IOV although VFs up to 2 have auto definitions: "
                      "MDEVCTL_SRIOV_ENABLE=0") == 1);
}

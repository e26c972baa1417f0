// SPDX-License-Identifier: LGPL-2.1-or-later
// `mdevctl monitor` as a program: --events for what other processes do,
// SIGTERM, and its command line. Kernel events are the kernel tier's (and the
// in-process tests' in src/engine/monitor_test.cc): a fixture root has none.
#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <thread>

#include "blackbox/harness.h"
#include "support/catch.h"

using namespace blackbox;

namespace {
const std::string kU = "11111111-2222-4333-8444-555555555555";
const std::string kInfo = "MDEVCTL_LOG=info";
}  // namespace

TEST_CASE(
    "Monitor: --events reports define modify and undefine by other processes; SIGTERM exits 0") {
  PassiveRoot root;
  Background monitor(root, {"monitor", "--events"}, {kInfo});
  REQUIRE(monitor.wait_for_err("monitor: listening to udev events"));
  REQUIRE(root.mdevctl({"define", "-u", kU, "-p", "p0", "-t", "t1"}).status == 0);
  REQUIRE(monitor.wait_for_out("definition-added"));
  REQUIRE(root.mdevctl({"modify", "-u", kU, "--auto"}).status == 0);
  REQUIRE(monitor.wait_for_out("definition-changed"));
  REQUIRE(root.mdevctl({"undefine", "-u", kU}).status == 0);
  REQUIRE(monitor.wait_for_out("definition-removed"));
  CHECK(monitor.stop(SIGTERM) == 0);
  const std::string who = "\"uuid\":\"" + kU + "\",\"parent\":\"p0\",\"type\":\"t1\"";
  CHECK(monitor.out() ==
        "{\"event\":\"definition-added\"," + who +
            ",\"config\":{\"mdev_type\":\"t1\",\"start\":\"manual\",\"attrs\":[]}}\n"
            "{\"event\":\"definition-changed\"," +
            who +
            ",\"config\":{\"mdev_type\":\"t1\",\"start\":\"auto\",\"attrs\":[]}}\n"
            "{\"event\":\"definition-removed\"," +
            who + ",\"config\":null}\n");
  CHECK(monitor.err().find("monitor: stopping") != std::string::npos);
}

TEST_CASE("Monitor: cold plug starts the auto devices of a parent that is present") {
  PassiveRoot root;
  root.add_type("p0", "t1", 4);
  REQUIRE(root.mdevctl({"define", "-u", kU, "-p", "p0", "-t", "t1", "--auto"}).status == 0);
  Background monitor(root, {"monitor", "--events", "--source", "kernel"}, {kInfo});
  REQUIRE(monitor.wait_for_out("\"autostart\""));
  CHECK(monitor.stop(SIGINT) == 0);
  CHECK(monitor.out() == "{\"event\":\"autostart\",\"uuid\":\"" + kU +
                             "\",\"parent\":\"p0\",\"type\":\"t1\",\"result\":\"started\"}\n");
  CHECK(monitor.err().find("p0: 1 started, 0 already running, 0 failed") != std::string::npos);
  CHECK(root.read(root.type_dir("p0", "t1") + "create") == kU);
}

TEST_CASE(
    "Monitor: SIGTERM during a slow call-out exits 0 after the grace period and kills its process "
    "group") {
  PassiveRoot root;
  root.add_type("p0", "t1", 4);
  REQUIRE(root.mdevctl({"define", "-u", kU, "-p", "p0", "-t", "t1", "--auto"}).status == 0);
  root.write_script("etc/mdevctl.d/scripts.d/callouts/slow",
                    "case \"$*\" in *'-e pre'*) sleep 60 & echo $! >\"$ROOT.child\"; wait;; esac\n"
                    "exit 0\n");
  Background monitor(root, {"monitor", "--grace", "0.5"}, {kInfo});
  const std::string child_file = root.dir().string() + ".child";
  auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  std::string child;
  while (child.empty() && std::chrono::steady_clock::now() < give_up) {
    std::ifstream(child_file) >> child;
  }
  REQUIRE(!child.empty());
  auto stopped_at = std::chrono::steady_clock::now();
  CHECK(monitor.stop(SIGTERM) == 0);
  auto took = std::chrono::steady_clock::now() - stopped_at;
  CHECK(took >= std::chrono::milliseconds(500));
  CHECK(took < std::chrono::seconds(5));
  // The call-out's child is gone (a zombie until init reaps it at most).
  // SIGKILL is sent before mdevctl exits, but the child may still be on its
  // way out (state R) for a moment after: a survivor stays S.
  std::string state = "Z";
  for (int tries = 0; tries < 100; ++tries) {
    std::ifstream stat("/proc/" + child + "/stat");
    std::string pid, name;
    if (!(stat >> pid >> name >> state) || state == "Z") break;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  CHECK(state == "Z");
  CHECK(monitor.err().find("grace period over") != std::string::npos);
  std::remove(child_file.c_str());
}

TEST_CASE("Monitor: a bad --source or --grace is one error line") {
  PassiveRoot root;
  Run bad_source = root.mdevctl({"monitor", "--source", "netlink"});
  CHECK(bad_source.status != 0);
  CHECK(bad_source.out.empty());
  CHECK(bad_source.err.find('\n') == bad_source.err.size() - 1);
  CHECK(bad_source.first_err_line().find("--source") != std::string::npos);
  Run bad_grace = root.mdevctl({"monitor", "--grace", "nan"});
  CHECK(bad_grace.status != 0);
  CHECK(bad_grace.first_err_line().find("--grace") != std::string::npos);
}

TEST_CASE("Monitor: log lines carry the journal's priority prefixes when stderr is the journal") {
  PassiveRoot root;
  // Background sends stderr to this file: the same inode once it runs.
  const std::string err_file = root.dir().string() + ".err";
  std::ofstream(err_file).flush();
  struct stat st {};
  REQUIRE(::stat(err_file.c_str(), &st) == 0);
  const std::string stream =
      "JOURNAL_STREAM=" + std::to_string(st.st_dev) + ":" + std::to_string(st.st_ino);
  Background monitor(root, {"monitor"}, {kInfo, stream});
  REQUIRE(monitor.wait_for_err("<6>monitor: listening to udev events\n"));
  CHECK(monitor.stop(SIGTERM) == 0);
  CHECK(monitor.err().find("<6>monitor: stopping\n") != std::string::npos);

  // Another stream: no prefixes.
  Background plain(root, {"monitor"}, {kInfo, "JOURNAL_STREAM=1:1"});
  REQUIRE(plain.wait_for_err("monitor: listening"));
  CHECK(plain.stop(SIGTERM) == 0);
  CHECK(plain.err().rfind("monitor: listening", 0) == 0);
}

namespace {

// Whether `pid` is past its exec: still this test's image, it is a child
// between fork and exec, which newer glibc's fork runs with every signal
// blocked for a moment (Debian 13): that is not mdevctl holding them back.
bool has_execed(int pid) {
  std::error_code error;
  const auto ours = std::filesystem::read_symlink("/proc/self/exe", error);
  const auto its = std::filesystem::read_symlink("/proc/" + std::to_string(pid) + "/exe", error);
  return !error && its != ours;
}

// Whether `pid` holds SIGTERM back right now (/proc/PID/status, SigBlk).
bool holds_back_sigterm(int pid) {
  std::ifstream status("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("SigBlk:", 0) == 0) {
      return (std::stoull(line.substr(7), nullptr, 16) & (1ull << (SIGTERM - 1))) != 0;
    }
  }
  return false;
}

}  // namespace

TEST_CASE("Monitor: SIGTERM or SIGHUP in its first milliseconds is not lost - it ends cleanly") {
  PassiveRoot root;
  for (int signal : {SIGTERM, SIGHUP, SIGTERM}) {
    CAPTURE(signal);
    Background monitor(root, {"monitor", "--source", "kernel", "--grace", "0.5"}, {kInfo});
    // From its first moments (before any handler exists) it holds the
    // signals back; one sent then waits for the handlers, and is not lost.
    // The signal goes as soon as the monitor holds it back or, on a busy
    // machine that ran it past that window, once its handlers are there
    // (it has said what it listens to): either way it must end cleanly.
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    const auto ready = [&] {
      return (has_execed(monitor.pid()) && holds_back_sigterm(monitor.pid())) ||
             monitor.err().find("monitor: listening to ") != std::string::npos;
    };
    while (!ready() && std::chrono::steady_clock::now() < deadline) std::this_thread::yield();
    REQUIRE(ready());
    if (signal == SIGHUP) {
      ::kill(monitor.pid(), SIGHUP);
      REQUIRE(monitor.wait_for_err("monitor: SIGHUP"));
    }
    CHECK(monitor.stop(SIGTERM) == 0);
  }
}

TEST_CASE(
    "Monitor: SIGTERM during autostart starts no further pre - a pre that ran gets its post") {
  PassiveRoot root;
  const std::vector<std::string> uuids = blackbox::define_three_behind_a_slow_pre(root);
  Background monitor(root, {"monitor", "--source", "kernel"}, {kInfo});
  REQUIRE(blackbox::wait_for_first_pre(root));
  CHECK(monitor.stop(SIGTERM) == 0);
  const std::string log = root.read("log");
  CAPTURE(log, monitor.err());
  CHECK(log.find("pre ") != std::string::npos);
  CHECK(log.find("-e pre -a start -s none -u " + uuids[0]) != std::string::npos);
  CHECK(log.find("-e post -a start -s success -u " + uuids[0]) != std::string::npos);
  CHECK(log.find(uuids[1]) == std::string::npos);
  CHECK(log.find(uuids[2]) == std::string::npos);
  CHECK(monitor.err().find("not started: mdevctl is stopping") != std::string::npos);
}

TEST_CASE("Monitor: a reader that never reads stdout stops neither its work nor SIGTERM") {
  PassiveRoot root;
  int fds[2];
  REQUIRE(::pipe2(fds, O_CLOEXEC) == 0);
  Background monitor(root, {"monitor", "--events", "--source", "kernel", "--grace", "1"}, {kInfo},
                     fds[1]);
  ::close(fds[1]);  // the read end stays open, and nobody reads it
  REQUIRE(monitor.wait_for_err("monitor: listening"));
  // Far more event lines than the pipe holds: each definition is one line.
  const std::string config = R"({"mdev_type":"t1","start":"manual","attrs":[]})";
  for (int n = 0; n < 2000; ++n) {
    char uuid[37];
    std::snprintf(uuid, sizeof uuid, "11111111-2222-4333-8444-%012d", n);
    root.write("etc/mdevctl.d/p" + std::to_string(n % 20) + "/" + uuid, config);
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(500));
  // Its loop still turns: a signal is answered at once.
  ::kill(monitor.pid(), SIGHUP);
  CHECK(monitor.wait_for_err("monitor: SIGHUP"));
  auto stopped_at = std::chrono::steady_clock::now();
  CHECK(monitor.stop(SIGTERM) == 0);
  CHECK(std::chrono::steady_clock::now() - stopped_at < std::chrono::seconds(3));
  ::close(fds[0]);
}

TEST_CASE("Monitor: a closed stdout ends the event stream - not the monitor") {
  PassiveRoot root;
  int fds[2];
  REQUIRE(::pipe2(fds, O_CLOEXEC) == 0);
  ::close(fds[0]);  // no reader at all
  Background monitor(root, {"monitor", "--events", "--source", "kernel"}, {kInfo}, fds[1]);
  ::close(fds[1]);
  REQUIRE(monitor.wait_for_err("monitor: listening"));
  REQUIRE(root.mdevctl({"define", "-u", kU, "-p", "p0", "-t", "t1"}).status == 0);
  CHECK(monitor.wait_for_err("stdout is closed: no more event lines"));
  REQUIRE(root.mdevctl({"undefine", "-u", kU}).status == 0);
  ::kill(monitor.pid(), SIGHUP);
  CHECK(monitor.wait_for_err("monitor: SIGHUP"));
  CHECK(monitor.stop(SIGTERM) == 0);
}

TEST_CASE(
    "Monitor: the watch survives etc/mdevctl.d removed and made again - or renamed into place") {
  PassiveRoot root;
  Background monitor(root, {"monitor", "--events", "--source", "kernel"}, {kInfo});
  REQUIRE(monitor.wait_for_err("monitor: listening"));
  REQUIRE(root.mdevctl({"define", "-u", kU, "-p", "p0", "-t", "t1"}).status == 0);
  REQUIRE(monitor.wait_for_out("definition-added"));

  std::filesystem::remove_all(root.path("etc/mdevctl.d"));
  CHECK(monitor.wait_for_out("definition-removed"));
  std::filesystem::create_directories(root.path("etc/mdevctl.d"));
  CHECK(monitor.wait_for_err("was made anew: watching it again"));
  const std::string second = "11111111-2222-4333-8444-000000000002";
  REQUIRE(root.mdevctl({"define", "-u", second, "-p", "p1", "-t", "t1"}).status == 0);
  CHECK(monitor.wait_for_out("\"uuid\":\"" + second + "\""));

  // Replaced by a rename: the new directory's definitions are reported.
  const std::string third = "11111111-2222-4333-8444-000000000003";
  root.write("new.d/p2/" + third, R"({"mdev_type":"t1","start":"manual","attrs":[]})");
  std::filesystem::remove_all(root.path("etc/mdevctl.d"));
  std::filesystem::rename(root.path("new.d"), root.path("etc/mdevctl.d"));
  CHECK(monitor.wait_for_out("\"uuid\":\"" + third + "\""));
  CHECK(monitor.stop(SIGTERM) == 0);
}

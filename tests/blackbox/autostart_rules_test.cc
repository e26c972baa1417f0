// SPDX-License-Identifier: LGPL-2.1-or-later
// The rules of parallel autostart (behaviour.md section 7), seen from the
// call-out scripts' side: devices of one script never overlap pre -> post,
// different scripts do, no more than --jobs at once, a parent's creates in
// UUID order, a failing device alone fails, and two runs never start a
// device twice.
#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <sstream>
#include <thread>

#include "blackbox/harness.h"
#include "support/catch.h"

using blackbox::FixtureRoot;
using blackbox::PassiveRoot;
using blackbox::SimulatedKernel;
namespace fs = std::filesystem;

namespace {

std::string uuid(int parent, int n) {
  char text[37];
  std::snprintf(text, sizeof text, "%08d-0000-4000-8000-%012d", parent, n);
  return text;
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

// Reads a FIFO in place of a type's `create` until the writer side closes:
// the UUIDs in the order mdevctl wrote them.
class CreateRecorder {
 public:
  explicit CreateRecorder(const fs::path& create) {
    fs::remove(create);
    mkfifo(create.c_str(), 0644);
    fd_ = open(create.c_str(), O_RDWR | O_CLOEXEC);
    reader_ = std::thread([this] {
      char buf[4096];
      for (ssize_t n; (n = read(fd_, buf, sizeof buf)) > 0;) {
        got_.append(buf, static_cast<size_t>(n));
        if (got_.find("stop") != std::string::npos) return;
      }
    });
  }
  ~CreateRecorder() { finish(); }
  // The UUIDs written, 36 bytes each.
  std::vector<std::string> finish() {
    if (reader_.joinable()) {
      ssize_t ignored = write(fd_, "stop", 4);
      (void)ignored;
      reader_.join();
      close(fd_);
    }
    std::vector<std::string> out;
    for (size_t at = 0; at + 36 <= got_.size() && got_.compare(at, 4, "stop") != 0; at += 36) {
      out.push_back(got_.substr(at, 36));
    }
    return out;
  }

 private:
  int fd_ = -1;
  std::string got_;
  std::thread reader_;
};

}  // namespace

TEST_CASE(
    "Autostart: one script's devices never overlap - others do - within --jobs - creates in UUID "
    "order") {
  PassiveRoot root;
  // p1 and p2 are served by one locking script (like s390's ap-check, which
  // locks in pre on behalf of mdevctl and unlocks in post), p3 by another.
  const int per_parent = 10;
  for (int p : {1, 2, 3}) {
    std::string parent = "p" + std::to_string(p), type = p == 3 ? "fast" : "locked";
    root.add_type(parent, type, 100);
    for (int n = 0; n < per_parent; ++n) {
      root.write("etc/mdevctl.d/" + parent + "/" + uuid(p, n),
                 "{\"mdev_type\":\"" + type + "\",\"start\":\"auto\"}");
    }
  }
  const std::string args =
      "while [ $# -gt 0 ]; do case $1 in -t) t=$2;; -e) e=$2;; -u) u=$2;; esac; shift; done\n"
      "cat >/dev/null\n";
  root.write_script("usr/lib/mdevctl/scripts.d/callouts/10-ap-check",
                    args +
                        "[ \"$t\" = locked ] || exit 2\n"
                        "case $e in\n"
                        "  pre) mkdir $ROOT/ap-lock 2>/dev/null || { echo \"lock held at pre of "
                        "$u\" >> $ROOT/violations; exit 1; }\n"
                        "       mkdir -p $ROOT/running; mkdir $ROOT/running/$u; ls $ROOT/running | "
                        "wc -l >> $ROOT/concurrency\n"
                        "       sleep 0.02;;\n"
                        "  post) rmdir $ROOT/running/$u; rmdir $ROOT/ap-lock;;\n"
                        "esac\nexit 0\n");
  root.write_script("usr/lib/mdevctl/scripts.d/callouts/20-fast",
                    args +
                        "[ \"$t\" = fast ] || exit 2\n"
                        "case $e in\n"
                        "  pre) [ -d $ROOT/ap-lock ] && echo overlap >> $ROOT/overlaps\n"
                        "       mkdir -p $ROOT/running; mkdir $ROOT/running/$u; ls $ROOT/running | "
                        "wc -l >> $ROOT/concurrency\n"
                        "       [ $u = " +
                        uuid(3, 4) +
                        " ] && exit 1\n"
                        "       sleep 0.05;;\n"
                        "  post) rmdir $ROOT/running/$u;;\n"
                        "esac\nexit 0\n");
  CreateRecorder p3_creates(root.path(root.type_dir("p3", "fast") + "create"));

  auto run = root.mdevctl({"--jobs", "4", "start-parent-mdevs", "p1", "p2", "p3"});
  auto creates = p3_creates.finish();

  CHECK(run.status == 1);  // the one device whose pre fails
  auto lines = lines_of(run.err);
  REQUIRE(lines.size() == 5);
  CHECK(lines[0] == "Error: autostart of " + uuid(3, 4) + " failed: pre call-out 20-fast for " +
                        uuid(3, 4) + " failed: exit status 1");
  CHECK(lines[1] == "p1: 10 started, 0 already running, 0 failed");
  CHECK(lines[2] == "p2: 10 started, 0 already running, 0 failed");
  CHECK(lines[3] == "p3: 9 started, 0 already running, 1 failed");
  CHECK(lines[4] == "Error: autostart of 1 device(s) failed");

  CHECK(root.read("violations") == "<missing>");  // never two ap-check pipelines at once
  CHECK(root.read("overlaps") != "<missing>");    // but the other script ran meanwhile
  auto counts = lines_of(root.read("concurrency"));
  CHECK(counts.size() == 3 * per_parent);
  int most = 0;
  for (const auto& c : counts) most = std::max(most, std::stoi(c));
  CHECK(most <= 4);
  CHECK(most >= 2);

  std::vector<std::string> wanted;
  for (int n = 0; n < per_parent; ++n) {
    if (n != 4) wanted.push_back(uuid(3, n));
  }
  CHECK(creates == wanted);
}

TEST_CASE("Autostart: --jobs 1 is one device after another in UUID order") {
  PassiveRoot root;
  root.add_type("p", "t", 10);
  for (int n = 0; n < 4; ++n) {
    root.write("etc/mdevctl.d/p/" + uuid(1, n), "{\"mdev_type\":\"t\",\"start\":\"auto\"}");
  }
  root.write_script("usr/lib/mdevctl/scripts.d/notifiers/log",
                    "cat >/dev/null; echo \"$*\" | cut -d' ' -f10 >> $ROOT/log\n");
  auto run = root.mdevctl({"--jobs", "1", "start-parent-mdevs", "p"});
  CHECK(run.status == 0);
  CHECK(root.read("log") ==
        uuid(1, 0) + "\n" + uuid(1, 1) + "\n" + uuid(1, 2) + "\n" + uuid(1, 3) + "\n");
}

TEST_CASE("Autostart: two runs at once start each device once") {
  FixtureRoot root("vfio-ap");
  SimulatedKernel kernel(root);
  for (int n = 0; n < 6; ++n) {
    root.write("etc/mdevctl.d/matrix/" + uuid(7, n),
               "{\"mdev_type\":\"vfio_ap-passthrough\",\"start\":\"auto\"}");
  }
  blackbox::Run first, second;
  std::thread other([&] { second = root.mdevctl({"start-parent-mdevs", "matrix"}); });
  first = root.mdevctl({"start-parent-mdevs", "matrix"});
  other.join();
  // The lock lets one run start all seven; the other then finds them running.
  std::vector<std::string> summaries = {first.err, second.err};
  std::sort(summaries.begin(), summaries.end());
  CHECK(summaries[0] == "matrix: 0 started, 8 already running, 0 failed\n");
  CHECK(summaries[1] == "matrix: 7 started, 1 already running, 0 failed\n");
  CHECK(first.status == 0);
  CHECK(second.status == 0);
}

TEST_CASE("Autostart: --all takes every parent present that has definitions") {
  PassiveRoot root;
  root.add_type("a", "t");
  root.add_type("b", "t");
  root.add_type("c", "t");  // present, no definitions: no line for it
  root.write("etc/mdevctl.d/a/" + uuid(1, 1), "{\"mdev_type\":\"t\",\"start\":\"auto\"}");
  root.write("etc/mdevctl.d/b/" + uuid(2, 1), "{\"mdev_type\":\"t\",\"start\":\"manual\"}");
  root.write("etc/mdevctl.d/gone/" + uuid(3, 1), "{\"mdev_type\":\"t\",\"start\":\"auto\"}");
  auto run = root.mdevctl({"start-parent-mdevs", "--all"});
  CHECK(run.status == 0);
  CHECK(run.err ==
        "a: 1 started, 0 already running, 0 failed\n"
        "b: 0 started, 0 already running, 0 failed\n");
  CHECK(root.read(root.type_dir("a", "t") + "create") == uuid(1, 1));
}

TEST_CASE(
    "SIGTERM during start-parent-mdevs starts no further pre - a pre that ran gets its post") {
  blackbox::PassiveRoot root;
  const std::vector<std::string> uuids = blackbox::define_three_behind_a_slow_pre(root);
  blackbox::Background run(root, {"start-parent-mdevs", "p0"});
  REQUIRE(blackbox::wait_for_first_pre(root));
  CHECK(run.stop(SIGTERM) == 1);  // two devices were not started
  const std::string log = root.read("log");
  CAPTURE(log, run.err());
  CHECK(log.find("-e pre -a start -s none -u " + uuids[0]) != std::string::npos);
  CHECK(log.find("-e post -a start -s success -u " + uuids[0]) != std::string::npos);
  CHECK(log.find(uuids[1]) == std::string::npos);
  CHECK(log.find(uuids[2]) == std::string::npos);
  CHECK(run.err().find("p0: 1 started, 0 already running, 2 failed") != std::string::npos);
}

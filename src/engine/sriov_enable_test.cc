// SPDX-License-Identifier: LGPL-2.1-or-later
// The boot chain's first step (behaviour.md 11.3) on the fake kernel: a PF
// after a reboot, SR-IOV not enabled, definitions under its would-be VFs.
#include "engine/sriov_enable.h"

#include <algorithm>
#include <filesystem>

#include "commands/commands.h"
#include "support/catch.h"
#include "support/fake_root.h"
#include "support/recording_callouts.h"

using namespace mdev;
using namespace std::chrono_literals;
namespace fs = std::filesystem;
using Outcome = SriovStep::Outcome;

namespace {

const std::string kPf = "0000:41:00.0";
// Where VFs 0, 1, 2, ... of kPf will be: sriov_offset 4, sriov_stride 1.
const std::string kVf0 = "0000:41:00.4", kVf2 = "0000:41:00.6";

struct RebootedHost {
  Runtime runtime;  // first: what waits on its loop goes before it
  FakeRoot disk;
  RecordingCallouts callouts;
  std::vector<std::string> log_lines;
  std::function<void(std::string_view)> on_line;
  Logger log{LogLevel::kInfo, [this](std::string_view line) {
               log_lines.emplace_back(line);
               if (on_line) on_line(line);
             }};
  Context ctx{runtime, disk.root, disk.sysfs, disk.store, callouts, log};

  RebootedHost() {
    fs::create_directories(disk.root.config_dir());
    disk.kernel.nvidia().add_gpu_without_vfs(kPf, 8, {{1147, "L40S-1Q", 1}}, 48);
    ctx.options.sriov_first_pause = 10ms;
    ctx.options.sriov_wait = 10s;
  }
  void define(const std::string& uuid, const std::string& vf, bool autostart) {
    disk.tmp.write("etc/mdevctl.d/" + vf + "/" + uuid,
                   std::string("{\"mdev_type\":\"nvidia-1147\",\"start\":\"") +
                       (autostart ? "auto" : "manual") + "\",\"attrs\":[]}");
  }
  SriovStep enable(const std::string& pf = kPf) {
    SriovStep out;
    auto step = [](Context& ctx, std::string pf, SriovStep& out) -> asio::awaitable<std::string> {
      out = co_await enable_vfs_for_definitions(ctx, pf);
      co_return "";
    };
    runtime.run(step(ctx, pf, out));
    return out;
  }
  std::string numvfs() { return disk.tmp.read("sys/devices/pci0000:00/" + kPf + "/sriov_numvfs"); }
  // NVIDIA's tool, standing in: fails as it does while NVIDIA's daemons
  // start, then reports success and leaves 0, then enables all 8 VFs.
  void install_sriov_manage() {
    disk.tmp.write("usr/lib/nvidia/sriov-manage",
                   "#!/bin/sh\n"
                   "root=" +
                       disk.tmp.path.string() +
                       "\n"
                       "echo \"$@\" >>\"$root/tool.log\"\n"
                       "n=$(wc -l <\"$root/tool.log\")\n"
                       "[ \"$n\" -eq 1 ] && { echo 'nvidia-vgpud is not running' >&2; exit 1; }\n"
                       "[ \"$n\" -eq 2 ] && exit 0\n"
                       "echo 8 >\"$root/sys/devices/pci0000:00/$2/sriov_numvfs\"\n");
    fs::permissions(disk.tmp.path / "usr/lib/nvidia/sriov-manage", fs::perms::owner_all);
  }
};

const std::string kA = "1a000000-0000-4000-8000-000000000000";
const std::string kB = "2b000000-0000-4000-8000-000000000000";

}  // namespace

TEST_CASE("SR-IOV: the smallest count that covers every VF with an auto definition") {
  RebootedHost h;
  h.define(kA, kVf0, true);
  h.define(kB, kVf2, true);
  SriovStep step = h.enable();
  CHECK(step.outcome == Outcome::kEnabled);
  CHECK(step.vfs == 3);
  CHECK(step.tries == 1);
  CHECK(h.disk.kernel.log() == std::vector<std::string>{"sriov " + kPf + " 3"});
  CHECK(fs::exists(h.disk.tmp.path / "sys/bus/pci/devices" / kVf2 / "physfn"));
  CHECK(h.log_lines == std::vector<std::string>{
                           kPf + ": enabling SR-IOV for the VFs with auto definitions (try 1): 3 "
                                 "to sriov_numvfs",
                           kPf + ": SR-IOV enabled: 3 VF(s)"});
  // A count already set is never changed.
  SriovStep again = h.enable();
  CHECK(again.outcome == Outcome::kNothingToDo);
  CHECK(h.disk.kernel.log().size() == 1);
}

TEST_CASE("SR-IOV: nothing to do without auto definitions, and for what is no PF") {
  RebootedHost h;
  CHECK(h.enable().outcome == Outcome::kNothingToDo);
  h.define(kA, kVf2, false);  // manual: started by hand, not at boot
  CHECK(h.enable().outcome == Outcome::kNothingToDo);
  CHECK(h.enable("0000:99:00.0").outcome == Outcome::kNothingToDo);
  CHECK(h.disk.kernel.log().empty());
  CHECK(h.numvfs() == "0\n");
  CHECK(h.log_lines.empty());
}

TEST_CASE("SR-IOV: MDEVCTL_SRIOV_ENABLE=0 enables nothing and says so once") {
  RebootedHost h;
  h.define(kA, kVf2, true);
  h.ctx.options.sriov_enable = false;
  SriovStep step = h.enable();
  CHECK(step.outcome == Outcome::kSwitchedOff);
  CHECK(h.disk.kernel.log().empty());
  CHECK(h.log_lines == std::vector<std::string>{
                           "Warning: " + kPf +
                           ": not enabling SR-IOV although VFs up to 3 have auto definitions: "
                           "MDEVCTL_SRIOV_ENABLE=0"});
}

TEST_CASE("SR-IOV: NVIDIA's tool, tried again until sriov_numvfs says it worked") {
  RebootedHost h;
  h.define(kA, kVf0, true);
  h.install_sriov_manage();
  SriovStep step = h.enable();
  CHECK(step.outcome == Outcome::kEnabled);
  CHECK(step.tries == 3);
  CHECK(step.vfs == 8);  // the tool enables them all
  CHECK(h.disk.tmp.read("tool.log") == "-e " + kPf + "\n-e " + kPf + "\n-e " + kPf + "\n");
  CHECK(h.disk.kernel.log().empty());  // the tool's doing, not a write of mdevctl's
  REQUIRE(h.log_lines.size() == 6);
  CHECK(h.log_lines[0] == kPf +
                              ": enabling SR-IOV for the VFs with auto definitions (try 1): "
                              "sriov-manage -e " +
                              kPf);
  CHECK(h.log_lines[1].find("Warning: " + kPf + ": " +
                            (h.disk.tmp.path / "usr/lib/nvidia/sriov-manage").string() + " -e " +
                            kPf + ": exit status 1; trying again in 0.0 s") == 0);
  CHECK(h.log_lines[3] == "Warning: " + kPf + ": sriov-manage -e " + kPf +
                              " left sriov_numvfs at 0; trying again in 0.0 s");
  CHECK(h.log_lines[5] == kPf + ": SR-IOV enabled: 8 VF(s)");
}

TEST_CASE("SR-IOV: a PF that never takes it fails within the bound, naming the last reason") {
  RebootedHost h;
  h.define(kA, kVf0, true);
  h.disk.kernel.fail("sriov_numvfs", ENOMEM);
  h.ctx.options.sriov_wait = 100ms;
  SriovStep step = h.enable();
  CHECK(step.outcome == Outcome::kFailed);
  CHECK(step.tries >= 2);
  CHECK(step.message.find(kPf + ": SR-IOV not enabled after ") == 0);
  CHECK(step.message.find("Cannot allocate memory (os error 12): the PF's driver could not "
                          "enable them (see the kernel log)") != std::string::npos);
  // start-parent-mdevs, as the udev rule runs it for the PF, fails too.
  CHECK_THROWS_WITH(h.runtime.run(execute(h.ctx, StartParentRequest{.parents = {kPf}})),
                    "enabling SR-IOV failed on 1 PF(s)");
}

TEST_CASE("The udev path after a reboot: the PF's VFs, then a VF bound before its nvidia/ files") {
  RebootedHost h;
  h.disk.kernel.nvidia().files_come_late();
  h.define(kA, kVf0, true);
  // What the rule runs for the PF when it binds: its VFs appear and bind.
  h.runtime.run(execute(h.ctx, StartParentRequest{.parents = {kPf}}));
  CHECK(h.numvfs() == "1\n");
  // Then for the VF: its files come while start-parent-mdevs waits for them.
  h.on_line = [&h](std::string_view line) {
    if (line == "waiting for NVIDIA's driver to make the nvidia/ files of VF " + kVf0)
      h.disk.kernel.nvidia().init_vfs(kPf);
  };
  h.log_lines.clear();
  h.runtime.run(execute(h.ctx, StartParentRequest{.parents = {kVf0}}));
  CHECK(h.disk.kernel.nvidia().current(kVf0) == 1147);
  CHECK(h.log_lines.back() == kVf0 + ": 1 started, 0 already running, 0 failed");
}

TEST_CASE("define --count --auto before SR-IOV is enabled, then a boot brings them all up") {
  RebootedHost h;
  std::string printed = h.runtime.run(execute(
      h.ctx, DefineRequest{.parent = kPf, .type = "nvidia-1147", .autostart = true, .count = "3"}));
  CHECK(printed.size() == 3 * 37);
  CHECK(h.numvfs() == "0\n");
  // The PF binds at boot; then each VF.
  h.runtime.run(execute(h.ctx, StartParentRequest{.parents = {kPf}}));
  CHECK(h.numvfs() == "3\n");
  for (const auto& vf : {"0000:41:00.4", "0000:41:00.5", "0000:41:00.6"}) {
    h.runtime.run(execute(h.ctx, StartParentRequest{.parents = {vf}}));
    CHECK(h.disk.kernel.nvidia().current(vf) == 1147);
  }
  CHECK(h.disk.kernel.log() ==
        std::vector<std::string>{"sriov " + kPf + " 3", "vgpu 0000:41:00.4 1147",
                                 "vgpu 0000:41:00.5 1147", "vgpu 0000:41:00.6 1147"});
  // Listed by the PF's name too.
  std::string listed = h.runtime.run(execute(h.ctx, ListRequest{.parent = kPf}));
  CHECK(std::count(listed.begin(), listed.end(), '\n') == 3);
}

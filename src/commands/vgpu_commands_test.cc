// SPDX-License-Identifier: LGPL-2.1-or-later
// vGPUs on the VFs of NVIDIA's vendor-specific VFIO (behaviour.md section
// 11), in process on the fake driver: what each command writes to the VF,
// reads back, runs and says, on a 4 GB GPU with four VFs.
#include <cerrno>
#include <filesystem>
#include <fstream>

#include "commands/commands.h"
#include "engine/runtime.h"
#include "engine/vgpu_actions.h"
#include "model/vgpu_types.h"
#include "support/catch.h"
#include "support/fake_root.h"
#include "support/recording_callouts.h"

using namespace mdev;
namespace fs = std::filesystem;

namespace {

const std::string kPf = "0000:41:00.0";
const std::string kVf = "0000:41:00.4";
const std::string kSibling = "0000:41:00.5";
const std::string kU = "3b2f1e6a-0c4d-4e5f-8a9b-0c1d2e3f4a5b";
const std::string kU2 = "7c8d9e0f-1a2b-4c3d-8e4f-5a6b7c8d9e0f";

struct VgpuHost {
  Runtime runtime;  // first: what waits on its loop goes before it
  FakeRoot disk;
  RecordingCallouts callouts;
  std::vector<std::string> log_lines;
  Logger log{LogLevel::kWarn, [this](std::string_view line) { log_lines.emplace_back(line); }};
  Context ctx{runtime, disk.root, disk.sysfs, disk.store, callouts, log};

  explicit VgpuHost(FakeVgpuFlavour flavour = FakeVgpuFlavour::kR5xx) {
    fs::create_directories(disk.root.config_dir());
    // Sizes in GB, as NVIDIA's names say: 1B and 1Q share one size.
    disk.kernel.nvidia().add_gpu(
        kPf, 4,
        {{1145, "L40S-1B", 1}, {1147, "L40S-1Q", 1}, {1155, "L40S-2Q", 2}, {1161, "L40S-4Q", 4}}, 4,
        flavour);
    ctx.options.vgpu_clear_wait = std::chrono::milliseconds(300);
  }
  void catalogue(const std::string& types) {
    fs::create_directories(disk.root.dir() / "usr/share/nvidia/vgpu");
    std::ofstream(disk.root.dir() / "usr/share/nvidia/vgpu/vgpuConfig.xml")
        << "<vgpuconfig>" << types << "</vgpuconfig>\n";
  }
  // Whether starting `uuid` fails as "not ready", which the monitor retries.
  bool start_is_not_ready(const std::string& uuid) {
    try {
      run(execute(ctx, StartRequest{.uuid = uuid}));
    } catch (const VgpuNotReady&) {
      return true;
    } catch (const std::exception&) {
    }
    return false;
  }

  std::string run(asio::awaitable<std::string> command) {
    callouts.log.clear();
    return runtime.run(std::move(command));
  }
  void define(const std::string& uuid, const std::string& vf, const std::string& type,
              bool autostart = false) {
    run(execute(ctx,
                DefineRequest{.uuid = uuid, .parent = vf, .type = type, .autostart = autostart}));
  }
  std::string types_on(const std::string& vf) {
    return run(execute(ctx, TypesRequest{.parent = vf}));
  }
  // The error a command fails with; empty when it succeeds.
  std::string error_of(asio::awaitable<std::string> command) {
    try {
      run(std::move(command));
    } catch (const std::exception& e) {
      return e.what();
    }
    return "";
  }
  unsigned long current(const std::string& vf) { return disk.kernel.nvidia().current(vf); }
  std::vector<std::string> writes() { return disk.kernel.log(); }
};

std::string vgpu(const std::string& vf, const std::string& value) {
  return "vgpu " + vf + " " + value;
}

}  // namespace

TEST_CASE("A vGPU's round trip: define by name, start, list, stop - through the whole pipeline") {
  VgpuHost h;
  h.define(kU, kVf, "L40S-1Q");  // the name, as an admin reads it
  CHECK(h.run(execute(h.ctx, ListRequest{.defined = true})) ==
        kU + " " + kVf + " nvidia-1147 manual\n");

  CHECK(h.run(execute(h.ctx, StartRequest{.uuid = kU})) == "");
  CHECK(h.writes() == std::vector<std::string>{vgpu(kVf, "1147")});
  CHECK(h.callouts.log ==
        std::vector<std::string>{"pre/start/none", "post/start/success", "notify/start/success"});
  CHECK(h.current(kVf) == 1147);
  CHECK(h.run(execute(h.ctx, ListRequest{})) == kU + " " + kVf + " nvidia-1147 manual (defined)\n");
  // The sibling now offers only vGPUs of the same size.
  CHECK(h.types_on(kSibling).find("nvidia-1147") != std::string::npos);
  CHECK(h.types_on(kSibling).find("nvidia-1155") == std::string::npos);
  // The VF's held type is named by a row seen in the same command (a
  // sibling's), or by NVIDIA's catalogue: this root has none.
  CHECK(h.types_on(kVf) ==
        kVf + "\n  nvidia-1147\n    Available instances: 0\n    Device API: vfio-pci\n");
  CHECK(h.run(execute(h.ctx, TypesRequest{}))
            .find(kVf + "\n  nvidia-1147\n    Available instances: "
                        "0\n    Device API: vfio-pci\n    Name: "
                        "NVIDIA L40S-1Q\n") != std::string::npos);

  CHECK(h.run(execute(h.ctx, StopRequest{.uuid = kU})) == "");
  CHECK(h.writes() == std::vector<std::string>{vgpu(kVf, "1147"), vgpu(kVf, "0")});
  CHECK(h.callouts.log ==
        std::vector<std::string>{"pre/stop/none", "post/stop/success", "notify/stop/success"});
  CHECK(h.current(kVf) == 0);
  CHECK(h.run(execute(h.ctx, ListRequest{})) == "");
  CHECK(h.types_on(kSibling).find("nvidia-1161") != std::string::npos);  // the GPU is free again
  CHECK(h.log_lines.empty());
}

TEST_CASE("A transient vGPU keeps its UUID for as long as the VF holds the type") {
  VgpuHost h;
  CHECK(h.run(execute(h.ctx, StartRequest{.uuid = kU, .parent = kVf, .type = "nvidia-1145"})) ==
        "");
  CHECK(h.run(execute(h.ctx, ListRequest{})) == kU + " " + kVf + " nvidia-1145 manual\n");
  std::ifstream kept(h.disk.root.dir() / "run/mdevctl" / ("vgpu-" + kVf));
  std::string line;
  std::getline(kept, line);
  CHECK(line == kU + " nvidia-1145");
}

TEST_CASE("A type the VF cannot create now is refused before any write - naming what it can") {
  VgpuHost h;
  h.define(kU, kVf, "nvidia-1147");
  h.define(kU2, kSibling, "nvidia-1161");
  h.run(execute(h.ctx, StartRequest{.uuid = kU}));
  // A 1 GB vGPU on the GPU: the sibling offers 1 GB types only. Full for
  // this type, not "not ready": the monitor does not retry it.
  CHECK(h.error_of(execute(h.ctx, StartRequest{.uuid = kU2})) ==
        "type nvidia-1161 cannot be created on VF " + kSibling +
            " now: its GPU is full for this type beside what it holds (VF " + kVf +
            " holds nvidia-1147 (NVIDIA L40S-1Q)); creatable are nvidia-1145 (NVIDIA L40S-1B), "
            "nvidia-1147 (NVIDIA L40S-1Q)");
  CHECK_FALSE(h.start_is_not_ready(kU2));
  CHECK(h.writes().size() == 1);
  CHECK(h.callouts.log.empty());  // refused before the pre call-out, as for an mdev
}

TEST_CASE("Full or not ready: only a GPU whose siblings hold vGPUs is full") {
  VgpuHost h;
  h.define(kU, kVf, "L40S-4Q");
  h.define(kU2, kSibling, "L40S-1Q");
  h.run(execute(h.ctx, StartRequest{.uuid = kU}));
  CHECK(h.types_on(kSibling) == kSibling + "\n");  // a parent still, without a type
  CHECK(h.error_of(execute(h.ctx, StartRequest{.uuid = kU2})) ==
        "type nvidia-1147 cannot be created on VF " + kSibling + " now: its GPU is full (VF " +
            kVf + " holds nvidia-1161)");
  CHECK_FALSE(h.start_is_not_ready(kU2));

  // After a reboot NVIDIA's daemons start after the VFs: nothing is
  // creatable and nothing is held. That passes by itself.
  h.run(execute(h.ctx, StopRequest{.uuid = kU}));
  h.disk.kernel.nvidia().set_daemons_up(kPf, false);
  CHECK(h.types_on(kSibling) == kSibling + "\n");
  CHECK(h.error_of(execute(h.ctx, StartRequest{.uuid = kU2})) ==
        "type nvidia-1147 cannot be created on VF " + kSibling +
            " now: no type is creatable yet: NVIDIA's vGPU daemons (nvidia-vgpud, "
            "nvidia-vgpu-mgr) are not ready");
  CHECK(h.start_is_not_ready(kU2));
  h.disk.kernel.nvidia().set_daemons_up(kPf, true);
  h.run(execute(h.ctx, StartRequest{.uuid = kU2}));
  CHECK(h.current(kSibling) == 1147);
}

TEST_CASE(
    "A VF holding a type set outside mdevctl: listed under its derived UUID, adopted by "
    "define -u, never overwritten") {
  VgpuHost h;
  h.disk.kernel.nvidia().set_outside(kVf, 1147);
  const std::string derived = vgpu_uuid_of(kVf).str();
  CHECK(h.run(execute(h.ctx, ListRequest{})) == derived + " " + kVf + " nvidia-1147 manual\n");

  h.define(kU, kVf, "nvidia-1145");
  CHECK_THROWS_WITH(
      h.run(execute(h.ctx, StartRequest{.uuid = kU})),
      "VF " + kVf + " already holds a vGPU of type nvidia-1147: a VF holds one vGPU at a time");
  CHECK(h.writes().empty());

  h.run(execute(h.ctx, DefineRequest{.uuid = derived}));  // promote the running one
  CHECK(h.run(execute(h.ctx, ListRequest{})) ==
        derived + " " + kVf + " nvidia-1147 manual (defined)\n");
  h.run(execute(h.ctx, StopRequest{.uuid = derived}));
  CHECK(h.current(kVf) == 0);
}

TEST_CASE("A vGPU set outside mdevctl takes the UUID of the one definition of its VF and type") {
  VgpuHost h;
  h.define(kU, kVf, "nvidia-1147");
  h.define(kU2, kVf, "nvidia-1145");
  h.disk.kernel.nvidia().set_outside(kVf, 1147);  // a site's own boot script, or before a reboot
  CHECK(h.run(execute(h.ctx, ListRequest{})) == kU + " " + kVf + " nvidia-1147 manual (defined)\n");
  h.run(execute(h.ctx, StopRequest{.uuid = kU}));
  CHECK(h.current(kVf) == 0);
  // Two definitions of that type: neither is the one; the derived UUID.
  h.define("0a0a0a0a-0000-4000-8000-000000000001", kSibling, "nvidia-1147");
  h.define("0a0a0a0a-0000-4000-8000-000000000002", kSibling, "nvidia-1147");
  h.disk.kernel.nvidia().set_outside(kSibling, 1147);
  CHECK(h.run(execute(h.ctx, ListRequest{})) ==
        vgpu_uuid_of(kSibling).str() + " " + kSibling + " nvidia-1147 manual\n");
}

TEST_CASE(
    "A VF that mdevctl filled names the UUID it started there, the type's name from the "
    "catalogue") {
  VgpuHost h;
  h.catalogue("<vgpuType id=\"1147\" name=\"NVIDIA L40S-1Q\"/>");
  h.define(kU, kVf, "nvidia-1147");
  h.define(kU2, kVf, "nvidia-1147");
  h.run(execute(h.ctx, StartRequest{.uuid = kU}));
  CHECK_THROWS_WITH(h.run(execute(h.ctx, StartRequest{.uuid = kU2})),
                    "VF " + kVf + " already holds a vGPU of type nvidia-1147 (NVIDIA L40S-1Q), " +
                        "started by mdevctl as " + kU + ": a VF holds one vGPU at a time");
}

// Section 11.1's table, row by row, through the write itself: each change
// comes between mdevctl's read of the rows and its write, as on a host
// where another tool or NVIDIA's daemons act at the same time.
TEST_CASE("The driver's no to an id, each flavour: a VF that already holds a vGPU") {
  for (auto flavour : {FakeVgpuFlavour::kR5xx, FakeVgpuFlavour::kUpstream}) {
    VgpuHost h(flavour);
    h.define(kU, kVf, "nvidia-1147");
    h.disk.kernel.nvidia().before_next_type_write(
        [&h] { h.disk.kernel.nvidia().set_outside(kVf, 1145); });
    // R5xx says EPERM, upstream EBUSY: neither is a permission problem.
    std::string error = h.error_of(execute(h.ctx, StartRequest{.uuid = kU}));
    CHECK(error ==
          "VF " + kVf + " already holds a vGPU of type nvidia-1145: a VF holds one vGPU at a time");
    CHECK(h.current(kVf) == 1145);
  }
}

TEST_CASE("The driver's no to an id, each flavour: the GPU filled up in between") {
  const std::string cause[] = {"Input/output error, os error 5",
                               "No space left on device, os error 28"};
  int n = 0;
  for (auto flavour : {FakeVgpuFlavour::kR5xx, FakeVgpuFlavour::kUpstream}) {
    VgpuHost h(flavour);
    h.define(kU, kVf, "nvidia-1161");
    h.disk.kernel.nvidia().before_next_type_write(
        [&h] { h.disk.kernel.nvidia().set_outside(kSibling, 1161); });
    CHECK(h.error_of(execute(h.ctx, StartRequest{.uuid = kU})) ==
          "NVIDIA's driver refused type nvidia-1161 on VF " + kVf + " (" + cause[n++] +
              "): its GPU is full (VF " + kSibling +
              " holds nvidia-1161); see the kernel log (NVRM)");
    CHECK_FALSE(h.start_is_not_ready(kU));
    CHECK(h.current(kVf) == 0);
  }
}

TEST_CASE("The driver's no to an id, upstream: a different type on a GPU that holds one") {
  VgpuHost h(FakeVgpuFlavour::kUpstream);
  h.define(kU, kVf, "nvidia-1145");
  h.disk.kernel.nvidia().before_next_type_write(
      [&h] { h.disk.kernel.nvidia().set_outside(kSibling, 1147); });
  CHECK(h.error_of(execute(h.ctx, StartRequest{.uuid = kU})) ==
        "NVIDIA's driver refused type nvidia-1145 on VF " + kVf +
            " (Invalid argument, os error 22): its GPU is full for this type beside what it holds "
            "(VF " +
            kSibling +
            " holds nvidia-1147 (NVIDIA L40S-1Q)); creatable are nvidia-1147 "
            "(NVIDIA L40S-1Q); see the kernel log (NVRM)");
}

TEST_CASE("The driver's no to an id, each flavour: the daemons are not up - retried, not full") {
  const std::string cause[] = {"Input/output error, os error 5", "No such device, os error 19"};
  int n = 0;
  for (auto flavour : {FakeVgpuFlavour::kR5xx, FakeVgpuFlavour::kUpstream}) {
    VgpuHost h(flavour);
    h.define(kU, kVf, "nvidia-1147");
    h.disk.kernel.nvidia().before_next_type_write(
        [&h] { h.disk.kernel.nvidia().set_daemons_up(kPf, false); });
    CHECK(h.error_of(execute(h.ctx, StartRequest{.uuid = kU})) ==
          "NVIDIA's driver refused type nvidia-1147 on VF " + kVf + " (" + cause[n++] +
              "): no type is creatable yet: NVIDIA's vGPU daemons (nvidia-vgpud, "
              "nvidia-vgpu-mgr) are not ready; see the kernel log (NVRM)");
    h.disk.kernel.nvidia().set_daemons_up(kPf, true);
    h.disk.kernel.nvidia().before_next_type_write(
        [&h] { h.disk.kernel.nvidia().set_daemons_up(kPf, false); });
    CHECK(h.start_is_not_ready(kU));
  }
}

TEST_CASE("A MIG-backed type without its GPU instance: not ready, and named as such") {
  VgpuHost h;
  const std::string pf = "0000:c1:00.0", vf = "0000:c1:00.4";
  h.catalogue("<vgpuType id=\"1414\" name=\"NVIDIA H200X-1-18C\"/>");
  h.disk.kernel.nvidia().add_gpu(pf, 2, {{1414, "H200X-1-18C", 18, true}}, 141);
  h.define(kU, vf, "H200X-1-18C");  // by its name, from the catalogue
  CHECK(h.error_of(execute(h.ctx, StartRequest{.uuid = kU})) ==
        "type nvidia-1414 (NVIDIA H200X-1-18C) cannot be created on VF " + vf +
            " now: no type is creatable yet, and it is MIG-backed: is there a GPU instance for "
            "it? (nvidia-smi mig -lgi)");
  CHECK(h.start_is_not_ready(kU));
  CHECK(h.current(vf) == 0);
  // The pre call-out ran first: it is where a site makes the GPU instance.
  CHECK(h.callouts.log ==
        std::vector<std::string>{"pre/start/none", "post/start/failure", "notify/start/failure"});

  h.disk.kernel.nvidia().make_gpu_instance(pf, 1414);  // its row appears
  CHECK(h.types_on(vf).find("NVIDIA H200X-1-18C") != std::string::npos);
  h.run(execute(h.ctx, StartRequest{.uuid = kU}));
  CHECK(h.current(vf) == 1414);
}

TEST_CASE("A creatable_vgpu_types that cannot be read is not a missing file") {
  VgpuHost h;
  h.define(kU, kVf, "nvidia-1147");
  h.disk.kernel.nvidia().break_creatable(kVf);
  CHECK(h.error_of(execute(h.ctx, StartRequest{.uuid = kU})) ==
        "type nvidia-1147 cannot be created on VF " + kVf +
            " now: its creatable_vgpu_types cannot be read (Is a directory): NVIDIA's driver could "
            "not ask the GPU");
  CHECK(h.start_is_not_ready(kU));
  // Still a parent, with a warning saying why it shows no type.
  std::vector<std::string> unreadable;
  CHECK(h.disk.sysfs.types(kVf, &unreadable).empty());
  CHECK(unreadable == std::vector<std::string>{h.disk.sysfs.vfs().dir(kVf) +
                                               "/nvidia/creatable_vgpu_types: cannot be read: Is "
                                               "a directory"});
}

TEST_CASE("EACCES alone is a permission problem") {
  VgpuHost h;
  h.define(kU, kVf, "nvidia-1147");
  h.disk.kernel.fail("current_vgpu_type", EACCES);
  CHECK(h.error_of(execute(h.ctx, StartRequest{.uuid = kU})) ==
        "creating " + kU + " on VF " + kVf + " type nvidia-1147 (write of 1147 to " + kVf +
            "/nvidia/current_vgpu_type) failed: Permission denied (os error 13): mdevctl must run "
            "as root");
}

TEST_CASE("A stop while the VM's vGPU goes away: R5xx's EPERM, then EBUSY, then done") {
  VgpuHost h;
  h.define(kU, kVf, "nvidia-1147");
  h.run(execute(h.ctx, StartRequest{.uuid = kU}));
  h.disk.kernel.nvidia().vm_exits(kVf, 1, 2);
  h.ctx.options.vgpu_clear_wait = std::chrono::seconds(60);  // ends at the read of 0, not by time
  CHECK(h.run(execute(h.ctx, StopRequest{.uuid = kU})) == "");
  CHECK(h.writes() == std::vector<std::string>{vgpu(kVf, "1147"), vgpu(kVf, "0")});
  CHECK(h.current(kVf) == 0);
  CHECK_FALSE(fs::exists(h.disk.root.dir() / "run/mdevctl" / ("vgpu-" + kVf)));
  CHECK(h.callouts.log ==
        std::vector<std::string>{"pre/stop/none", "post/stop/success", "notify/stop/success"});
}

TEST_CASE("A stop while the VM's vGPU goes away, upstream: EBUSY, then done") {
  VgpuHost h(FakeVgpuFlavour::kUpstream);
  h.define(kU, kVf, "nvidia-1147");
  h.run(execute(h.ctx, StartRequest{.uuid = kU}));
  h.disk.kernel.nvidia().vm_exits(kVf, 0, 3);
  h.ctx.options.vgpu_clear_wait = std::chrono::seconds(60);
  CHECK(h.run(execute(h.ctx, StopRequest{.uuid = kU})) == "");
  CHECK(h.current(kVf) == 0);
}

TEST_CASE("A clear that never passes fails at the deadline, saying no VM is to be seen") {
  VgpuHost h;
  h.define(kU, kVf, "nvidia-1147");
  h.run(execute(h.ctx, StartRequest{.uuid = kU}));
  h.disk.kernel.nvidia().vm_exits(kVf, 1000, 0);
  std::string error = h.error_of(execute(h.ctx, StopRequest{.uuid = kU}));
  CHECK(error.find("removing device " + kU + " from VF " + kVf +
                   " failed: the VF still holds its vGPU after ") == 0);
  CHECK(error.find("within 300 ms (Operation not permitted (os error 1)); no process mdevctl can "
                   "see holds the VF: its VM may still be exiting (see the kernel log, NVRM)") !=
        std::string::npos);
  CHECK(h.current(kVf) == 1147);
  CHECK(h.run(execute(h.ctx, ListRequest{})) == kU + " " + kVf + " nvidia-1147 manual (defined)\n");
}

TEST_CASE(
    "A clear that finds the VF already empty: R5xx's EPERM is the device gone, not an error") {
  VgpuHost h;
  h.define(kU, kVf, "nvidia-1147");
  h.run(execute(h.ctx, StartRequest{.uuid = kU}));
  h.disk.kernel.nvidia().before_next_type_write(
      [&h] { h.disk.kernel.nvidia().set_outside(kVf, 0); });
  CHECK(h.run(execute(h.ctx, StopRequest{.uuid = kU})) == "");
  CHECK(h.current(kVf) == 0);
  CHECK_FALSE(fs::exists(h.disk.root.dir() / "run/mdevctl" / ("vgpu-" + kVf)));
}

TEST_CASE("A vGPU whose VFIO group or iommufd device another process holds is not stopped") {
  VgpuHost h;
  h.define(kU, kVf, "nvidia-1147");
  h.run(execute(h.ctx, StartRequest{.uuid = kU}));
  h.disk.kernel.nvidia().hold_group(kVf);
  CHECK_THROWS_WITH(
      h.run(execute(h.ctx, StopRequest{.uuid = kU})),
      "device " + kU + " is in use (VFIO group 100 is open by a process mdevctl " + "cannot see)");
  CHECK(h.writes().size() == 1);
  CHECK(h.current(kVf) == 1147);
}

TEST_CASE("Attributes go to the VF's nvidia/ files after the type; a failing one clears it") {
  VgpuHost h;
  h.define(kU, kVf, "nvidia-1147");
  h.run(execute(h.ctx, ModifyRequest{.uuid = kU, .addattr = "vgpu_params", .value = "frl=0"}));
  h.run(execute(h.ctx, StartRequest{.uuid = kU}));
  CHECK(h.writes() ==
        std::vector<std::string>{vgpu(kVf, "1147"), "attr " + kVf + " vgpu_params=frl=0"});
  h.run(execute(h.ctx, StopRequest{.uuid = kU}));

  // R5xx takes 1024 bytes of parameters at most.
  h.run(execute(h.ctx, ModifyRequest{.uuid = kU, .delattr = true}));
  h.run(execute(
      h.ctx, ModifyRequest{.uuid = kU, .addattr = "vgpu_params", .value = std::string(1025, 'x')}));
  std::string error = h.error_of(execute(h.ctx, StartRequest{.uuid = kU}));
  CHECK(error.find("failed: Argument list too long (os error 7): the value is longer than "
                   "NVIDIA's driver takes (1024 bytes); the type was cleared again") !=
        std::string::npos);
  CHECK(h.current(kVf) == 0);
  CHECK(h.writes().back() == vgpu(kVf, "0"));
}

TEST_CASE("The upstream driver has no attribute files: a definition with one fails to start") {
  VgpuHost h(FakeVgpuFlavour::kUpstream);
  h.define(kU, kVf, "nvidia-1147");
  h.run(execute(h.ctx, ModifyRequest{.uuid = kU, .addattr = "vgpu_params", .value = "frl=0"}));
  std::string error = h.error_of(execute(h.ctx, StartRequest{.uuid = kU}));
  CHECK(error.find("the VF has no such file in nvidia/ (the upstream driver has no attributes); "
                   "the type was cleared again") != std::string::npos);
  CHECK(h.current(kVf) == 0);
}

TEST_CASE("The upstream flavour: header-less rows, only the type in use, empty when full") {
  VgpuHost h(FakeVgpuFlavour::kUpstream);
  h.define(kU, kVf, "nvidia-1145");
  CHECK(h.types_on(kSibling).find("nvidia-1161") != std::string::npos);
  h.run(execute(h.ctx, StartRequest{.uuid = kU}));
  CHECK(h.types_on(kSibling) == kSibling +
                                    "\n  nvidia-1145\n    Available instances: 1\n    Device API: "
                                    "vfio-pci\n    Name: NVIDIA L40S-1B\n");
  CHECK(h.run(execute(h.ctx, ListRequest{})) == kU + " " + kVf + " nvidia-1145 manual (defined)\n");
  h.run(execute(h.ctx, StopRequest{.uuid = kU}));
  CHECK(h.current(kVf) == 0);
}

TEST_CASE("JSON listings show a vGPU only when -u or -p names it; text listings always") {
  VgpuHost h;
  const std::string mdev_parent = "0000:00:02.0", mdev = "83c32df7-d52e-4ec1-9668-1f3c7e4df107";
  h.disk.kernel.add_type(mdev_parent, "i915-GVTg_V5_4");
  h.define(mdev, mdev_parent, "i915-GVTg_V5_4");
  h.run(execute(h.ctx, StartRequest{.uuid = mdev}));
  h.define(kU, kVf, "nvidia-1147");
  h.run(execute(h.ctx, StartRequest{.uuid = kU}));

  for (bool defined : {false, true}) {
    std::string json = h.run(execute(h.ctx, ListRequest{.defined = defined, .dumpjson = true}));
    CHECK(json.find(mdev) != std::string::npos);
    CHECK(json.find(kU) == std::string::npos);
    // With -u, the listing is the device's config alone, without its UUID.
    json = h.run(execute(h.ctx, ListRequest{.defined = defined, .dumpjson = true, .uuid = kU}));
    CHECK(json.find("nvidia-1147") != std::string::npos);
    json = h.run(execute(h.ctx, ListRequest{.defined = defined, .dumpjson = true, .parent = kVf}));
    CHECK(json.find(kU) != std::string::npos);
    CHECK(json.find(mdev) == std::string::npos);
    std::string text = h.run(execute(h.ctx, ListRequest{.defined = defined}));
    CHECK(text.find(kU) != std::string::npos);
    CHECK(text.find(mdev) != std::string::npos);
  }
}

TEST_CASE("Of two auto definitions on one VF the first in UUID order starts, the other fails") {
  VgpuHost h;
  h.define(kU2, kVf, "nvidia-1147", true);
  h.define(kU, kVf, "nvidia-1145", true);
  CHECK_THROWS_WITH(h.run(execute(h.ctx, StartParentRequest{.parents = {kVf}})),
                    "autostart of 1 device(s) on " + kVf + " failed");
  CHECK(h.writes() == std::vector<std::string>{vgpu(kVf, "1145")});  // kU < kU2
  CHECK(h.log_lines.back() == kVf + ": 1 started, 0 already running, 1 failed");
  bool reason = false;
  for (const auto& line : h.log_lines) {
    reason = reason || (line.find(kU2) != std::string::npos &&
                        line.find("a VF holds one vGPU at a time") != std::string::npos);
  }
  CHECK(reason);
}

TEST_CASE("Types by name: one match is its id, several are an error, an absent parent keeps it") {
  VgpuHost h;
  // An mdev-era parent whose names differ only by NVIDIA's old and new prefix.
  const std::string parent = "0000:3b:00.0";
  for (const auto& [type, name] :
       std::vector<std::pair<std::string, std::string>>{{"nvidia-222", "GRID T4-1Q"},
                                                        {"nvidia-223", "NVIDIA T4-1Q"},
                                                        {"nvidia-224", "GRID T4-2Q"}}) {
    h.disk.kernel.add_type(parent, type);
    std::ofstream(h.disk.root.dir() / "sys/class/mdev_bus" / parent / "mdev_supported_types" /
                  type / "name")
        << name << "\n";
  }
  h.define(kU, parent, "t4-2q");
  CHECK(h.run(execute(h.ctx, ListRequest{.defined = true})) ==
        kU + " " + parent + " nvidia-224 manual\n");
  CHECK_THROWS_WITH(h.define(kU2, parent, "T4-1Q"),
                    "type name 'T4-1Q' is ambiguous on parent " + parent +
                        ": it names nvidia-222 (GRID T4-1Q), nvidia-223 (NVIDIA T4-1Q); give the "
                        "type id");
  h.define(kU2, "0000:99:00.0", "T4-1Q");  // no parent to ask: kept as given
  CHECK(h.run(execute(h.ctx, ListRequest{.defined = true, .uuid = kU2})) ==
        kU2 + " 0000:99:00.0 T4-1Q manual\n");
}

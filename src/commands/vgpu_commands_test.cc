// vGPUs on the VFs of NVIDIA's vendor-specific VFIO (behaviour.md section
// 11), in process on the fake driver: what each command writes to the VF,
// reads back, runs and says, on a 4 GB GPU with four VFs.
#include <cerrno>
#include <filesystem>
#include <fstream>

#include "commands/commands.h"
#include "engine/runtime.h"
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

  VgpuHost() {
    fs::create_directories(disk.root.config_dir());
    // Sizes in GB, as NVIDIA's names say: 1B and 1Q share one size.
    disk.kernel.nvidia().add_gpu(
        kPf, 4,
        {{1145, "L40S-1B", 1}, {1147, "L40S-1Q", 1}, {1155, "L40S-2Q", 2}, {1161, "L40S-4Q", 4}},
        4);
    ctx.options.vgpu_clear_wait = std::chrono::milliseconds(300);
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
  CHECK_THROWS_WITH(h.run(execute(h.ctx, StartRequest{.uuid = kU2})),
                    "type nvidia-1161 cannot be created on VF " + kSibling +
                        " now: creatable are nvidia-1145 (NVIDIA L40S-1B), nvidia-1147 (NVIDIA "
                        "L40S-1Q)");
  CHECK(h.writes().size() == 1);
  CHECK(h.callouts.log.empty());  // refused before the pre call-out, as for an mdev
}

TEST_CASE("A full GPU offers no type: its VFs show the header only, and start says so") {
  VgpuHost h;
  h.define(kU, kVf, "L40S-4Q");
  h.define(kU2, kSibling, "L40S-1Q");
  h.run(execute(h.ctx, StartRequest{.uuid = kU}));
  CHECK(h.types_on(kSibling) == kSibling + "\n");  // a parent still, without a type
  CHECK_THROWS_WITH(h.run(execute(h.ctx, StartRequest{.uuid = kU2})),
                    "type nvidia-1147 cannot be created on VF " + kSibling +
                        " now: its GPU is full (no type is creatable)");
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

TEST_CASE(
    "A VF that mdevctl filled names the UUID it started there, the type's name from the "
    "catalogue") {
  VgpuHost h;
  fs::create_directories(h.disk.root.dir() / "usr/share/nvidia/vgpu");
  std::ofstream(h.disk.root.dir() / "usr/share/nvidia/vgpu/vgpuConfig.xml")
      << "<vgpuConfig><vgpuType id=\"1147\" name=\"NVIDIA L40S-1Q\"/></vgpuConfig>\n";
  h.define(kU, kVf, "nvidia-1147");
  h.define(kU2, kVf, "nvidia-1147");
  h.run(execute(h.ctx, StartRequest{.uuid = kU}));
  CHECK_THROWS_WITH(h.run(execute(h.ctx, StartRequest{.uuid = kU2})),
                    "VF " + kVf + " already holds a vGPU of type nvidia-1147 (NVIDIA L40S-1Q), " +
                        "started by mdevctl as " + kU + ": a VF holds one vGPU at a time");
}

TEST_CASE("EIO for a MIG type is explained - and the start works once the GPU instance exists") {
  VgpuHost h;
  const std::string pf = "0000:c1:00.0", vf = "0000:c1:00.4";
  h.disk.kernel.nvidia().add_gpu(pf, 2, {{1414, "H200X-1-18C", 18, true}}, 141);
  h.define(kU, vf, "H200X-1-18C");
  std::string error = h.error_of(execute(h.ctx, StartRequest{.uuid = kU}));
  CHECK(error.find("no MIG GPU instance for this type?") != std::string::npos);
  CHECK(h.current(vf) == 0);
  CHECK(h.callouts.log ==
        std::vector<std::string>{"pre/start/none", "post/start/failure", "notify/start/failure"});

  h.disk.kernel.nvidia().make_gpu_instance(pf, 1414);
  h.run(execute(h.ctx, StartRequest{.uuid = kU}));
  CHECK(h.current(vf) == 1414);
}

TEST_CASE("A clear that sticks on the third write is retried; one that never sticks fails") {
  VgpuHost h;
  h.define(kU, kVf, "nvidia-1147");
  h.run(execute(h.ctx, StartRequest{.uuid = kU}));
  h.disk.kernel.nvidia().clears_stick_on_write(3);
  h.run(execute(h.ctx, StopRequest{.uuid = kU}));
  CHECK(h.writes() == std::vector<std::string>{vgpu(kVf, "1147"), vgpu(kVf, "0"), vgpu(kVf, "0"),
                                               vgpu(kVf, "0")});
  CHECK(h.current(kVf) == 0);

  h.run(execute(h.ctx, StartRequest{.uuid = kU}));
  h.disk.kernel.nvidia().clears_stick_on_write(1000);
  std::string error = h.error_of(execute(h.ctx, StopRequest{.uuid = kU}));
  CHECK(error.find("removing device " + kU + " from VF " + kVf +
                   " failed: the type did not clear") == 0);
  CHECK(error.find("a VM may still hold the VF") != std::string::npos);
  CHECK(h.current(kVf) == 1147);
  CHECK(h.run(execute(h.ctx, ListRequest{})) == kU + " " + kVf + " nvidia-1147 manual (defined)\n");
}

TEST_CASE("A vGPU whose VFIO group another process holds is not stopped") {
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

TEST_CASE("A type id the VF accepts but does not hold is a failed start") {
  VgpuHost h;
  h.define(kU, kVf, "nvidia-1147");
  h.disk.kernel.nvidia().drop_type_writes();
  CHECK_THROWS_WITH(h.run(execute(h.ctx, StartRequest{.uuid = kU})),
                    "creating " + kU + " on VF " + kVf +
                        " type nvidia-1147 failed: the VF's current_vgpu_type reads 0 after 1147 "
                        "was accepted");
  CHECK(h.run(execute(h.ctx, ListRequest{})) == "");
}

TEST_CASE("Attributes go to the VF's nvidia/ files after the type; a failing one clears it") {
  VgpuHost h;
  h.define(kU, kVf, "nvidia-1147");
  h.run(execute(h.ctx, ModifyRequest{.uuid = kU, .addattr = "vgpu_params", .value = "frl=0"}));
  h.run(execute(h.ctx, StartRequest{.uuid = kU}));
  CHECK(h.writes() ==
        std::vector<std::string>{vgpu(kVf, "1147"), "attr " + kVf + " vgpu_params=frl=0"});
  h.run(execute(h.ctx, StopRequest{.uuid = kU}));

  h.disk.kernel.fail("vgpu_params", EINVAL);
  std::string error = h.error_of(execute(h.ctx, StartRequest{.uuid = kU}));
  CHECK(error.find("vgpu_params") != std::string::npos);
  CHECK(error.find("; the type was cleared again") != std::string::npos);
  CHECK(h.current(kVf) == 0);
  CHECK(h.writes().back() == vgpu(kVf, "0"));
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

// NVIDIA vGPU 17+ hosts, where VFs carry vGPUs without mdev (behaviour.md
// section 11): the built mdevctl on copies of the nvidia-* fixture roots,
// as an admin and libvirt run it.
#include <filesystem>

#include "blackbox/harness.h"
#include "support/catch.h"

using blackbox::FixtureRoot;
namespace fs = std::filesystem;

namespace {

const std::string kHeld = "0000:41:00.7";  // holds L40S-1Q, set outside mdevctl
const std::string kHeldUuid = "f34ce611-06f3-5b89-a275-65a57e97f3d4";  // v5 of its address
const std::string kFree = "0000:41:00.4";
const std::string kMdevEra = "0000:41:00.5";  // its definition predates the move off mdev
const std::string kMdevEraUuid = "b1f2e7a0-5c3d-4e8f-9a10-2b3c4d5e6f70";
const std::string kNew = "11111111-2222-4333-8444-555555555555";

// A vGPU 17 host has no mdev at all: not even the class directory.
struct L40sHost : FixtureRoot {
  L40sHost() : FixtureRoot("nvidia-l40s") {
    fs::remove(path("sys/class/mdev_bus"));
    fs::remove_all(path("sys/bus/mdev"));
  }
  std::string vf_file(const std::string& vf, const std::string& name) const {
    return read("sys/bus/pci/devices/" + vf + "/nvidia/" + name);
  }
};

std::string type_text(const std::string& id, int available, const std::string& name) {
  return "  " + id + "\n    Available instances: " + std::to_string(available) +
         "\n    Device API: vfio-pci\n    Name: " + name + "\n";
}

}  // namespace

TEST_CASE("vGPU host: every VF is a parent; its types are its creatable rows") {
  L40sHost root;
  auto run = root.mdevctl({"types"});
  CHECK(run.status == 0);
  CHECK(run.err.empty());
  // 41:00.7 holds a 1 GB type, so its siblings offer the 1 GB types only.
  std::string free_vf =
      type_text("nvidia-1145", 1, "NVIDIA L40S-1B") + type_text("nvidia-1147", 1, "NVIDIA L40S-1Q");
  std::string expected;
  for (const char* vf : {"0000:41:00.4", "0000:41:00.5", "0000:41:00.6"})
    expected += std::string(vf) + "\n" + free_vf;
  expected += kHeld + "\n" + type_text("nvidia-1147", 0, "NVIDIA L40S-1Q");
  for (const char* vf : {"0000:41:01.0", "0000:41:01.1", "0000:41:01.2", "0000:41:01.3"})
    expected += std::string(vf) + "\n" + free_vf;
  CHECK(run.out == expected);

  run = root.mdevctl({"types", "-p", kFree, "--dumpjson"});
  CHECK(run.out == R"J([
  {
    "0000:41:00.4": [
      {
        "nvidia-1145": {
          "available_instances": 1,
          "device_api": "vfio-pci",
          "name": "NVIDIA L40S-1B"
        }
      },
      {
        "nvidia-1147": {
          "available_instances": 1,
          "device_api": "vfio-pci",
          "name": "NVIDIA L40S-1Q"
        }
      }
    ]
  }
]
)J");
  // The held type's name, with -p, comes from NVIDIA's catalogue.
  CHECK(root.mdevctl({"types", "-p", kHeld}).out ==
        kHeld + "\n" + type_text("nvidia-1147", 0, "NVIDIA L40S-1Q"));
}

TEST_CASE(
    "vGPU host: the vGPU set outside mdevctl is listed under its VF's UUID and adopted by "
    "define -u") {
  L40sHost root;
  CHECK(root.mdevctl({"list"}).out == kHeldUuid + " " + kHeld + " nvidia-1147 manual\n");
  auto run = root.mdevctl({"define", "-u", kHeldUuid});
  CHECK(run.status == 0);
  CHECK(root.read("etc/mdevctl.d/" + kHeld + "/" + kHeldUuid) ==
        "{\n  \"mdev_type\": \"nvidia-1147\",\n  \"start\": \"manual\",\n  \"attrs\": []\n}");
  CHECK(root.mdevctl({"list"}).out == kHeldUuid + " " + kHeld + " nvidia-1147 manual (defined)\n");
  CHECK(root.mdevctl({"list", "-d"}).out == kMdevEraUuid + " " + kMdevEra + " nvidia-1147 auto\n" +
                                                kHeldUuid + " " + kHeld +
                                                " nvidia-1147 manual (active)\n");
}

TEST_CASE("vGPU host: the mdev-era definition starts on its VF and stops again") {
  L40sHost root;
  auto run = root.mdevctl({"start", "-u", kMdevEraUuid});
  CHECK(run.status == 0);
  CHECK(run.err.empty());
  CHECK(root.vf_file(kMdevEra, "current_vgpu_type") == "1147");
  CHECK(root.read("run/mdevctl/vgpu-" + kMdevEra) == kMdevEraUuid + " nvidia-1147\n");
  CHECK(root.mdevctl({"list"}).out == kMdevEraUuid + " " + kMdevEra +
                                          " nvidia-1147 auto (defined)\n" + kHeldUuid + " " +
                                          kHeld + " nvidia-1147 manual\n");
  run = root.mdevctl({"stop", "-u", kMdevEraUuid});
  CHECK(run.status == 0);
  CHECK(root.vf_file(kMdevEra, "current_vgpu_type") == "0");
  CHECK_FALSE(fs::exists(root.path("run/mdevctl/vgpu-" + kMdevEra)));
  CHECK(root.mdevctl({"list"}).out == kHeldUuid + " " + kHeld + " nvidia-1147 manual\n");
}

TEST_CASE("vGPU host: start-parent-mdevs starts a VF's auto device - what the udev rule runs") {
  L40sHost root;
  auto run = root.mdevctl({"start-parent-mdevs", kMdevEra});
  CHECK(run.status == 0);
  CHECK(run.err == kMdevEra + ": 1 started, 0 already running, 0 failed\n");
  CHECK(root.vf_file(kMdevEra, "current_vgpu_type") == "1147");
}

TEST_CASE("vGPU host: a transient start by type name writes the id; refusals change nothing") {
  L40sHost root;
  auto run = root.mdevctl({"start", "-u", kNew, "-p", kFree, "-t", "l40s-1b"});
  CHECK(run.status == 0);
  CHECK(root.vf_file(kFree, "current_vgpu_type") == "1145");
  CHECK(root.mdevctl({"list", "-u", kNew}).out == kNew + " " + kFree + " nvidia-1145 manual\n");

  blackbox::expect_refusals(
      root,
      {{{"start", "-u", kMdevEraUuid, "-p", kHeld, "-t", "nvidia-1145"},
        "Error: VF " + kHeld +
            " already holds a vGPU of type nvidia-1147 (NVIDIA L40S-1Q): a VF holds one vGPU at a "
            "time",
        1},
       {{"start", "-u", "22222222-2222-4333-8444-555555555555", "-p", "0000:41:00.6", "-t",
         "nvidia-1150"},
        "Error: type nvidia-1150 (NVIDIA L40S-4Q) cannot be created on VF 0000:41:00.6 now: "
        "creatable are nvidia-1145 (NVIDIA L40S-1B), nvidia-1147 (NVIDIA L40S-1Q)",
        1},
       {{"start", "-u", "22222222-2222-4333-8444-555555555555", "-p", "0000:41:00.6", "-t",
         "i915-GVTg_V5_4"},
        "Error: parent 0000:41:00.6 is a vGPU VF: its types are named nvidia-<id>, not "
        "i915-GVTg_V5_4",
        1}});
}

TEST_CASE("vGPU host: an H200's MIG-backed rows; define takes the type by name") {
  FixtureRoot root("nvidia-h200");
  auto run = root.mdevctl({"types", "-p", "0000:c1:00.4"});
  CHECK(run.out.substr(0, 13) == "0000:c1:00.4\n");
  CHECK(run.out.find(type_text("nvidia-1414", 1, "NVIDIA H200X-1-18C")) != std::string::npos);
  CHECK(run.out.find(type_text("nvidia-1419", 1, "NVIDIA H200X-7-141C")) != std::string::npos);
  run = root.mdevctl({"define", "-u", kNew, "-p", "0000:c1:00.4", "-t", "H200X-1-18C", "--auto"});
  CHECK(run.status == 0);
  CHECK(root.read("etc/mdevctl.d/0000:c1:00.4/" + kNew) ==
        "{\n  \"mdev_type\": \"nvidia-1414\",\n  \"start\": \"auto\",\n  \"attrs\": []\n}");
}

TEST_CASE(
    "libvirt's two listings on a mixed host are exactly those of the same host without "
    "the VFs") {
  FixtureRoot mixed("nvidia-mixed");
  FixtureRoot mdev_only("nvidia-mixed");
  // What the host was before NVIDIA's driver came: no nvidia files, no VF definitions.
  fs::remove_all(mdev_only.path("sys/bus/pci/drivers/nvidia"));
  fs::remove_all(mdev_only.path("etc/mdevctl.d/0000:41:00.5"));
  for (const auto& args : std::vector<std::vector<std::string>>{{"list", "--dumpjson"},
                                                                {"list", "-d", "--dumpjson"}}) {
    CAPTURE(args);
    auto with_vfs = mixed.mdevctl(args);
    auto without = mdev_only.mdevctl(args);
    CHECK(with_vfs.status == 0);
    CHECK(with_vfs.err.empty());
    CHECK(with_vfs.out.find("83b8f4f2-509f-382f-3c1e-e6bfe0fa1001") != std::string::npos);
    CHECK(with_vfs.out == without.out);
  }
  // Text listings show the vGPU like any device.
  CHECK(mixed.mdevctl({"list"}).out.find(" 0000:41:00.4 nvidia-") != std::string::npos);
}

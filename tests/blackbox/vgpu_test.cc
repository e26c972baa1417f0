// SPDX-License-Identifier: LGPL-2.1-or-later
// NVIDIA vGPU 17+ hosts, where VFs carry vGPUs without mdev (behaviour.md
// section 11): the built mdevctl on copies of the nvidia-* fixture roots,
// as an admin and libvirt run it.
#include <uuid/uuid.h>

#include <algorithm>
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

// A vGPU set outside mdevctl without a definition: version 5 of its VF's
// address in the namespace that mdevctl(8) gives.
std::string vgpu_uuid(const std::string& vf) {
  uuid_t ns, out;
  uuid_parse("9d1c0f4e-6b1e-4f0a-9a57-3c1f7e2b8d40", ns);
  uuid_generate_sha1(out, ns, vf.data(), vf.size());
  char text[37];
  uuid_unparse_lower(out, text);
  return text;
}

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
  std::string free_vf = type_text("nvidia-1145", 1, "NVIDIA L40S-1B") +
                        type_text("nvidia-1147", 1, "NVIDIA L40S-1Q") +
                        type_text("nvidia-1157", 1, "NVIDIA L40S-1A");
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
      },
      {
        "nvidia-1157": {
          "available_instances": 1,
          "device_api": "vfio-pci",
          "name": "NVIDIA L40S-1A"
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
        "its GPU is full for this type beside what it holds (VF 0000:41:00.4 holds nvidia-1145 "
        "(NVIDIA L40S-1B), 0000:41:00.7 holds nvidia-1147 (NVIDIA L40S-1Q)); creatable are "
        "nvidia-1145 (NVIDIA L40S-1B), nvidia-1147 (NVIDIA L40S-1Q), nvidia-1157 (NVIDIA L40S-1A)",
        1},
       {{"start", "-u", "22222222-2222-4333-8444-555555555555", "-p", "0000:41:00.6", "-t",
         "i915-GVTg_V5_4"},
        "Error: parent 0000:41:00.6 is a vGPU VF: its types are named nvidia-<id>, not "
        "i915-GVTg_V5_4",
        1}});
}

TEST_CASE("vGPU host: an H200's MIG-backed row is there with its GPU instance, the others not") {
  FixtureRoot root("nvidia-h200");
  auto run = root.mdevctl({"types", "-p", "0000:c1:00.4"});
  CHECK(run.out == "0000:c1:00.4\n" + type_text("nvidia-1414", 1, "NVIDIA H200X-1-18C") +
                       type_text("nvidia-1428", 1, "NVIDIA H200X-141C") +
                       type_text("nvidia-1429", 1, "NVIDIA H200X-70C") +
                       type_text("nvidia-1430", 1, "NVIDIA H200X-35C"));
  run = root.mdevctl({"define", "-u", kNew, "-p", "0000:c1:00.4", "-t", "H200X-1-18C", "--auto"});
  CHECK(run.status == 0);
  CHECK(root.read("etc/mdevctl.d/0000:c1:00.4/" + kNew) ==
        "{\n  \"mdev_type\": \"nvidia-1414\",\n  \"start\": \"auto\",\n  \"attrs\": []\n}");
  // A MIG-backed type without its GPU instance: named from the catalogue, not ready.
  run = root.mdevctl({"start", "-u", kNew, "-p", "0000:c1:00.5", "-t", "H200X-7-141C"});
  CHECK(run.status == 1);
  CHECK(
      run.err ==
      "Error: type nvidia-1419 (NVIDIA H200X-7-141C) cannot be created on VF 0000:c1:00.5 now: it "
      "is MIG-backed: is there a GPU instance for it? (nvidia-smi mig -lgi); creatable are "
      "nvidia-1428 (NVIDIA H200X-141C), nvidia-1429 (NVIDIA H200X-70C), nvidia-1430 (NVIDIA "
      "H200X-35C), nvidia-1414 (NVIDIA H200X-1-18C)\n");
  // As KubeVirt names the resource.
  run = root.mdevctl({"define", "-p", "0000:c1:00.6", "-t", "NVIDIA_H200X-141C"});
  CHECK(run.status == 0);
  CHECK(root.read("etc/mdevctl.d/0000:c1:00.6/" + run.out.substr(0, 36)).find("nvidia-1428") !=
        std::string::npos);
}

TEST_CASE("vGPU host: full only when a sibling holds a vGPU; else not ready") {
  L40sHost root;
  const std::string rows = "sys/bus/pci/devices/" + kFree + "/nvidia/creatable_vgpu_types";
  root.write(rows, "ID    : vGPU Name\n");  // the header alone
  auto run = root.mdevctl({"start", "-u", kNew, "-p", kFree, "-t", "L40S-1Q"});
  CHECK(run.status == 1);
  CHECK(run.err == "Error: type nvidia-1147 (NVIDIA L40S-1Q) cannot be created on VF " + kFree +
                       " now: its GPU is full (VF " + kHeld +
                       " holds nvidia-1147 (NVIDIA L40S-1Q))\n");
  root.write("sys/bus/pci/devices/" + kHeld + "/nvidia/current_vgpu_type", "0\n");
  run = root.mdevctl({"start", "-u", kNew, "-p", kFree, "-t", "L40S-1Q"});
  CHECK(run.err == "Error: type nvidia-1147 (NVIDIA L40S-1Q) cannot be created on VF " + kFree +
                       " now: no type is creatable yet: NVIDIA's vGPU daemons (nvidia-vgpud, "
                       "nvidia-vgpu-mgr) are not ready\n");
  // A file the driver cannot read is not a missing one.
  fs::remove(root.path(rows));
  fs::create_directory(root.path(rows));
  run = root.mdevctl({"types", "-p", kFree});
  CHECK(run.status == 0);
  CHECK(run.out == kFree + "\n");
  CHECK(run.err == "Warning: ignoring a type: " + root.path(rows).string() +
                       ": cannot be read: Is a directory\n");
}

TEST_CASE("vGPU host, Blackwell in PCI domain 0001: names as people type them, list -v's holder") {
  FixtureRoot root("nvidia-blackwell");
  const std::string first = "0001:04:00.2", second = "0001:04:00.3";
  auto run = root.mdevctl({"types", "-p", first});
  CHECK(run.status == 0);
  CHECK(run.out.find(type_text("nvidia-1517", 1, "NVIDIA RTX Pro 6000 Blackwell DC-3Q")) !=
        std::string::npos);
  CHECK(root.mdevctl({"types"}).out.find("0001:04:01.1\n") != std::string::npos);  // the 8th VF

  run = root.mdevctl({"define", "-u", kNew, "-p", first, "-t", "DC-3Q", "--auto"});
  CHECK(run.status == 0);
  CHECK(root.read("etc/mdevctl.d/" + first + "/" + kNew).find("\"nvidia-1517\"") !=
        std::string::npos);
  const std::string other = "22222222-2222-4333-8444-555555555555";
  run =
      root.mdevctl({"start", "-u", other, "-p", second, "-t", "0x5ef"});  // as nvidia-smi prints it
  CHECK(run.status == 0);
  CHECK(run.err.empty());
  CHECK(root.read("sys/bus/pci/devices/" + second + "/nvidia/current_vgpu_type") == "1519");
  CHECK(root.mdevctl({"list", "-v"}).out == other + " " + second + " nvidia-1519 manual\n");

  // A VM opens the VF's VFIO group: list -v names it.
  blackbox::HeldOpen vm(root.path("dev/vfio/21"));
  CHECK(root.mdevctl({"list", "-v"}).out == other + " " + second + " nvidia-1519 manual\n" +
                                                "  Holder: " + std::to_string(vm.pid()) +
                                                " (sleep)\n");
  CHECK(root.mdevctl({"list"}).out == other + " " + second + " nvidia-1519 manual\n");
}

TEST_CASE("vGPU host, the upstream driver: header-less rows, the type in use alone") {
  FixtureRoot root("nvidia-upstream");
  const std::string holder = "0000:41:00.4", free_vf = "0000:41:00.5";
  auto run = root.mdevctl({"types"});
  CHECK(run.status == 0);
  CHECK(run.err.empty());
  const std::string in_use = type_text("nvidia-1150", 1, "NVIDIA L40S-4Q");
  CHECK(run.out == holder + "\n" + type_text("nvidia-1150", 0, "NVIDIA L40S-4Q") + free_vf + "\n" +
                       in_use + "0000:41:00.6\n" + in_use + "0000:41:00.7\n" + in_use);
  CHECK(root.mdevctl({"list"}).out == vgpu_uuid(holder) + " " + holder + " nvidia-1150 manual\n");
  run = root.mdevctl({"start", "-u", kNew, "-p", holder, "-t", "L40S-4Q"});
  CHECK(run.err ==
        "Error: VF " + holder +
            " already holds a vGPU of type nvidia-1150: a VF holds one vGPU at a time\n");
  run = root.mdevctl({"start", "-u", kNew, "-p", free_vf, "-t", "L40S-4Q"});
  CHECK(run.status == 0);
  CHECK(root.read("sys/bus/pci/devices/" + free_vf + "/nvidia/current_vgpu_type") == "1150");
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

TEST_CASE("define --count: N definitions on the PF's free VFs, in VF order, not enabled ones too") {
  FixtureRoot root("nvidia-blackwell");
  const std::string pf = "0001:04:00.0";
  // 0001:04:00.2 has a definition, 0001:04:00.3 a vGPU: neither is free.
  REQUIRE(root.mdevctl({"define", "-u", kNew, "-p", "0001:04:00.2", "-t", "DC-2Q"}).status == 0);
  root.write("sys/bus/pci/devices/0001:04:00.3/nvidia/current_vgpu_type", "1516\n");
  auto run = root.mdevctl({"define", "-p", pf, "-t", "DC-3Q", "--count", "8", "--auto"});
  CHECK(run.status == 0);
  CHECK(run.err.empty());
  std::vector<std::string> uuids;
  for (size_t at = 0; at + 37 <= run.out.size(); at += 37) uuids.push_back(run.out.substr(at, 36));
  REQUIRE(uuids.size() == 8);
  CHECK(run.out.size() == 8 * 37);
  // 8 VFs of 16 are enabled (0001:04:00.2 .. 0001:04:01.1); 01.2 and 01.3 are not yet.
  const char* vfs[] = {"0001:04:00.4", "0001:04:00.5", "0001:04:00.6", "0001:04:00.7",
                       "0001:04:01.0", "0001:04:01.1", "0001:04:01.2", "0001:04:01.3"};
  for (size_t i = 0; i < 8; ++i) {
    CHECK(root.read("etc/mdevctl.d/" + std::string(vfs[i]) + "/" + uuids[i]) ==
          "{\n  \"mdev_type\": \"nvidia-1517\",\n  \"start\": \"auto\",\n  \"attrs\": []\n}");
  }
  // list -p PF shows its VFs' devices.
  run = root.mdevctl({"list", "-d", "-p", pf});
  CHECK(run.status == 0);
  CHECK(std::count(run.out.begin(), run.out.end(), '\n') == 9);
  CHECK(run.out.find(kNew + " 0001:04:00.2 nvidia-1516 manual\n") != std::string::npos);
  CHECK(run.out.find(uuids[7] + " 0001:04:01.3 nvidia-1517 auto\n") != std::string::npos);
  CHECK(root.mdevctl({"list", "-p", pf}).out ==
        vgpu_uuid("0001:04:00.3") + " 0001:04:00.3 nvidia-1516 manual\n");
}

TEST_CASE("define --count: all or nothing, saying how many VFs are free") {
  FixtureRoot root("nvidia-blackwell");
  blackbox::expect_refusals(
      root,
      {{{"define", "-p", "0001:04:00.0", "-t", "DC-3Q", "--count", "17"},
        "Error: cannot define 17 device(s) on 0001:04:00.0: 16 of its 16 VFs are free (no "
        "definition, no vGPU)",
        1},
       {{"define", "-p", "0001:04:00.2", "-t", "DC-3Q", "--count", "1"},
        "Error: --count defines devices on the VFs of an SR-IOV PF: 0001:04:00.2 has no "
        "sriov_totalvfs",
        1},
       {{"define", "-p", "0001:04:00.0", "-t", "DC-3Q", "--count", "0"},
        "Error: --count takes a number of devices from 1 to 9999, not '0' (see 'mdevctl define "
        "--help')",
        2}});
}

TEST_CASE(
    "The example call-out makes a MIG-backed type's GPU instance in the pre, then it starts") {
  FixtureRoot root("nvidia-h200");
  const std::string vf = "0000:c1:00.5";
  // The shipped example, installed as the docs say.
  fs::create_directories(root.path("etc/mdevctl.d/scripts.d/callouts"));
  const fs::path script = root.path("etc/mdevctl.d/scripts.d/callouts/nvidia-mig-instance");
  fs::copy_file(EXAMPLES_DIR "/callouts/nvidia-mig-instance", script);
  fs::permissions(script, fs::perms::owner_all);  // shipped as documentation, not executable
  // nvidia-smi, standing in: records what it was asked, and does what the
  // driver then does, the type's row appears on the GPU's VFs.
  root.write_script("bin/nvidia-smi",
                    "echo \"$@\" >>$ROOT/nvidia-smi.log\n"
                    "echo '1419  : NVIDIA H200X-7-141C' >>$ROOT/sys/bus/pci/devices/" +
                        vf + "/nvidia/creatable_vgpu_types\n");
  const std::string path = "PATH=" + root.path("bin").string() + ":/usr/bin:/bin";
  auto run = root.mdevctl({"start", "-u", kNew, "-p", vf, "-t", "H200X-7-141C"}, "", {path});
  CHECK(run.status == 0);
  CAPTURE(run.err);
  CHECK(root.read("nvidia-smi.log") == "mig -cgi 7g.141gb -i 0000:c1:00.0\n");
  CHECK(root.read("sys/bus/pci/devices/" + vf + "/nvidia/current_vgpu_type") == "1419");
  // A type that is offered already needs nothing; another device type is not the script's.
  run = root.mdevctl({"start", "-u", "22222222-2222-4333-8444-555555555555", "-p", "0000:c1:00.6",
                      "-t", "H200X-141C"},
                     "", {path});
  CHECK(run.status == 0);
  CHECK(root.read("nvidia-smi.log") == "mig -cgi 7g.141gb -i 0000:c1:00.0\n");
}

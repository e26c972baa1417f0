// SPDX-License-Identifier: LGPL-2.1-or-later
// State that changes under mdevctl's feet (behaviour.md sections 1, 3 and
// 4): a device the kernel is removing, a type losing its files, a parent
// dir that is a link. Every command reads such a tree by the same rule.
#include <filesystem>
#include <string>

#include "blackbox/harness.h"
#include "support/catch.h"

using blackbox::PassiveRoot;
using namespace blackbox::upstream;
namespace fs = std::filesystem;

namespace {

const std::string kGone = "59e8b599-afdd-4766-a59e-415ef4f5a492";      // only its bus link left
const std::string kTypeless = "7a0b6c4e-5d1f-4a2b-8c3d-9e8f7a6b5c4d";  // dir without mdev_type
const std::string kGetLog = "usr/lib/mdevctl/scripts.d/callouts/logger";

std::string definition(const std::string& start, const std::string& attrs = "[]") {
  return "{\n  \"mdev_type\": \"" + kT + "\",\n  \"start\": \"" + start +
         "\",\n  \"attrs\": " + attrs + "\n}";
}

// kU running; kGone and kTypeless half gone, as a removal leaves them for a
// moment; all three defined.
void half_gone_root(const PassiveRoot& root) {
  root.add_type(kP, kT, 4);
  root.add_active(kU, kP, kT);
  root.add_active(kGone, kP, kT);
  fs::remove_all(root.path(root.device_dir(kP, kGone)));
  fs::create_directories(root.path(root.device_dir(kP, kTypeless)));
  fs::create_directory_symlink(root.path(root.device_dir(kP, kTypeless)),
                               root.path("sys/bus/mdev/devices/" + kTypeless));
  for (const auto& uuid : {kU, kGone, kTypeless})
    root.write("etc/mdevctl.d/" + kP + "/" + uuid, definition("manual"));
}

}  // namespace

TEST_CASE("A half-gone device is not running for list - list -d - stop alike") {
  PassiveRoot root;
  half_gone_root(root);
  auto list = root.mdevctl({"list"});
  CHECK(list.status == 0);
  CHECK(list.out == kU + " " + kP + " " + kT + " manual (defined)\n");
  auto defined = root.mdevctl({"list", "-d"});
  CHECK(defined.status == 0);
  CHECK(defined.out == kGone + " " + kP + " " + kT + " manual\n" +          //
                           kTypeless + " " + kP + " " + kT + " manual\n" +  //
                           kU + " " + kP + " " + kT + " manual (active)\n");
  auto before = root.snapshot();
  for (const auto& uuid : {kGone, kTypeless}) {
    auto stop = root.mdevctl({"stop", "-u", uuid});
    CHECK(stop.status == 1);
    CHECK(stop.err == "Error: device " + uuid + " is not running\n");
  }
  CHECK(blackbox::changes(before, root.snapshot()).empty());
}

TEST_CASE("define -u of a half-gone device never asks get about it") {
  PassiveRoot root;
  half_gone_root(root);
  root.write_script(kGetLog,
                    "echo \"$*\" >>\"$ROOT/log\"\n"
                    "case \"$*\" in *'-e get'*) echo '[{\"from\":\"get\"}]';; esac\nexit 0\n");
  fs::remove(root.path("etc/mdevctl.d/" + kP + "/" + kGone));
  auto run = root.mdevctl({"define", "-u", kGone, "-p", kP, "-t", kT});
  CHECK(run.status == 0);
  CHECK(root.read("etc/mdevctl.d/" + kP + "/" + kGone) == definition("manual"));
  CHECK_THAT(root.read("log"), !match::Contains("-a attributes"));
  // Without -p it is a device that is not running, as stop says.
  auto bare = root.mdevctl({"define", "-u", kTypeless});
  CHECK(bare.status == 1);
  CHECK_THAT(bare.err, match::StartsWith("Error: device " + kTypeless + " is not running"));
}

TEST_CASE("A type without device_api is skipped like one without available_instances") {
  PassiveRoot root;
  root.add_type(kP, "t1");
  root.add_type(kP, "t2");
  root.add_type(kP, "t3");
  fs::remove(root.path(root.type_dir(kP, "t1") + "device_api"));
  fs::remove(root.path(root.type_dir(kP, "t3") + "available_instances"));
  auto run = root.mdevctl({"types"});
  CHECK(run.status == 0);
  CHECK(run.out == kP + "\n  t2\n    Available instances: 1\n    Device API: vfio-pci\n");
}

TEST_CASE("A linked parent dir is warned about by start-parent-mdevs - as by list -d") {
  PassiveRoot root;
  root.add_type(kP, kT);
  root.write("elsewhere/" + kU, definition("auto"));
  fs::create_directory_symlink(root.path("elsewhere"), root.path("etc/mdevctl.d/" + kP));
  const std::string warning =
      "Warning: ignoring " + root.path("etc/mdevctl.d/" + kP).string() + ": a symbolic link\n";
  CHECK(root.mdevctl({"list", "-d"}).err == warning);
  auto before = root.snapshot();
  auto run = root.mdevctl({"start-parent-mdevs", kP});
  CHECK(run.status == 0);
  CHECK_THAT(run.err, match::StartsWith(warning));
  CHECK(blackbox::changes(before, root.snapshot()).empty());
  // Commands that look a UUID up on every parent say why they did not find it there.
  for (const std::vector<std::string>& args : {std::vector<std::string>{"start", "-u", kU},
                                               {"undefine", "-u", kU},
                                               {"modify", "-u", kU, "--manual"}}) {
    CAPTURE(args);
    auto looked_up = root.mdevctl(args);
    CHECK(looked_up.status == 1);
    CHECK_THAT(looked_up.err, match::StartsWith(warning + "Error: "));
  }
  CHECK(blackbox::changes(before, root.snapshot()).empty());
}

TEST_CASE("A running device is listed with running state - not its definition's attributes") {
  PassiveRoot root;
  root.add_type(kP, kT);
  root.add_active(kU, kP, kT);
  root.write("etc/mdevctl.d/" + kP + "/" + kU, definition("auto", "[{\"assign_adapter\":\"5\"}]"));
  CHECK(root.mdevctl({"list", "-v"}).out == kU + " " + kP + " " + kT + " auto (defined)\n");
  CHECK(root.mdevctl({"list", "-u", kU, "--dumpjson"}).out ==
        "{\n  \"mdev_type\": \"" + kT + "\",\n  \"start\": \"auto\",\n  \"attrs\": []\n}\n");
  CHECK_THAT(root.mdevctl({"list", "--dumpjson"}).out, !match::Contains("assign_adapter"));
  // The definition keeps them.
  CHECK_THAT(root.mdevctl({"list", "-d", "-v"}).out, match::Contains("assign_adapter"));
}

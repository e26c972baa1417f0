// SPDX-License-Identifier: LGPL-2.1-or-later
// Roots where nothing reacts to a write (behaviour.md sections 1 and 4), the
// kind upstream's test suite and the benchmark build: an accepted write to
// `create` or `remove` is the kernel's answer, and nothing waits for more.
#include <chrono>
#include <filesystem>

#include "blackbox/harness.h"
#include "support/catch.h"

using blackbox::PassiveRoot;
using namespace blackbox::upstream;
namespace fs = std::filesystem;

namespace {

const std::string kOther = "59e8b599-afdd-4766-a59e-415ef4f5a492";

std::string config(const std::string& start, const std::string& attrs = "[]") {
  return "{\"mdev_type\":\"" + kT + "\",\"start\":\"" + start + "\",\"attrs\":" + attrs + "}";
}

}  // namespace

TEST_CASE("Passive root: start writes the UUID to a create it makes - and is done") {
  PassiveRoot root;
  root.add_type(kP, kT);
  auto started = std::chrono::steady_clock::now();
  auto run = root.mdevctl({"start", "-u", kU, "-p", kP, "-t", kT});
  CHECK(std::chrono::steady_clock::now() - started < std::chrono::seconds(2));  // no 5 s wait
  CHECK(run.status == 0);
  CHECK(run.out.empty());
  CHECK(run.err.empty());
  CHECK(root.read(root.type_dir(kP, kT) + "create") == kU);

  // Old content is replaced, as the kernel's attribute would be.
  auto again = root.mdevctl({"start", "-u", kOther, "-p", kP, "-t", kT});
  CHECK(again.status == 0);
  CHECK(root.read(root.type_dir(kP, kT) + "create") == kOther);
}

TEST_CASE("Passive root: a defined device without attributes starts") {
  PassiveRoot root;
  root.add_type(kP, kT);
  root.write("etc/mdevctl.d/" + kP + "/" + kU, config("manual"));
  CHECK(root.mdevctl({"start", "-u", kU}).status == 0);
  CHECK(root.read(root.type_dir(kP, kT) + "create") == kU);
}

TEST_CASE("Passive root: stop writes 1 to a remove it makes - and is done") {
  PassiveRoot root;
  root.add_type(kP, kT);
  root.add_active(kU, kP, kT);
  auto run = root.mdevctl({"stop", "-u", kU});
  CHECK(run.status == 0);
  CHECK(run.err.empty());
  CHECK(root.read(root.device_dir(kP, kU) + "remove") == "1");
}

TEST_CASE("Passive root: absolute links list like relative ones") {
  PassiveRoot root;
  root.add_type(kP, kT);
  root.add_active(kU, kP, kT);
  root.write("etc/mdevctl.d/" + kP + "/" + kU, config("auto"));
  auto run = root.mdevctl({"list"});
  CHECK(run.status == 0);
  CHECK(run.out == kU + " " + kP + " " + kT + " auto (defined)\n");
  CHECK(root.mdevctl({"list", "-d"}).out == kU + " " + kP + " " + kT + " auto (active)\n");
}

TEST_CASE("Passive root: what fails its checks or its pre writes nothing") {
  PassiveRoot root;
  root.add_type(kP, kT, 0);
  root.add_type(kP, "free");
  root.add_active(kOther, kP, kT);
  root.write_script(
      "usr/lib/mdevctl/scripts.d/callouts/deny",
      "case \"$*\" in *capabilities*) exit 0;; *'-t free'*|*'-a stop'*) exit 1;; esac\n"
      "exit 2\n");
  auto before = root.snapshot();
  CHECK(root.mdevctl({"start", "-u", kU, "-p", kP, "-t", kT}).status == 1);  // no instances
  CHECK(root.mdevctl({"start", "-u", kU, "-p", kP, "-t", "nope"}).status == 1);
  CHECK(root.mdevctl({"start", "-u", kOther, "-p", kP, "-t", "free"}).status == 1);  // running
  auto pre = root.mdevctl({"start", "-u", kU, "-p", kP, "-t", "free"});
  CHECK(pre.status == 1);
  CHECK(pre.err == "Error: pre call-out deny for " + kU + " failed: exit status 1\n");
  CHECK(root.mdevctl({"stop", "-u", kOther}).status == 1);  // its pre fails: no remove
  CHECK(blackbox::changes(before, root.snapshot()) == "");
}

TEST_CASE("Passive root: attributes need the device dir - a bounded wait - then a clear failure") {
  PassiveRoot root;
  root.add_type(kP, kT);
  root.write("etc/mdevctl.d/" + kP + "/" + kU, config("manual", R"([{"a":"1"}])"));
  auto run = root.mdevctl({"start", "-u", kU}, "", {"MDEVCTL_DEVICE_WAIT=0.2"});
  CHECK(run.status == 1);
  CHECK(run.err == "Error: device " + kU + " on parent " + kP + " type " + kT +
                       " did not appear in sysfs after create, so its attributes cannot be "
                       "written\n");
  // Attribute files are never made: the device dir stays absent.
  CHECK_FALSE(fs::exists(root.path(root.device_dir(kP, kU))));
}

TEST_CASE("Passive root: start-parent-mdevs starts every auto device - one create after another") {
  PassiveRoot root;
  root.add_type(kP, kT, 8);
  const std::vector<std::string> autos = {"10000000-0000-4000-8000-000000000001",
                                          "10000000-0000-4000-8000-000000000002",
                                          "10000000-0000-4000-8000-000000000003"};
  for (const auto& u : autos) root.write("etc/mdevctl.d/" + kP + "/" + u, config("auto"));
  root.write("etc/mdevctl.d/" + kP + "/" + kU, config("manual"));
  root.write_script("usr/lib/mdevctl/scripts.d/callouts/record",
                    "case \"$*\" in *capabilities*) exit 0;; esac\n"
                    "echo \"$4 ${10} $(cat $ROOT/" +
                        root.type_dir(kP, kT) + "create 2>/dev/null)\" >> $ROOT/log\n");
  auto started = std::chrono::steady_clock::now();
  auto run = root.mdevctl({"start-parent-mdevs", kP});
  CHECK(std::chrono::steady_clock::now() - started < std::chrono::seconds(3));
  CHECK(run.status == 0);
  CHECK(run.err == kP + ": 3 started, 0 already running, 0 failed\n");
  // Each pre sees the previous device's UUID in create, each post its own.
  CHECK(root.read("log") == "pre " + autos[0] + " \n" + "post " + autos[0] + " " + autos[0] + "\n" +
                                "pre " + autos[1] + " " + autos[0] + "\n" + "post " + autos[1] +
                                " " + autos[1] + "\n" + "pre " + autos[2] + " " + autos[1] + "\n" +
                                "post " + autos[2] + " " + autos[2] + "\n");
}

TEST_CASE("Passive root: define -u of a running device takes parent and type from sysfs") {
  PassiveRoot root;
  root.add_type(kP, kT);
  root.add_active(kU, kP, kT);
  CHECK(root.mdevctl({"define", "-u", kU}).status == 0);
  CHECK(root.read("etc/mdevctl.d/" + kP + "/" + kU) ==
        "{\n  \"mdev_type\": \"" + kT + "\",\n  \"start\": \"manual\",\n  \"attrs\": []\n}");
}

// SPDX-License-Identifier: LGPL-2.1-or-later
// Start and stop against the simulated kernel (test tier 3).
#include <filesystem>

#include "blackbox/harness.h"
#include "support/catch.h"

using blackbox::FixtureRoot;
using blackbox::SimulatedKernel;
namespace fs = std::filesystem;

namespace {
const std::string kTypeDir = "sys/devices/vfio_ap/matrix/mdev_supported_types/vfio_ap-passthrough/";
const std::string kDefined = "e2e73122-cc39-40ee-89eb-b0a47d334cae";
}  // namespace

TEST_CASE("start a defined device: create - then its attributes in order") {
  FixtureRoot root("vfio-ap");
  SimulatedKernel kernel(root);
  auto run = root.mdevctl({"start", "-u", kDefined});
  CHECK(run.status == 0);
  CHECK(run.out.empty());
  CHECK(run.err.empty());
  const std::string dev = "sys/devices/vfio_ap/matrix/" + kDefined + "/";
  // With attributes to write, start waited for the device itself.
  CHECK(fs::exists(root.path("sys/bus/mdev/devices/" + kDefined)));
  CHECK(root.read(dev + "assign_adapter") == "5");
  CHECK(root.read(dev + "assign_domain") == "0xff");  // the last of two writes
  CHECK(root.read(kTypeDir + "available_instances") == "65533\n");
  CHECK(root.mdevctl({"list", "-u", kDefined}).out ==
        kDefined + " matrix vfio_ap-passthrough auto (defined)\n");
}

TEST_CASE("start a transient device and stop it again") {
  FixtureRoot root("gvt-g");
  SimulatedKernel kernel(root);
  auto run = root.mdevctl({"start", "-p", "0000:00:02.0", "--type", "i915-GVTg_V5_1"});
  CHECK(run.status == 0);
  REQUIRE(run.out.size() == 37);
  std::string uuid = run.out.substr(0, 36);
  REQUIRE(root.wait_for_device(uuid));
  CHECK(root.mdevctl({"list", "-u", uuid}).out == uuid + " 0000:00:02.0 i915-GVTg_V5_1 manual\n");
  CHECK(fs::is_symlink(root.path("sys/bus/mdev/devices/" + uuid + "/mdev_type")));
  // As on a real kernel, the device has an IOMMU group whose node stop opens
  // to see whether a VM holds it; here nothing does.
  CHECK(fs::read_symlink(root.path("sys/bus/mdev/devices/" + uuid + "/iommu_group")).filename() ==
        "0");
  CHECK(fs::exists(root.path("dev/vfio/0")));

  auto stop = root.mdevctl({"stop", "-u", uuid});
  CHECK(stop.status == 0);
  CHECK(stop.err.empty());
  CHECK(root.wait_for_device(uuid, false));
  CHECK_FALSE(fs::exists(root.path("dev/vfio/0")));
  CHECK(root.mdevctl({"list", "-u", uuid}).out.empty());
  CHECK(root.read("sys/devices/pci0000:00/0000:00:02.0/mdev_supported_types/i915-GVTg_V5_1/"
                  "available_instances") == "1\n");
}

TEST_CASE("The seed's walk-through: start transient - promote it with define -u") {
  FixtureRoot root("gvt-g");
  SimulatedKernel kernel(root);
  const std::string u = "6eba5b41-176e-40db-b93e-7f18e04e0b93";
  CHECK(root.mdevctl({"start", "-u", u, "-p", "0000:00:02.0", "--type", "i915-GVTg_V5_1"}).status ==
        0);
  REQUIRE(root.wait_for_device(u));
  CHECK(root.mdevctl({"define", "--uuid", u}).status == 0);
  CHECK(root.mdevctl({"list", "-d", "-u", u}).out ==
        u + " 0000:00:02.0 i915-GVTg_V5_1 manual (active)\n");
}

TEST_CASE("libvirt starts a transient device from JSON on stdin") {
  FixtureRoot root("vfio-ap");
  SimulatedKernel kernel(root);
  auto run = root.mdevctl(
      {"start", "--parent", "matrix", "--jsonfile", "/dev/stdin"},
      R"({"mdev_type":"vfio_ap-passthrough","start":"manual","attrs":[{"assign_adapter":"7"}]})");
  CHECK(run.status == 0);
  REQUIRE(run.out.size() == 37);
  CHECK(root.read("sys/devices/vfio_ap/matrix/" + run.out.substr(0, 36) + "/assign_adapter") ==
        "7");
}

TEST_CASE("A failed attribute write removes the device again and names the attribute") {
  FixtureRoot root("vfio-ap");
  SimulatedKernel kernel(root);
  CHECK(root.mdevctl({"modify", "-u", kDefined, "--addattr", "no_such_attr", "--value", "1"})
            .status == 0);
  auto before = root.snapshot();
  auto run = root.mdevctl({"start", "-u", kDefined});
  CHECK(run.status == 1);
  CHECK(run.err ==
        "Error: writing attribute no_such_attr=1 of " + kDefined +
            " on parent matrix type vfio_ap-passthrough failed: No such file or directory "
            "(os error 2): the device has no such attribute; the device was removed again\n");
  CHECK(root.wait_for_device(kDefined, false));
  CHECK(blackbox::changes(before, root.snapshot()) == "");
}

TEST_CASE("start refuses what cannot start - with one line - changing nothing") {
  FixtureRoot root("gvt-g");
  SimulatedKernel kernel(root);
  root.write("etc/mdevctl.d/0000:00:02.0/11111111-2222-4333-8444-555555555555",
             "{\"mdev_type\":\"i915-GVTg_V5_4\",\"start\":\"manual\"}");
  root.write("etc/mdevctl.d/0000:00:02.1/11111111-2222-4333-8444-555555555555",
             "{\"mdev_type\":\"i915-GVTg_V5_4\",\"start\":\"manual\"}");
  blackbox::expect_refusals(
      root,
      {
          {{"start", "-u", "85006552-1b4b-45ef-ad62-de05be9171df", "-p", "0000:00:02.0", "-t",
            "i915-GVTg_V5_4"},
           "Error: device 85006552-1b4b-45ef-ad62-de05be9171df is already running on parent "
           "0000:00:02.0"},
          {{"start", "-p", "0000:00:02.0", "-t", "i915-GVTg_V5_8"},
           "Error: no available instances of i915-GVTg_V5_8 on 0000:00:02.0"},
          {{"start", "-p", "0000:00:02.0", "-t", "i915-GVTg_V9_9"},
           "Error: parent device '0000:00:02.0' does not support mdev type i915-GVTg_V9_9"},
          {{"start", "-p", "0000:00:03.0", "-t", "i915-GVTg_V5_4"},
           "Error: Unable to find parent device '0000:00:03.0'"},
          {{"start", "-u", "5cf14a12-a437-4c82-a13f-70e945782d7b", "-t", "i915-GVTg_V5_1"},
           "Error: type i915-GVTg_V5_1 does not match the definition of "
           "5cf14a12-a437-4c82-a13f-70e945782d7b (i915-GVTg_V5_4)"},
          {{"start", "-u", "11111111-2222-4333-8444-555555555555"},
           "Error: device 11111111-2222-4333-8444-555555555555 is defined on several parents "
           "(0000:00:02.0, 0000:00:02.1): specify one with --parent"},
          {{"start", "-u", "11111111-2222-4333-8444-666666666666"},
           "Error: device 11111111-2222-4333-8444-666666666666 is not defined: specify "
           "--parent and "
           "--type to start it"},
          blackbox::usage({"start"},
                          "device is insufficiently specified: give --uuid of a defined device, or "
                          "--parent with --type or --jsonfile"),
          blackbox::usage(
              {"start", "-p", "0000:00:02.0", "-t", "i915-GVTg_V5_4", "--jsonfile", "x"},
              "--jsonfile cannot be used with --type: the file holds the type"),
          {{"start", "-p", "../0000:00:02.0", "-t", "i915-GVTg_V5_4"},
           "Error: invalid parent name '../0000:00:02.0': must not contain '/'"},
      });
}

TEST_CASE("A parent named in the wrong case gets a suggestion") {
  FixtureRoot root("vfio-ap");
  auto run = root.mdevctl({"start", "-p", "MATRIX", "-t", "vfio_ap-passthrough"});
  CHECK(run.status == 1);
  CHECK(run.err == "Error: Unable to find parent device 'MATRIX'. Did you mean 'matrix'?\n");
}

TEST_CASE("stop of a device that is not running is an error") {
  FixtureRoot root("gvt-g");
  auto before = root.snapshot();
  auto run = root.mdevctl({"stop", "-u", "5cf14a12-a437-4c82-a13f-70e945782d7b"});
  CHECK(run.status == 1);
  CHECK(run.err == "Error: device 5cf14a12-a437-4c82-a13f-70e945782d7b is not running\n");
  CHECK(blackbox::changes(before, root.snapshot()) == "");
}

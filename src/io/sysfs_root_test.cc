// SPDX-License-Identifier: LGPL-2.1-or-later
#include "io/sysfs_root.h"

#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <filesystem>

#include "async/async_test_support.h"
#include "io/file_util.h"
#include "io/worker_threads.h"
#include "support/catch.h"
#include "support/fake_root.h"
#include "support/temp_dir.h"

using namespace mdev;

namespace {

// On a loop and worker threads of its own.
std::vector<ActiveDevice> active_devices(const SysfsRoot& sysfs) {
  WorkerThreads workers;
  std::vector<ActiveDevice> out;
  async::testing::run(
      [&](auto) -> asio::awaitable<void> { out = co_await sysfs.active_devices(workers); });
  return out;
}

}  // namespace
namespace fs = std::filesystem;

namespace {

// A parent with one type and one running device, shaped as the kernel makes them.
void make_host(const TempDir& tmp) {
  tmp.write("sys/devices/pci0000:00/0000:00:02.0/mdev_supported_types/t1/available_instances",
            "3\n");
  tmp.write("sys/devices/pci0000:00/0000:00:02.0/mdev_supported_types/t1/device_api", "vfio-pci\n");
  tmp.write("sys/devices/pci0000:00/0000:00:02.0/mdev_supported_types/t1/description",
            "a: 1\nb: 2\n");
  tmp.write("sys/devices/pci0000:00/0000:00:02.0/mdev_supported_types/t1/create", "");
  tmp.write("sys/devices/pci0000:00/0000:00:02.0/00000000-0000-4000-8000-000000000001/remove", "");
  fs::create_directory_symlink("../mdev_supported_types/t1",
                               tmp.path /
                                   "sys/devices/pci0000:00/0000:00:02.0/"
                                   "00000000-0000-4000-8000-000000000001/mdev_type");
  fs::create_directories(tmp.path / "sys/class/mdev_bus");
  fs::create_directory_symlink("../../devices/pci0000:00/0000:00:02.0",
                               tmp.path / "sys/class/mdev_bus/0000:00:02.0");
  fs::create_directories(tmp.path / "sys/bus/mdev/devices");
  fs::create_directory_symlink(
      "../../../devices/pci0000:00/0000:00:02.0/00000000-0000-4000-8000-000000000001",
      tmp.path / "sys/bus/mdev/devices/00000000-0000-4000-8000-000000000001");
}

}  // namespace

TEST_CASE("Parents - types and running devices are read as the kernel lays them out") {
  TempDir tmp;
  make_host(tmp);
  Root root(tmp.path);
  SysfsRoot sysfs(root);
  CHECK(sysfs.parents() == std::vector<std::string>{"0000:00:02.0"});
  CHECK(sysfs.parent_has_types("0000:00:02.0"));
  auto types = sysfs.types("0000:00:02.0");
  REQUIRE(types.size() == 1);
  CHECK(types[0].available_instances == 3);
  CHECK(types[0].device_api == "vfio-pci");
  CHECK(types[0].name.empty());
  CHECK(types[0].description == "a: 1, b: 2");

  auto active = active_devices(sysfs);
  REQUIRE(active.size() == 1);
  CHECK(active[0].parent == "0000:00:02.0");
  CHECK(active[0].type == "t1");
  CHECK(sysfs.active_device(active[0].uuid).has_value());
  CHECK_FALSE(sysfs.active_device(*Uuid::parse("00000000-0000-4000-8000-000000000002")));
}

TEST_CASE("sysfs writes never create files") {
  TempDir tmp;
  make_host(tmp);
  Root root(tmp.path);
  SysfsRoot sysfs(root);
  auto device = *sysfs.active_device(*Uuid::parse("00000000-0000-4000-8000-000000000001"));
  try {
    sysfs.write_attribute(device, {"no_such_attr", "1"});
    FAIL("the write should fail");
  } catch (const SysfsWriteError& e) {
    CHECK(e.code() == ENOENT);
  }
  CHECK_FALSE(fs::exists(device.dir + "/no_such_attr"));
  sysfs.remove_device(device);
  CHECK(
      tmp.read("sys/devices/pci0000:00/0000:00:02.0/00000000-0000-4000-8000-000000000001/remove") ==
      "1");
}

TEST_CASE("Link targets are joined and normalised as plain strings") {
  CHECK(join_normalized("/r/sys/bus/mdev/devices", "../../../devices/pci0000:00/0000:00:02.0/u") ==
        "/r/sys/devices/pci0000:00/0000:00:02.0/u");
  CHECK(join_normalized("rel/sys/bus/mdev/devices", "../../../devices/./p/u") ==
        "rel/sys/devices/p/u");
  CHECK(join_normalized("/r/a", "/abs/x/../y") == "/abs/y");
  CHECK(base_name("../mdev_supported_types/t1") == "t1");
  CHECK(base_name("t1") == "t1");
}

TEST_CASE("An attribute write never follows a link out of the device's directory") {
  TempDir tmp;
  make_host(tmp);
  tmp.write("etc/shadow", "root:x");
  Root root(tmp.path);
  SysfsRoot sysfs(root);
  auto device = *sysfs.active_device(*Uuid::parse("00000000-0000-4000-8000-000000000001"));
  fs::create_symlink(tmp.path / "etc/shadow", device.dir + "/driver_override");
  try {
    sysfs.write_attribute(device, {"driver_override", "owned"});
    FAIL("the write should fail");
  } catch (const SysfsWriteError& e) {
    CHECK(e.code() == ELOOP);
  }
  CHECK(tmp.read("etc/shadow") == "root:x");
}

TEST_CASE("available_instances is a count - a negative or broken one leaves out that type only") {
  TempDir tmp;
  make_host(tmp);
  const std::string types = "sys/devices/pci0000:00/0000:00:02.0/mdev_supported_types/";
  tmp.write(types + "t2/available_instances", "-5\n");
  tmp.write(types + "t3/available_instances", "many\n");
  tmp.write(types + "t4/available_instances", "\x1b[2J\n");
  Root root(tmp.path);
  SysfsRoot sysfs(root);
  CHECK_THROWS_WITH(sysfs.type("0000:00:02.0", "t2"),
                    match::EndsWith("not a count of instances: '-5'"));
  std::vector<std::string> unreadable;
  auto listed = sysfs.types("0000:00:02.0", &unreadable);
  REQUIRE(listed.size() == 1);
  CHECK(listed[0].id == "t1");
  REQUIRE(unreadable.size() == 3);
  CHECK_THAT(unreadable[0], match::Contains("t2/available_instances"));
  CHECK_THAT(unreadable[2], match::EndsWith("'\\x1b[2J'"));
}

TEST_CASE("A running device reached through a link out of the root is not the root's") {
  TempDir tmp, outside;
  make_host(tmp);
  outside.write("u/remove", "");
  // Running by every other rule: it has a type.
  fs::create_directory_symlink(
      tmp.path / "sys/devices/pci0000:00/0000:00:02.0/mdev_supported_types/t1",
      outside.path / "u/mdev_type");
  Root root(tmp.path);
  SysfsRoot sysfs(root);
  const auto u2 = *Uuid::parse("00000000-0000-4000-8000-000000000002");
  // The bus link itself points out of the root: no such device here.
  fs::create_directory_symlink(outside.path / "u", tmp.path / "sys/bus/mdev/devices" / u2.str());
  CHECK_FALSE(sysfs.active_device(u2));
  CHECK(active_devices(sysfs).size() == 1);

  // A link further up: the name looks inside, the write would land outside.
  const auto u3 = *Uuid::parse("00000000-0000-4000-8000-000000000003");
  fs::create_directory_symlink(outside.path, tmp.path / "sys/devices/elsewhere");
  fs::create_directory_symlink(outside.path / "u", outside.path / u3.str());
  fs::create_directory_symlink("../../../devices/elsewhere/" + u3.str(),
                               tmp.path / "sys/bus/mdev/devices" / u3.str());
  auto device = sysfs.active_device(u3);
  REQUIRE(device);
  CHECK_THROWS_WITH(sysfs.remove_device(*device), match::Contains("outside the root"));
  CHECK(outside.read("u/remove").empty());
}

TEST_CASE("A type attribute that is a FIFO - a directory - /dev/zero neither hangs nor grows") {
  TempDir tmp;
  make_host(tmp);
  const fs::path t1 = tmp.path / "sys/devices/pci0000:00/0000:00:02.0/mdev_supported_types/t1";
  fs::remove(t1 / "device_api");
  REQUIRE(::mkfifo((t1 / "device_api").c_str(), 0644) == 0);
  fs::remove(t1 / "description");
  fs::create_directory(t1 / "description");
  fs::create_symlink("/dev/zero", t1 / "name");
  DirectoryHandle dir(t1);
  CHECK(read_attribute_at(dir.fd(), "device_api") == std::string());  // no writer: nothing
  CHECK_FALSE(read_attribute_at(dir.fd(), "description"));
  CHECK(errno == EISDIR);
  CHECK_FALSE(read_attribute_at(dir.fd(), "name"));
  CHECK(errno == EFBIG);
  CHECK(read_attribute_at(dir.fd(), "available_instances") == "3\n");
  // The type is still listed, with what could be read.
  Root root(tmp.path);
  auto type = SysfsRoot(root).type("0000:00:02.0", "t1");
  REQUIRE(type);
  CHECK(type->available_instances == 3);
  CHECK(type->device_api.empty());
}

TEST_CASE("vGPU VFs: parents beside mdev ones, types from their rows, held ones running") {
  FakeRoot disk;
  make_host(disk.tmp);
  auto vfs = disk.kernel.nvidia().add_gpu("0000:41:00.0", 2, {{1147, "L40S-1Q", 1}}, 2);
  // A VF without creatable_vgpu_types (a driver in the middle of binding) is
  // not listed, but it is a parent to start on, once its files are there.
  fs::remove(disk.tmp.path / "sys/devices/pci0000:00/0000:41:00.5/nvidia/creatable_vgpu_types");
  CHECK(disk.sysfs.parents() == std::vector<std::string>{"0000:00:02.0", "0000:41:00.4"});
  CHECK(disk.sysfs.is_vgpu_parent("0000:41:00.4"));
  CHECK(disk.sysfs.is_vgpu_parent("0000:41:00.5"));
  CHECK(disk.sysfs.parent_exists("0000:41:00.5"));
  fs::remove(disk.tmp.path / "sys/devices/pci0000:00/0000:41:00.5/driver");  // unbound
  CHECK_FALSE(disk.sysfs.is_vgpu_parent("0000:41:00.5"));
  CHECK_FALSE(disk.sysfs.parent_exists("0000:41:00.5"));
  CHECK_FALSE(disk.sysfs.is_vgpu_parent("0000:41:00.0"));  // the PF
  CHECK_FALSE(disk.sysfs.is_vgpu_parent("0000:00:02.0"));

  // A junk row is left out and said why; the others stay.
  disk.tmp.write("sys/devices/pci0000:00/0000:41:00.4/nvidia/creatable_vgpu_types",
                 "ID    : vGPU Name\n1147  : NVIDIA L40S-1Q\nnonsense\n");
  std::vector<std::string> unreadable;
  auto types = disk.sysfs.types("0000:41:00.4", &unreadable);
  REQUIRE(types.size() == 1);
  CHECK(types[0].id == "nvidia-1147");
  CHECK(types[0].available_instances == 1);
  CHECK(types[0].device_api == "vfio-pci");
  CHECK(types[0].name == "NVIDIA L40S-1Q");
  REQUIRE(unreadable.size() == 1);
  CHECK(unreadable[0].find("nonsense") != std::string::npos);

  CHECK(active_devices(disk.sysfs).size() == 1);  // the mdev only
  disk.kernel.nvidia().set_outside(vfs[0], 1147);
  auto running = active_devices(disk.sysfs);
  REQUIRE(running.size() == 2);
  auto vgpu = std::find_if(running.begin(), running.end(),
                           [](const ActiveDevice& d) { return d.kind == DeviceKind::kVgpu; });
  REQUIRE(vgpu != running.end());
  CHECK(vgpu->parent == "0000:41:00.4");
  CHECK(vgpu->type == "nvidia-1147");
}

TEST_CASE("A host without NVIDIA's driver has no VF parents") {
  TempDir tmp;
  make_host(tmp);
  Root root(tmp.path);
  SysfsRoot sysfs(root);
  CHECK(sysfs.parents() == std::vector<std::string>{"0000:00:02.0"});
  CHECK_FALSE(sysfs.is_vgpu_parent("0000:00:02.0"));
  CHECK(active_devices(sysfs).size() == 1);
}

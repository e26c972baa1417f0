// SPDX-License-Identifier: LGPL-2.1-or-later
#include "support/fake_kernel.h"

#include <cerrno>
#include <fstream>
#include <thread>

namespace fs = std::filesystem;

void FakeKernel::add_type(const std::string& parent, const std::string& type) const {
  fs::path dir = root_ / "sys/class/mdev_bus" / parent / "mdev_supported_types" / type;
  fs::create_directories(dir);
  std::ofstream(dir / "available_instances") << "1000\n";
  std::ofstream(dir / "device_api") << "vfio-pci\n";
  std::ofstream(dir / "create");
  fs::create_directories(root_ / "sys/bus/mdev/devices");
}

void FakeKernel::release() {
  std::lock_guard lock(mutex_);
  holding_ = false;
  released_.notify_all();
}

std::vector<std::string> FakeKernel::log() const {
  std::lock_guard lock(mutex_);
  return log_;
}

void FakeKernel::create(const fs::path& type_dir, const std::string& uuid) const {
  fs::path device = type_dir.parent_path().parent_path() / uuid;
  fs::create_directory(device);
  fs::create_directory_symlink(type_dir, device / "mdev_type");
  std::ofstream(device / "remove");
  for (const auto& name : attribute_names) std::ofstream(device / name);
  fs::create_directory_symlink(device, root_ / "sys/bus/mdev/devices" / uuid);
}

void FakeKernel::write(const fs::path& path, const std::string& value, mdev::SysfsFile) const {
  if (delay.count()) std::this_thread::sleep_for(delay);
  std::string name = path.filename().string();
  fs::path dir = path.parent_path();
  std::unique_lock lock(mutex_);
  if (name == "create") {
    std::string parent = dir.parent_path().parent_path().filename().string();
    if (held_.count(parent) && holding_) {
      if (on_held) {  // called unlocked: it may do anything, release() included
        lock.unlock();
        on_held();
        lock.lock();
      }
      released_.wait(lock, [this] { return !holding_; });
    }
  }
  if (auto failure = failures_.find(name); failure != failures_.end()) {
    throw mdev::SysfsWriteError(path, failure->second);
  }
  if (name == "sriov_numvfs") {
    nvidia_.enable_vfs(path, value);
    log_.push_back("sriov " + dir.filename().string() + " " + value);
  } else if (name == "current_vgpu_type") {
    nvidia_.write_type(path, value);
    log_.push_back("vgpu " + dir.parent_path().filename().string() + " " + value);
  } else if (name == "create") {
    if (!fs::exists(dir)) throw mdev::SysfsWriteError(path, ENOENT);  // the parent went away
    create(dir, value);
    log_.push_back("create " + dir.parent_path().parent_path().filename().string() + " " + value);
  } else if (name == "remove") {
    std::string uuid = dir.filename().string();
    fs::remove(root_ / "sys/bus/mdev/devices" / uuid);
    fs::remove_all(dir);
    log_.push_back("remove " + uuid);
  } else if (dir.filename() == "nvidia") {  // a vGPU's attributes: files of its VF's nvidia/
    nvidia_.write_attribute(path, value);
    log_.push_back("attr " + dir.parent_path().filename().string() + " " + name + "=" + value);
  } else {
    if (!fs::exists(path)) throw mdev::SysfsWriteError(path, ENOENT);
    std::ofstream(path) << value;
    log_.push_back("attr " + dir.filename().string() + " " + name + "=" + value);
  }
  lock.unlock();
  if (on_accepted) on_accepted();
}

bool FakeKernel::is_held_open(const fs::path& node) const {
  std::lock_guard lock(mutex_);
  return nvidia_.is_held_open(node);
}

// SPDX-License-Identifier: LGPL-2.1-or-later
#pragma once
// An in-process stand-in for the kernel's mdev core, behind io's
// KernelWrites seam: a UUID written to a type's `create` makes the device in
// the tree at once (directory, `mdev_type` link, `remove`, the attribute
// files of `attribute_names`, the sys/bus/mdev/devices link); `1` to its
// `remove` takes it away. Writes can be failed with an errno, slowed down,
// or held until released, and every accepted write is logged in order.
#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <functional>
#include <map>
#include <mutex>
#include <set>
#include <string>
#include <vector>

#include "io/kernel_writes.h"
#include "support/fake_vgpu_driver.h"

class FakeKernel final : public mdev::KernelWrites {
 public:
  explicit FakeKernel(std::filesystem::path root) : root_(root), nvidia_(std::move(root)) {}

  // A parent (a plain directory, as on upstream's test roots) with a type.
  void add_type(const std::string& parent, const std::string& type) const;

  std::set<std::string> attribute_names;
  std::chrono::milliseconds delay{0};
  // Writes to files called `file_name` fail with `err`.
  void fail(const std::string& file_name, int err) { failures_[file_name] = err; }
  // Writes to `create` of `parent` wait until release().
  void hold(const std::string& parent) { held_.insert(parent); }
  // Called (on the writing thread, the fake's lock not held) when a write
  // starts to wait.
  std::function<void()> on_held;
  // Called (on the writing thread, the fake's lock not held) after a write
  // was accepted and logged.
  std::function<void()> on_accepted;
  void release();

  // NVIDIA's vGPU VFs of this root (no mdev).
  FakeVgpuDriver& nvidia() const { return nvidia_; }

  // "create P U", "attr U name=value", "remove U", "vgpu VF id", in the order accepted.
  std::vector<std::string> log() const;

  void write(const std::filesystem::path& path, const std::string& value,
             mdev::SysfsFile file) const override;
  bool is_held_open(const std::filesystem::path& node) const override;

 private:
  void create(const std::filesystem::path& type_dir, const std::string& uuid) const;

  std::filesystem::path root_;
  mutable FakeVgpuDriver nvidia_;
  std::map<std::string, int> failures_;
  std::set<std::string> held_;
  mutable std::mutex mutex_;
  mutable std::condition_variable released_;
  mutable bool holding_ = true;
  mutable std::vector<std::string> log_;
};

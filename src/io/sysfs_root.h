// SPDX-License-Identifier: LGPL-2.1-or-later
#pragma once
#include <asio/awaitable.hpp>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "io/kernel_writes.h"
#include "io/nvidia_vfs.h"
#include "io/root.h"
#include "io/sriov_functions.h"
#include "model/device.h"
#include "model/error.h"

namespace mdev {

class WorkerThreads;

// What kind of parent a device sits on: an mdev parent, or a VF of
// NVIDIA's vendor-specific VFIO (behaviour.md section 11).
enum class DeviceKind : unsigned char { kMdev, kVgpu };

// A running device as sysfs shows it. One rule for every command: a device
// is running when its directory resolves and its mdev_type link names a type
// (a vGPU: when its VF holds a type). Anything less, say a device the kernel
// is removing, is not running for list, list -d, define -u, stop and autostart
// alike.
struct ActiveDevice {
  Uuid uuid;
  std::string parent;
  // The device directory under its parent (a vGPU's: its VF's). A plain
  // string: a path object keeps every component split out, a third of
  // `list`'s memory for 2000 devices.
  std::string dir;
  std::string type;  // read with the device, never looked up again
  DeviceKind kind = DeviceKind::kMdev;
};

// How VFIO exposes a device: its IOMMU group, /dev/vfio/<name>, or (a
// vGPU's VF) its iommufd cdev, /dev/vfio/devices/<name>.
struct VfioGroup {
  std::string name;
  std::filesystem::path node;
  // "VFIO group 42", "VFIO device vfio3", for the error line.
  std::string description() const;
};

// The parents, types and devices of sysfs under a root: mdev's, and the
// vGPU VFs of NVIDIA's vendor-specific VFIO as parents of the same kind to
// every command (their own files are NvidiaVfs's).
class SysfsRoot {
 public:
  // `writes` carries out create, remove and attribute writes: the kernel's
  // own unless a test hands in a fake.
  explicit SysfsRoot(const Root& root, const KernelWrites& writes = kernel_writes());

  // Names under sys/class/mdev_bus and the vGPU VFs, byte-sorted.
  std::vector<std::string> parents() const;
  // Named under sys/class/mdev_bus (with or without types), or a vGPU VF
  // (bound to NVIDIA's driver, its nvidia/ files there or not yet).
  bool parent_exists(const std::string& parent) const;
  // An mdev parent with mdev_supported_types, or a vGPU VF.
  bool parent_has_types(const std::string& parent) const;
  bool is_vgpu_parent(const std::string& parent) const;
  // A type whose files cannot be read as a type is left out; with
  // `unreadable`, it says why there, one line each. A VF's types are its
  // creatable rows and the type it holds (section 11).
  std::vector<TypeInfo> types(const std::string& parent,
                              std::vector<std::string>* unreadable = nullptr) const;
  // nullopt for a type that does not exist; throws for one that is unreadable.
  std::optional<TypeInfo> type(const std::string& parent, const std::string& type) const;

  // Every running device with its parent and type, sorted by UUID. An entry
  // of sys/bus/mdev/devices that is not running by the rule above is left
  // out; with `skipped`, it says which there, one line each.
  // The devices' directories are read in parallel on `workers` (io/parallel.h).
  asio::awaitable<std::vector<ActiveDevice>> active_devices(
      WorkerThreads& workers, std::vector<std::string>* skipped = nullptr) const;
  std::optional<ActiveDevice> active_device(const Uuid& uuid) const;

  void create_device(const std::string& parent, const std::string& type, const Uuid& uuid) const;
  void write_attribute(const ActiveDevice& device, const Attribute& attr) const;
  // For a vGPU: `0` to its VF's current_vgpu_type, once.
  void remove_device(const ActiveDevice& device) const;
  // A type id (0 clears) to the VF's current_vgpu_type.
  void set_vgpu_type(const std::string& vf, unsigned long id) const;
  const NvidiaVfs& vfs() const { return vfs_; }
  const SriovFunctions& sriov() const { return sriov_; }

  // The VFIO group of a device when something holds it open, as a running
  // VM does (or libvirt, before it stops the device): opening the node then
  // fails with EBUSY. A vGPU's VF is also held through its iommufd cdev,
  // which libvirt 12 opens.
  std::optional<VfioGroup> vfio_group_in_use(const ActiveDevice& device) const;

 private:
  std::filesystem::path type_dir(const std::string& parent, const std::string& type) const;
  // `type` read through an open mdev_supported_types directory of `parent`.
  std::optional<TypeInfo> type_in(int types_fd, const std::string& parent,
                                  const std::string& type) const;
  // nullopt for a name that is no UUID or a link out of the root; a device
  // without a type when its mdev_type cannot be resolved.
  std::optional<ActiveDevice> read_active(const std::string& name) const;
  bool mdev_parent_exists(const std::string& parent) const;
  std::vector<TypeInfo> vgpu_types(const std::string& vf,
                                   std::vector<std::string>* unreadable) const;
  std::vector<ActiveDevice> active_vgpus() const;
  bool inside_root(std::string_view path) const;
  void refuse_outside_root(const std::string& dir) const;

  const Root& root_;
  std::string root_prefix_;
  const KernelWrites* writes_;
  NvidiaVfs vfs_;
  SriovFunctions sriov_;
  std::filesystem::path class_dir_;
  std::filesystem::path devices_dir_;
};

}  // namespace mdev

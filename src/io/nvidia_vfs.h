// SPDX-License-Identifier: LGPL-2.1-or-later
#pragma once
// NVIDIA's vGPUs without mdev (behaviour.md section 11): the SR-IOV virtual
// functions (VFs) that carry `nvidia/current_vgpu_type`, each holding at
// most one vGPU, bound to either flavour of the driver (NVIDIA's R5xx
// `nvidia`, the upstream `nvidia-vgpu-vfio`). Reads of their files, the writes that make
// the driver act (through KernelWrites, like mdev writes), NVIDIA's type
// catalogue, and the UUIDs mdevctl keeps for the vGPUs it started.
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "io/kernel_writes.h"
#include "io/process_table.h"
#include "io/root.h"
#include "model/config.h"
#include "model/uuid.h"
#include "model/vgpu_types.h"

namespace mdev {

// A VF's vGPU files as read at one moment.
struct VgpuFunction {
  std::string address;        // 0000:41:00.4
  unsigned long current = 0;  // the type id it holds; 0 = none
  CreatableVgpuTypes creatable;
  // The errno of a read of creatable_vgpu_types that failed (the driver
  // could not ask the GPU); 0 when it was read. Not a missing file.
  int creatable_error = 0;
};

// What mdevctl recorded when it started the vGPU on a VF.
struct KeptVgpu {
  Uuid uuid;
  unsigned long type;
};

class NvidiaVfs {
 public:
  NvidiaVfs(const Root& root, const KernelWrites& writes);

  // The VFs bound to either driver that have the vGPU files, byte-sorted. On
  // a host without NVIDIA's driver this is two failed opendirs.
  std::vector<std::string> addresses() const;
  // Whether `address` is such a VF (it need not be bound right now to be named).
  bool is_vf(const std::string& address) const;
  // Whether `address` is a VF bound to either driver, with or without its
  // nvidia/ files: the driver makes them a moment after the bind.
  bool is_bound_vf(const std::string& address) const;
  // nullopt when the VF or its files are gone.
  std::optional<VgpuFunction> read(const std::string& address) const;
  std::optional<unsigned long> current_type(const std::string& address) const;
  // The VF's directory, the link under sys/bus/pci/devices.
  std::string dir(const std::string& address) const;
  // The other VFs of the VF's PF (its physfn's virtfnN links), byte-sorted.
  std::vector<std::string> siblings(const std::string& address) const;
  // The processes that hold the VF open: through its VFIO group
  // (/dev/vfio/N) or its iommufd cdev (/dev/vfio/devices/vfioN), by pid.
  // mdevctl's own chain of callers (libvirt, which opens the group itself
  // while it runs mdevctl) is not among them: it is never the VM.
  std::vector<ProcessInfo> holders(const std::string& address) const;

  // `id` (0 clears) to nvidia/current_vgpu_type; throws SysfsWriteError.
  void write_type(const std::string& address, unsigned long id) const;
  // An attribute of a definition goes to nvidia/<name>; throws SysfsWriteError.
  void write_attribute(const std::string& address, const Attribute& attr) const;

  // The names of NVIDIA's catalogue, read once per command; empty when it is
  // not installed. `problem` says why a catalogue that is there was not read.
  const std::map<unsigned long, std::string>& catalogue(std::string* problem = nullptr) const;

  std::optional<KeptVgpu> kept(const std::string& address) const;
  // Written atomically to run/mdevctl (private); throws mdev::Error.
  void keep(const std::string& address, const KeptVgpu& vgpu) const;
  void forget(const std::string& address) const;
  // The UUID the vGPU of type `type` on the VF goes by: the kept one when it
  // was kept for that type; else that of the one definition of the VF with
  // that type; else the one derived from the VF's address.
  Uuid uuid_of(const std::string& address, unsigned long type) const;

 private:
  std::string kept_path(const std::string& address) const;
  std::optional<Uuid> defined_uuid(const std::string& address, unsigned long type) const;

  const Root& root_;
  const KernelWrites* writes_;
  std::string devices_dir_;
  std::vector<std::string> driver_dirs_;
  // Shared by copies (a kernel write runs on a copy): read once per command.
  struct Catalogue {
    std::once_flag once;
    std::map<unsigned long, std::string> names;
    std::string problem;
  };
  std::shared_ptr<Catalogue> catalogue_;
};

}  // namespace mdev

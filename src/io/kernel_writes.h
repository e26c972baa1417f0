// SPDX-License-Identifier: LGPL-2.1-or-later
#pragma once
// The writes that make the kernel act: a UUID to a type's `create`, `1` to a
// device's `remove`, a value to an attribute, a type id to a VF's
// `current_vgpu_type`; and the one probe whose answer only the kernel
// gives, whether a VFIO group is held open. The one effect on sysfs that
// tests must control, so it sits behind this interface; tests use the
// in-process fake of tests/support/fake_kernel.h.
#include <filesystem>
#include <string>

#include "model/error.h"

namespace mdev {

// A write that the kernel refused; `code` is the errno.
class SysfsWriteError : public Error {
 public:
  SysfsWriteError(const std::filesystem::path& path, int code);
  int code() const { return code_; }

 private:
  int code_;
};

// Whether a write may create the file. The kernel's `create` and `remove`
// always exist; on a passive root (upstream's test roots) mdevctl makes them,
// as upstream does, so that the write itself is the record. An attribute the
// device does not have must fail, as on the kernel.
enum class SysfsFile { kMustExist, kCreateIfMissing };

class KernelWrites {
 public:
  virtual ~KernelWrites() = default;
  // Replaces the content of a sysfs file with `value`; throws SysfsWriteError.
  virtual void write(const std::filesystem::path& path, const std::string& value,
                     SysfsFile file) const = 0;
  // Whether a VFIO group node is held open by someone (a VM): opening it
  // then fails with EBUSY. The kernel's answer, which a fake must be able to give.
  virtual bool is_held_open(const std::filesystem::path& group_node) const;
};

// The kernel's: open(2) and write(2) on the file.
const KernelWrites& kernel_writes();

}  // namespace mdev

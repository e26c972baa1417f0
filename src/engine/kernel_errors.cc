// SPDX-License-Identifier: LGPL-2.1-or-later
#include "engine/kernel_errors.h"

#include <cerrno>
#include <cstring>

namespace mdev {
namespace {

// NVIDIA's two drivers (behaviour.md section 11.1): R5xx says EPERM and EIO
// where upstream says EBUSY, ENODEV, ENOSPC or EINVAL.
std::string vgpu_type_cause(int code) {
  switch (code) {
    case EPERM:
    case EBUSY:
      return "the VF already holds a vGPU, or a VM still holds it";
    case EIO:
      return "NVIDIA's driver refused the type (see the kernel log, NVRM)";
    case ENODEV:
      return "not a type of this GPU";
    case ENOSPC:
      return "its GPU is full";
    case EINVAL:
      return "its GPU holds vGPUs of another type";
    default:
      return "";
  }
}

std::string vgpu_attribute_cause(int code) {
  switch (code) {
    case ENXIO:
      return "the VF holds no vGPU (NVIDIA's driver takes attributes only after the type)";
    case EPERM:
      return "a VM is using the vGPU";
    case E2BIG:
      return "the value is longer than NVIDIA's driver takes (1024 bytes)";
    case ENOENT:
      return "the VF has no such file in nvidia/ (the upstream driver has no attributes)";
    case EINVAL:
      return "NVIDIA's driver rejected the value";
    default:
      return "";
  }
}

std::string sriov_cause(int code) {
  switch (code) {
    case EBUSY:
      return "the PF has VFs already";
    case ERANGE:
    case EINVAL:
      return "more VFs than the PF can have (sriov_totalvfs)";
    case ENOENT:
      return "the PF has no sriov_numvfs";
    case ENOMEM:
    case EIO:
    case ENOSPC:
      return "the PF's driver could not enable them (see the kernel log)";
    default:
      return "";
  }
}

}  // namespace

std::string likely_cause(SysfsWrite write, int code) {
  // The one permission problem: sysfs refuses the open to anyone but root.
  if (code == EACCES) return "mdevctl must run as root";
  if (write == SysfsWrite::kVgpuType) return vgpu_type_cause(code);
  if (write == SysfsWrite::kVgpuAttribute) return vgpu_attribute_cause(code);
  if (write == SysfsWrite::kSriov) return sriov_cause(code);
  switch (code) {
    case EINVAL:
      if (write == SysfsWrite::kCreate) {
        return "the UUID is malformed, or the vendor driver cannot run this type next to the "
               "devices already on the parent";
      }
      if (write == SysfsWrite::kAttribute) return "the vendor driver rejected the value";
      return "";
    case EEXIST:
      return "a device with this UUID already exists under some parent";
    // The mdev core says EUSERS; drivers that count for themselves (mtty)
    // refuse from their probe with ENOSPC.
    case EUSERS:
      return "no instances of this type are left";
    case ENOSPC:
      return write == SysfsWrite::kCreate ? "no instances of this type are left" : "";
    case ENODEV:
      return "the parent device is going away";
    case EBUSY:
      return "the device is in use";
    case ENOENT:
      return write == SysfsWrite::kAttribute ? "the device has no such attribute"
                                             : "the sysfs file does not exist";
    // A driver's own no, not the file's mode: that is EACCES.
    case EPERM:
      return "the vendor driver does not allow it now";
    default:
      return "";
  }
}

std::string describe_refusal(SysfsWrite write, int code, const std::string& what) {
  std::string cause = likely_cause(write, code);
  return what + " failed: " + std::strerror(code) + " (os error " + std::to_string(code) + ")" +
         (cause.empty() ? "" : ": " + cause);
}

}  // namespace mdev

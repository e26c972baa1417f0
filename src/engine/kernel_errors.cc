#include "engine/kernel_errors.h"

#include <cerrno>
#include <cstring>

namespace mdev {

std::string likely_cause(SysfsWrite write, int code) {
  switch (code) {
    case EINVAL:
      if (write == SysfsWrite::kCreate) {
        return "the UUID is malformed, or the vendor driver cannot run this type next to the "
               "devices already on the parent";
      }
      if (write == SysfsWrite::kAttribute) return "the vendor driver rejected the value";
      if (write == SysfsWrite::kVgpuType) return "the VF cannot take this type";
      return "";
    // NVIDIA's driver, for a MIG-backed type without a GPU instance to put it on.
    case EIO:
      return write == SysfsWrite::kVgpuType ? "no MIG GPU instance for this type?" : "";
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
      return write == SysfsWrite::kVgpuType ? "a VM may still hold the VF" : "the device is in use";
    case ENOENT:
      return write == SysfsWrite::kAttribute ? "the device has no such attribute"
                                             : "the sysfs file does not exist";
    case EACCES:
    case EPERM:
      return "mdevctl must run as root";
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

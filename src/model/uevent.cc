// SPDX-License-Identifier: LGPL-2.1-or-later
#include "model/uevent.h"

#include "model/vgpu_types.h"

namespace mdev {
namespace {

std::string component(const std::string& path, int from_end) {
  size_t end = path.size();
  while (end > 0 && path[end - 1] == '/') --end;
  for (;;) {
    size_t slash = path.rfind('/', end == 0 ? 0 : end - 1);
    size_t begin = slash == std::string::npos ? 0 : slash + 1;
    if (from_end == 0) return path.substr(begin, end - begin);
    if (slash == std::string::npos || slash == 0) return "";
    end = slash;
    --from_end;
  }
}

}  // namespace

std::string Uevent::name() const {
  return component(devpath, 0);
}
std::string Uevent::parent_name() const {
  return component(devpath, 1);
}

std::string Uevent::property(const std::string& key) const {
  auto it = properties.find(key);
  return it == properties.end() ? std::string() : it->second;
}

UeventMeaning meaning_of(const Uevent& event) {
  if (event.name().empty()) return UeventMeaning::kNothing;
  if (event.subsystem == "mdev") {
    if (event.action == "add") return UeventMeaning::kDeviceAdded;
    if (event.action == "remove") return UeventMeaning::kDeviceRemoved;
    return UeventMeaning::kNothing;  // bind, unbind: the device was there already
  }
  if (event.subsystem == "pci") {
    if (event.action == "bind" && is_vgpu_driver(event.property("DRIVER")))
      return UeventMeaning::kMaybeVgpuFunctionBound;
    if (event.action == "bind") return UeventMeaning::kPciBound;
    if (event.action == "unbind") return UeventMeaning::kPciUnbound;
  }
  const std::string state = event.property("MDEV_STATE");
  if (event.action == "change") {
    if (state == "registered") return UeventMeaning::kParentRegistered;
    if (state == "unregistered") return UeventMeaning::kParentUnregistered;
    return UeventMeaning::kNothing;
  }
  // Kernels before 5.x send no MDEV_STATE: a parent's add is all there is.
  if (event.action == "add" && state.empty()) return UeventMeaning::kMaybeParentAdded;
  if (event.action == "remove") return UeventMeaning::kMaybeParentRemoved;
  return UeventMeaning::kNothing;
}

}  // namespace mdev

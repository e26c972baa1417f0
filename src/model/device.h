// SPDX-License-Identifier: LGPL-2.1-or-later
#pragma once
#include <string>

#include "model/config.h"
#include "model/uuid.h"

namespace mdev {

// A device as mdevctl sees it: its identity plus a config, which comes from
// etc/mdevctl.d for a defined device or from sysfs for a running one.
struct Device {
  Uuid uuid;
  std::string parent;
  DeviceConfig config;
};

// A device row in `list`: `marked` is "(defined)" in the active listing and
// "(active)" in the defined listing.
struct ListedDevice {
  Device device;
  bool marked = false;
  // For `list -v`, a running vGPU's VF: who holds it open ("4242
  // (qemu-system-x86)"), when anyone does.
  std::string holder = {};
};

// One mdev type a parent offers, as read from mdev_supported_types/<id>.
struct TypeInfo {
  std::string id;
  unsigned long available_instances = 0;
  std::string device_api;
  std::string name;
  std::string description;
};

struct ParentTypes {
  std::string parent;
  std::vector<TypeInfo> types;
};

}  // namespace mdev

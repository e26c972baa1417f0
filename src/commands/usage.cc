// SPDX-License-Identifier: LGPL-2.1-or-later
#include "commands/usage.h"

#include "model/error.h"

namespace mdev {

void check_usage(const DefineRequest& r) {
  if (r.count) {
    const std::string& n = *r.count;
    if (n.empty() || n.size() > 4 || n.find_first_not_of("0123456789") != std::string::npos ||
        std::stoul(n) == 0) {
      throw UsageError("--count takes a number of devices from 1 to 9999, not '" + n + "'");
    }
    if (r.uuid) throw UsageError("--count cannot be used with --uuid: each device gets a new one");
  }
  if (r.jsonfile && (r.type || r.autostart)) {
    throw UsageError("--jsonfile cannot be used with --type or --auto: the file holds both");
  }
  if ((r.jsonfile || r.type) && !r.parent) {
    throw UsageError("--parent is needed to define a device with --type or --jsonfile");
  }
  if (!r.uuid && !r.type && !r.jsonfile) {
    throw UsageError(
        "nothing to define: give --uuid of a running device, or --parent with --type or "
        "--jsonfile");
  }
}

void check_usage(const ModifyRequest& r) {
  if (r.live) {
    if (!r.jsonfile) throw UsageError("--live requires --jsonfile");
    if (r.type) throw UsageError("--live cannot change the type of a running device");
    if (r.autostart || r.manual) {
      throw UsageError("--live cannot take --auto or --manual: the start mode is the definition's");
    }
  }
  if (r.autostart && r.manual) throw UsageError("--auto and --manual cannot be used together");
  if (r.addattr && r.delattr) throw UsageError("--addattr and --delattr cannot be used together");
  if (r.addattr && !r.value) throw UsageError("--addattr needs --value");
  if (r.value && !r.addattr) throw UsageError("--value is only used with --addattr");
  if (r.index && !r.addattr && !r.delattr) {
    throw UsageError("--index is only used with --addattr or --delattr");
  }
  if (r.jsonfile && (r.type || r.autostart || r.manual || r.addattr || r.delattr)) {
    throw UsageError(
        "--jsonfile cannot be combined with other changes: the file holds the whole config");
  }
  if (!r.jsonfile && !r.type && !r.autostart && !r.manual && !r.addattr && !r.delattr) {
    throw UsageError(
        "nothing to modify: give --auto, --manual, --type, --addattr, --delattr or --jsonfile");
  }
}

void check_usage(const StartRequest& r) {
  if (r.jsonfile && r.type) {
    throw UsageError("--jsonfile cannot be used with --type: the file holds the type");
  }
  if (r.jsonfile && !r.parent) {
    throw UsageError("--parent is needed to start a device from --jsonfile");
  }
  if (!r.uuid && !r.jsonfile && !(r.parent && r.type)) {
    throw UsageError(
        "device is insufficiently specified: give --uuid of a defined device, or --parent with "
        "--type or --jsonfile");
  }
}

void check_usage(const StartParentRequest& r) {
  if (r.all && !r.parents.empty()) throw UsageError("--all cannot be used with parent names");
  if (!r.all && r.parents.empty()) throw UsageError("name a parent device, or --all");
}

}  // namespace mdev

// SPDX-License-Identifier: LGPL-2.1-or-later
#include "engine/parent_kind.h"

#include "engine/mdev_parent.h"
#include "engine/nvidia_vf_parent.h"

namespace mdev {
namespace {

struct KindRow {
  bool (*is)(const SysfsRoot& sysfs, const std::string& parent);
  const ParentKind& (*kind)();
};

// In order: the first row whose test passes. An mdev parent wins over a VF
// (a VF in mdev mode, before vGPU 17, is one), so mdev is the last row,
// which takes every parent.
const KindRow kKinds[] = {
    {[](const SysfsRoot& sysfs, const std::string& parent) { return sysfs.is_vgpu_parent(parent); },
     &nvidia_vf_parent},
    {[](const SysfsRoot&, const std::string&) { return true; }, &mdev_parent},
};

}  // namespace

const ParentKind& parent_kind(const Context& ctx, const std::string& parent) {
  auto [known, added] = ctx.kinds->try_emplace(parent, nullptr);
  if (added) {
    for (const KindRow& row : kKinds) {
      if (row.is(ctx.sysfs, parent)) {
        known->second = &row.kind();
        break;
      }
    }
  }
  return *known->second;
}

}  // namespace mdev

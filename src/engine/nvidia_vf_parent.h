// SPDX-License-Identifier: LGPL-2.1-or-later
#pragma once
// A VF of NVIDIA's vendor-specific VFIO (behaviour.md section 11): a type id
// to its nvidia/current_vgpu_type, attributes to its nvidia/ files, `0` to
// clear it (engine/vgpu_actions.h).
#include "engine/parent_kind.h"

namespace mdev {

const ParentKind& nvidia_vf_parent();

}  // namespace mdev

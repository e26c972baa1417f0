// SPDX-License-Identifier: LGPL-2.1-or-later
#pragma once
// An mdev parent (behaviour.md section 4): a UUID to a type's `create`, the
// attributes in the device's directory, `1` to its `remove`.
#include "engine/parent_kind.h"

namespace mdev {

const ParentKind& mdev_parent();

}  // namespace mdev

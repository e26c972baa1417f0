// SPDX-License-Identifier: LGPL-2.1-or-later
#pragma once
// The output formats of `list` and `types`. libvirt and scripts parse these,
// so every byte here is part of the interface (behaviour.md section 3).
#include <string>
#include <vector>

#include "model/device.h"

namespace mdev {

enum class ListKind { kActive, kDefined };

std::string format_list_text(const std::vector<ListedDevice>& devices, ListKind kind, bool verbose);
// With `bare_single`, a lone device is printed as its bare config object.
std::string format_list_json(const std::vector<ListedDevice>& devices, bool bare_single);

std::string format_types_text(const std::vector<ParentTypes>& parents);
std::string format_types_json(const std::vector<ParentTypes>& parents);

}  // namespace mdev

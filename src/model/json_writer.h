// SPDX-License-Identifier: LGPL-2.1-or-later
#pragma once
// Writes the JSON mdevctl prints and stores, in the layout of a 2-space
// pretty printer (what mdevctl 1.x and libvirt's tests expect), straight to a
// string: building a document first was a third of `list --dumpjson`.
#include <string>
#include <string_view>

#include "model/config.h"

namespace mdev {

// `"text"` with JSON escapes; bytes >= 0x80 pass through untouched.
void append_json_string(std::string& out, std::string_view text);

// A config object whose opening brace is already placed, members at `indent`+2.
void append_config_json(std::string& out, const DeviceConfig& config, int indent);

void append_newline_indent(std::string& out, int indent);

}  // namespace mdev

// SPDX-License-Identifier: LGPL-2.1-or-later
#pragma once
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace mdev {

// One attribute write: sysfs file name and the value written to it.
using Attribute = std::pair<std::string, std::string>;

// The persistent description of a device: what etc/mdevctl.d/<parent>/<uuid> holds.
struct DeviceConfig {
  std::string type;
  bool autostart = false;
  // Order is the order of sysfs writes; duplicates are allowed.
  std::vector<Attribute> attrs;

  bool operator==(const DeviceConfig&) const = default;
};

// Parses a config document. `source` names the file in error messages.
DeviceConfig parse_config(std::string_view json_text, std::string_view source);

// Parses the output of a `get`/`attributes` call-out: a JSON array of
// single-member objects. Tolerates empty output, `[{}]` and a trailing NUL.
std::vector<Attribute> parse_attribute_list(std::string_view json_text, std::string_view source);

// The file format: pretty-printed, 2-space indent, keys mdev_type, start, attrs.
std::string config_to_json(const DeviceConfig& config);

// The same on one line, `{"mdev_type":"T","start":"auto","attrs":[{"k":"v"}]}`:
// what call-out scripts get on stdin, as upstream sends it (scripts grep it line-wise).
std::string config_to_compact_json(const DeviceConfig& config);

// `{"NAME":"VALUE"}` as `list -v` prints it.
std::string attribute_to_compact_json(const Attribute& attr);

const char* start_mode_name(bool autostart);

}  // namespace mdev

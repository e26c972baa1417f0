// SPDX-License-Identifier: LGPL-2.1-or-later
#include "model/format.h"

#include "model/json_writer.h"

namespace mdev {

std::string format_list_text(const std::vector<ListedDevice>& devices, ListKind kind,
                             bool verbose) {
  std::string out;
  for (const auto& [device, marked, holder] : devices) {
    out += device.uuid.str() + ' ' + device.parent + ' ' + device.config.type + ' ' +
           start_mode_name(device.config.autostart);
    if (marked) out += kind == ListKind::kActive ? " (defined)" : " (active)";
    out += '\n';
    if (verbose && !device.config.attrs.empty()) {
      out += "  Attrs:\n";
      for (size_t i = 0; i < device.config.attrs.size(); ++i) {
        out += "    @{" + std::to_string(i) +
               "}: " + attribute_to_compact_json(device.config.attrs[i]) + '\n';
      }
    }
    if (verbose && !holder.empty()) out += "  Holder: " + holder + '\n';
  }
  return out;
}

std::string format_list_json(const std::vector<ListedDevice>& devices, bool bare_single) {
  if (bare_single && devices.size() == 1) {
    return config_to_json(devices.front().device.config) + '\n';
  }
  if (devices.empty()) return "[]\n";
  // [ { "<parent>": [ { "<uuid>": {config} }, ... ], ... } ]; devices arrive grouped by parent.
  std::string out = "[\n  {";
  const std::string* parent = nullptr;
  for (const auto& listed : devices) {
    const Device& device = listed.device;
    if (!parent || *parent != device.parent) {
      if (parent) out += "\n    ],";
      append_newline_indent(out, 4);
      append_json_string(out, device.parent);
      out += ": [";
      parent = &device.parent;
    } else {
      out += ',';
    }
    append_newline_indent(out, 6);
    out += '{';
    append_newline_indent(out, 8);
    append_json_string(out, device.uuid.str());
    out += ": ";
    append_config_json(out, device.config, 8);
    append_newline_indent(out, 6);
    out += '}';
  }
  out += "\n    ]\n  }\n]\n";
  return out;
}

std::string format_types_text(const std::vector<ParentTypes>& parents) {
  std::string out;
  for (const auto& parent : parents) {
    out += parent.parent + '\n';
    for (const auto& type : parent.types) {
      out += "  " + type.id + '\n';
      out += "    Available instances: " + std::to_string(type.available_instances) + '\n';
      out += "    Device API: " + type.device_api + '\n';
      if (!type.name.empty()) out += "    Name: " + type.name + '\n';
      if (!type.description.empty()) out += "    Description: " + type.description + '\n';
    }
  }
  return out;
}

std::string format_types_json(const std::vector<ParentTypes>& parents) {
  if (parents.empty()) return "[]\n";
  // [ { "<parent>": [ { "<type>": {available_instances, device_api, name?, description?} } ] } ]
  std::string out = "[\n  {";
  for (size_t p = 0; p < parents.size(); ++p) {
    out += p ? "," : "";
    append_newline_indent(out, 4);
    append_json_string(out, parents[p].parent);
    out += ": [";
    const auto& types = parents[p].types;
    for (size_t t = 0; t < types.size(); ++t) {
      const TypeInfo& type = types[t];
      out += t ? "," : "";
      append_newline_indent(out, 6);
      out += '{';
      append_newline_indent(out, 8);
      append_json_string(out, type.id);
      out += ": {";
      append_newline_indent(out, 10);
      out += "\"available_instances\": " + std::to_string(type.available_instances) + ',';
      append_newline_indent(out, 10);
      out += "\"device_api\": ";
      append_json_string(out, type.device_api);
      for (const auto& [key, value] :
           {std::pair{"name", &type.name}, {"description", &type.description}}) {
        if (value->empty()) continue;
        out += ',';
        append_newline_indent(out, 10);
        out += std::string("\"") + key + "\": ";
        append_json_string(out, *value);
      }
      append_newline_indent(out, 8);
      out += '}';
      append_newline_indent(out, 6);
      out += '}';
    }
    out += types.empty() ? "]" : "\n    ]";
  }
  out += "\n  }\n]\n";
  return out;
}

}  // namespace mdev

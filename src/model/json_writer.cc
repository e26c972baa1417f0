// SPDX-License-Identifier: LGPL-2.1-or-later
#include "model/json_writer.h"

namespace mdev {

void append_json_string(std::string& out, std::string_view text) {
  static constexpr char kHex[] = "0123456789abcdef";
  out += '"';
  for (char c : text) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\b':
        out += "\\b";
        break;
      case '\f':
        out += "\\f";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          out += "\\u00";
          out += kHex[(c >> 4) & 0xf];
          out += kHex[c & 0xf];
        } else {
          out += c;
        }
    }
  }
  out += '"';
}

void append_newline_indent(std::string& out, int indent) {
  out += '\n';
  out.append(static_cast<size_t>(indent), ' ');
}

void append_config_json(std::string& out, const DeviceConfig& config, int indent) {
  out += '{';
  append_newline_indent(out, indent + 2);
  out += "\"mdev_type\": ";
  append_json_string(out, config.type);
  out += ',';
  append_newline_indent(out, indent + 2);
  out += "\"start\": ";
  out += config.autostart ? "\"auto\"" : "\"manual\"";
  out += ',';
  append_newline_indent(out, indent + 2);
  out += "\"attrs\": [";
  for (size_t i = 0; i < config.attrs.size(); ++i) {
    out += i ? "," : "";
    append_newline_indent(out, indent + 4);
    out += '{';
    append_newline_indent(out, indent + 6);
    append_json_string(out, config.attrs[i].first);
    out += ": ";
    append_json_string(out, config.attrs[i].second);
    append_newline_indent(out, indent + 4);
    out += '}';
  }
  if (!config.attrs.empty()) append_newline_indent(out, indent + 2);
  out += ']';
  append_newline_indent(out, indent);
  out += '}';
}

}  // namespace mdev

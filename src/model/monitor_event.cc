// SPDX-License-Identifier: LGPL-2.1-or-later
#include "model/monitor_event.h"

#include "model/json_writer.h"

namespace mdev {
namespace {

void member(std::string& out, const char* name, const std::optional<std::string>& value) {
  out += ",\"";
  out += name;
  out += "\":";
  if (value)
    append_json_string(out, *value);
  else
    out += "null";
}

}  // namespace

std::string event_line(const MonitorEvent& event) {
  std::string out = "{\"event\":";
  append_json_string(out, event.event);
  member(out, "uuid", event.uuid);
  member(out, "parent", event.parent);
  member(out, "type", event.type);
  if (event.has_config) out += ",\"config\":" + event.config.value_or("null");
  if (event.result) member(out, "result", event.result);
  if (event.message) member(out, "message", event.message);
  out += "}";
  return out;
}

}  // namespace mdev

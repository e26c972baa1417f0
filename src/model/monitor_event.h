// SPDX-License-Identifier: LGPL-2.1-or-later
#pragma once
// One line of `mdevctl monitor --events`: a JSON object on one line with the
// members event, uuid, parent, type (null where they do not apply), then
// config for definitions and result/message for autostart. man/mdevctl.rst
// documents the format; orchestrators parse it.
#include <optional>
#include <string>

namespace mdev {

struct MonitorEvent {
  std::string event;  // definition-added, device-started, autostart, ... (see the man page)
  std::optional<std::string> uuid, parent, type;
  std::optional<std::string> config;  // compact JSON, as written
  bool has_config = false;            // a definition event: `config` null when it is gone
  std::optional<std::string> result, message;
};

// Without the trailing newline.
std::string event_line(const MonitorEvent& event);

}  // namespace mdev

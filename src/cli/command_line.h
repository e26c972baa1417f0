#pragma once
#include <asio/awaitable.hpp>
#include <functional>
#include <optional>
#include <string>
#include <variant>

#include "cli/arguments.h"
#include "engine/context.h"

namespace mdev {

// What the command line asks for, once parsed.
struct CommandLine {
  std::optional<std::string> root;
  bool force = false;
  unsigned jobs = 16;
  std::optional<double> callout_timeout;  // seconds
  bool needs_root = true;                 // false for version
  // define, undefine, modify, start, stop, start-parent-mdevs: run device
  // pipelines, and so take SIGTERM as "stop starting new ones".
  bool changes_devices = false;
  // `monitor` runs as a program of its own (cli/monitor_main.cc), not as `run`.
  std::optional<MonitorRequest> monitor;
  // Runs the chosen command against a ready context.
  using Run = std::function<asio::awaitable<std::string>(Context&)>;
  Run run;
};

// argv[0] named lsmdev means `mdevctl list`.
std::variant<CommandLine, EarlyExit> parse_command_line(int argc, char** argv);

}  // namespace mdev

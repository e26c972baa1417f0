// SPDX-License-Identifier: LGPL-2.1-or-later
#pragma once
// The command line, parsed: which command to run with which options, or an
// early exit (help, version, a usage error). Nothing here runs a command, so
// any argv can be parsed (and fuzzed) on its own.
#include <optional>
#include <string>
#include <variant>

#include "commands/requests.h"

namespace mdev {

struct CommandLine {
  // The options before the command, for every command.
  std::optional<std::string> root;
  bool force = false;
  unsigned jobs = 16;
  std::optional<double> callout_timeout;  // seconds
  // What the chosen command needs of the session.
  bool needs_root = true;  // false for version
  // define, undefine, modify, start, stop, start-parent-mdevs: run device
  // pipelines, and so take SIGTERM as "stop starting new ones".
  bool changes_devices = false;
  // The command, run by execute() (commands/commands.h).
  Request request;

  // `monitor` runs as a program of its own (cli/monitor_main.cc).
  const MonitorRequest* monitor() const { return std::get_if<MonitorRequest>(&request); }
};

// The outcome of parsing when it does not lead to running a command: help
// or version text (exit 0), help asked for by a bare `mdevctl` (exit 2), or a
// usage error (exit 2).
struct EarlyExit {
  int status;
  std::string out;
  std::string err;
};

// argv[0] named lsmdev means `mdevctl list`, and says so in its help.
std::variant<CommandLine, EarlyExit> parse_command_line(int argc, char** argv);

}  // namespace mdev

// SPDX-License-Identifier: LGPL-2.1-or-later
#pragma once
// Every command in one table: its name, what it does, an example, its
// options into its request, and the option combinations it refuses. The
// parser, the help and the suggestions for a mistyped command all read it;
// execute(Context&, ItsRequest) in src/commands runs it.
#include <functional>
#include <string_view>
#include <vector>

#include "cli/command_line.h"

namespace CLI {
class App;
}

namespace mdev {

// A command's options as declared on its CLI::App, bound to a request that
// the parse fills in.
struct DeclaredOptions {
  // Throws UsageError for options that make no sense together.
  std::function<void()> check_usage;
  // Throws Error for a UUID or parent name the command would refuse: run
  // for `--help` too, which must not accept what the command would not.
  std::function<void()> check_values;
  // Sets the line's request as parsed.
  std::function<void(CommandLine&)> bind;
};

struct CommandSpec {
  std::string_view name;
  std::string_view summary;
  std::string_view example;
  // Runs device pipelines: takes -f/--force and stops on SIGTERM.
  bool changes_devices = false;
  bool needs_root = true;
  bool hidden = false;  // run by the udev rule, not by people
  std::function<DeclaredOptions(CLI::App&)> declare;
};

const std::vector<CommandSpec>& command_table();
const CommandSpec* find_command(std::string_view name);

}  // namespace mdev

#pragma once
#include <asio/awaitable.hpp>
#include <functional>
#include <optional>
#include <string>
#include <variant>

#include "engine/context.h"

namespace mdev {

// What the command line asks for, once parsed.
struct CommandLine {
  std::optional<std::string> root;
  bool force = false;
  unsigned jobs = 16;
  std::optional<double> callout_timeout;  // seconds
  bool needs_root = true;  // false for version
  // Runs the chosen command against a ready context.
  std::function<asio::awaitable<std::string>(Context&)> run;
};

// The outcome of parsing when it does not lead to running a command:
// help or version text (exit 0) or a usage error (exit 2).
struct EarlyExit {
  int status;
  std::string out;
  std::string err;
};

// argv[0] named lsmdev means `mdevctl list`.
std::variant<CommandLine, EarlyExit> parse_command_line(int argc, char** argv);

}  // namespace mdev

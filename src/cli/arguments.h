#pragma once
// The command line as data: which command, with which options. Nothing here
// runs anything, so any argv can be parsed (and fuzzed) on its own.
#include <optional>
#include <string>
#include <variant>

#include "commands/requests.h"

namespace mdev {

// What --version says: our own version (CMake's project version), and that
// this is not one of upstream mdevctl's releases.
inline constexpr const char* kVersionLine =
    "mdevctl " MDEVCTL_VERSION " (mdevctl-cpp, a reimplementation; not an upstream release)";

struct VersionRequest {};

using Request =
    std::variant<VersionRequest, ListRequest, TypesRequest, DefineRequest, UndefineRequest,
                 ModifyRequest, StartRequest, StopRequest, StartParentRequest, MonitorRequest>;

struct Arguments {
  std::optional<std::string> root;
  bool force = false;
  unsigned jobs = 16;
  std::optional<double> callout_timeout;  // seconds
  Request request;
};

// The outcome of parsing when it does not lead to running a command:
// help or version text (exit 0) or a usage error (exit 2).
struct EarlyExit {
  int status;
  std::string out;
  std::string err;
};

// argv[0] named lsmdev means `mdevctl list`.
std::variant<Arguments, EarlyExit> parse_arguments(int argc, char** argv);

}  // namespace mdev

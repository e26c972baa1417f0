// SPDX-License-Identifier: LGPL-2.1-or-later
#pragma once
// What every command runs against, set up from the command line and the
// environment: the root, its sysfs and definitions, the call-outs under
// their limits, and the log. Shared by mdevctl and mdevctl-monitor.
#include <functional>
#include <string>

#include "cli/command_line.h"
#include "engine/context.h"
#include "engine/script_callouts.h"
#include "io/standard_streams.h"

namespace mdev {

// The limits call-outs run under: --callout-timeout or MDEVCTL_CALLOUT_TIMEOUT.
ProcessLimits process_limits(const CommandLine& line);

class Session {
 public:
  // The log shows `log_level` and above unless MDEVCTL_LOG says otherwise.
  // `runtime` is made first (with process_limits(line)) and outlives the session.
  Session(const CommandLine& line, Runtime& runtime, Logger::Sink log_sink,
          LogLevel log_level = LogLevel::kWarn);
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;

  Context& context() { return ctx_; }

 private:
  Root root_;
  SysfsRoot sysfs_;
  ConfigStore store_;
  Logger log_;
  ScriptCallouts callouts_;
  Context ctx_;
};

// A command's result on stdout. Output is part of the result: when it cannot
// be written (a full disk, a closed pipe or stdout) this throws, and the
// error line says what was lost (`define`'s generated UUID, say).
void print_output(std::string_view text);
// A line to stdout or stderr as it comes, for logs and event lines; a
// failure is not the command's (the monitor goes on without its reader).
void write_line(StandardStream stream, std::string_view line);

// The entry point of mdevctl and mdevctl-monitor: parses argv, prints help,
// version and usage errors itself, and otherwise runs `command` with the
// parsed line. The one place errors are caught: each leaves as a single
// "Error: ..." line on stderr with exit status 1.
int run_main(int argc, char** argv, const std::function<int(CommandLine&)>& command);

}  // namespace mdev

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

class Session {
 public:
  // The log shows `log_level` and above unless MDEVCTL_LOG says otherwise.
  Session(const CommandLine& line, Logger::Sink log_sink, LogLevel log_level = LogLevel::kWarn);
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;

  Context& context() { return ctx_; }
  ChildProcesses& children() { return children_; }

 private:
  Root root_;
  SysfsRoot sysfs_;
  ConfigStore store_;
  Logger log_;
  ChildProcesses children_;
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

// SPDX-License-Identifier: LGPL-2.1-or-later
#include "cli/session.h"

#include <cmath>
#include <cstdlib>
#include <exception>

#include "io/child_process.h"
#include "io/file_util.h"
#include "io/signal_mask.h"
#include "model/names.h"

namespace mdev {
namespace {

// Seconds as a duration; anything that is not a finite positive number of at
// most a day is `fallback` (1e300 or nan must not reach an integer cast).
std::chrono::milliseconds to_duration(double seconds, double fallback) {
  if (!std::isfinite(seconds) || seconds <= 0 || seconds > 86400) seconds = fallback;
  return std::chrono::milliseconds(static_cast<long>(seconds * 1000));
}

// Seconds from the environment, or the default.
std::chrono::milliseconds seconds_from_env(const char* name, double fallback) {
  const char* value = std::getenv(name);
  return to_duration(value && *value ? std::strtod(value, nullptr) : fallback, fallback);
}

// "0", "no", "off" or "false" in the environment.
bool env_says_off(const char* name) {
  const char* value = std::getenv(name);
  if (!value) return false;
  std::string text = value;
  return text == "0" || text == "no" || text == "off" || text == "false";
}

Root chosen_root(const CommandLine& line) {
  Root root = Root::choose(line.root);
  if (line.needs_root) root.require_config_dir();
  return root;
}

}  // namespace

ProcessLimits process_limits(const CommandLine& line) {
  ProcessLimits limits;
  limits.timeout = line.callout_timeout ? to_duration(*line.callout_timeout, 30)
                                        : seconds_from_env("MDEVCTL_CALLOUT_TIMEOUT", 30);
  return limits;
}

Session::Session(const CommandLine& line, Runtime& runtime, Logger::Sink log_sink,
                 LogLevel log_level)
    : root_(chosen_root(line)),
      sysfs_(root_),
      store_(root_),
      log_(Logger::level_from_env(log_level), std::move(log_sink)),
      callouts_(root_, log_, runtime.children()),
      ctx_{runtime, root_, sysfs_, store_, callouts_, log_} {
  ctx_.options = RunOptions{
      .force = line.force,
      .jobs = line.jobs,
      .device_wait = seconds_from_env("MDEVCTL_DEVICE_WAIT", 5),
      .type_wait = seconds_from_env("MDEVCTL_TYPE_WAIT", 30),
      .vgpu_clear_wait = seconds_from_env("MDEVCTL_VGPU_CLEAR_WAIT", 10),
      .sriov_enable = !env_says_off("MDEVCTL_SRIOV_ENABLE"),
      .sriov_wait = seconds_from_env("MDEVCTL_SRIOV_WAIT", 120),
      .definitions_lock_wait = seconds_from_env("MDEVCTL_LOCK_WAIT", 10),
      .autostart_lock_wait = seconds_from_env("MDEVCTL_AUTOSTART_LOCK_WAIT", 600),
  };
  const char* level = std::getenv("MDEVCTL_LOG");
  if (level && !Logger::level_named(level)) {
    log_.warn("MDEVCTL_LOG=" + quoted_for_error(level) +
              " is not a log level (error, warn, info or debug): using warn");
  }
}

void print_output(std::string_view text) {
  if (int err = write_standard(StandardStream::kOut, text)) {
    throw Error("cannot write the output to stdout (" + errno_text(err) +
                "); it was: " + escaped_for_error(trim(text), 200));
  }
}

void write_line(StandardStream stream, std::string_view line) {
  std::string text(line);
  text += '\n';
  write_standard(stream, text);
}

int run_main(int argc, char** argv, const std::function<int(CommandLine&)>& command) {
  guard_standard_streams();
  ignore_broken_pipes();
  hold_stop_signals();
  try {
    auto parsed = parse_command_line(argc, argv);
    if (auto* early = std::get_if<EarlyExit>(&parsed)) {
      release_stop_signals();
      print_output(early->out);
      write_standard(StandardStream::kErr, early->err);
      return early->status;
    }
    auto& line = std::get<CommandLine>(parsed);
    // Only the monitor handles them; the one-shot commands end as they always did.
    if (!line.monitor()) release_stop_signals();
    return command(line);
  } catch (const UsageError& e) {
    write_line(StandardStream::kErr, "Error: " + escaped_for_error(e.what(), 4096));
    return 2;
  } catch (const std::exception& e) {
    // Error texts quote outside text: one bounded line, control bytes escaped.
    write_line(StandardStream::kErr, "Error: " + escaped_for_error(e.what(), 4096));
    return 1;
  }
}

}  // namespace mdev

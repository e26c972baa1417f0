#include "cli/session.h"

#include <cmath>
#include <cstdlib>
#include <exception>

#include "io/child_process.h"

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

Root chosen_root(const CommandLine& line) {
  Root root = Root::choose(line.root);
  if (line.needs_root) root.require_config_dir();
  return root;
}

ProcessLimits limits_of(const CommandLine& line) {
  ProcessLimits limits;
  limits.timeout = line.callout_timeout ? to_duration(*line.callout_timeout, 30)
                                        : seconds_from_env("MDEVCTL_CALLOUT_TIMEOUT", 30);
  return limits;
}

}  // namespace

Session::Session(const CommandLine& line, Logger::Sink log_sink, LogLevel log_level)
    : root_(chosen_root(line)),
      sysfs_(root_),
      store_(root_),
      log_(Logger::level_from_env(log_level), std::move(log_sink)),
      limits_(limits_of(line)),
      callouts_(root_, log_, limits_),
      ctx_{root_, sysfs_, store_, callouts_, log_} {
  ctx_.force = line.force;
  ctx_.jobs = line.jobs;
  ctx_.type_wait = seconds_from_env("MDEVCTL_TYPE_WAIT", 30);
  ctx_.device_wait = seconds_from_env("MDEVCTL_DEVICE_WAIT", 5);
}

void write_out(FILE* stream, const std::string& text) {
  std::fwrite(text.data(), 1, text.size(), stream);
  std::fflush(stream);
}

int run_main(int argc, char** argv, const std::function<int(CommandLine&)>& command) {
  ignore_broken_pipes();
  try {
    auto parsed = parse_command_line(argc, argv);
    if (auto* early = std::get_if<EarlyExit>(&parsed)) {
      write_out(stdout, early->out);
      write_out(stderr, early->err);
      return early->status;
    }
    return command(std::get<CommandLine>(parsed));
  } catch (const std::exception& e) {
    write_out(stderr, std::string("Error: ") + e.what() + "\n");
    return 1;
  }
}

}  // namespace mdev

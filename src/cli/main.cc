// The one place that talks to the terminal and the one place errors are
// caught: every failure below arrives here as an exception and leaves as a
// single "Error: ..." line on stderr with exit status 1.
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <exception>

#include "cli/command_line.h"
#include "engine/engine.h"
#include "engine/script_callouts.h"
#include "io/child_process.h"
#include "model/error.h"

namespace {

void write_out(FILE* stream, const std::string& text) {
  std::fwrite(text.data(), 1, text.size(), stream);
  std::fflush(stream);
}

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

int run(int argc, char** argv) {
  auto parsed = mdev::parse_command_line(argc, argv);
  if (auto* early = std::get_if<mdev::EarlyExit>(&parsed)) {
    write_out(stdout, early->out);
    write_out(stderr, early->err);
    return early->status;
  }
  auto& line = std::get<mdev::CommandLine>(parsed);
  mdev::EventLoop loop;  // first: everything below waits on it

  mdev::Root root = mdev::Root::choose(line.root);
  if (line.needs_root) root.require_config_dir();
  mdev::SysfsRoot sysfs(root);
  mdev::ConfigStore store(root);
  mdev::Logger log(mdev::Logger::level_from_env(),
                   [](std::string_view text) { write_out(stderr, std::string(text) + "\n"); });
  mdev::ProcessLimits limits;
  limits.timeout = line.callout_timeout ? to_duration(*line.callout_timeout, 30)
                                        : seconds_from_env("MDEVCTL_CALLOUT_TIMEOUT", 30);
  mdev::ScriptCallouts callouts(root, log, limits);
  mdev::Context ctx{root, sysfs, store, callouts, log};
  ctx.force = line.force;
  ctx.jobs = line.jobs;
  ctx.type_wait = seconds_from_env("MDEVCTL_TYPE_WAIT", 30);
  ctx.device_wait = seconds_from_env("MDEVCTL_DEVICE_WAIT", 5);

  write_out(stdout, loop.run(line.run(ctx)));
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  mdev::ignore_broken_pipes();
  try {
    return run(argc, argv);
  } catch (const std::exception& e) {
    write_out(stderr, std::string("Error: ") + e.what() + "\n");
    return 1;
  }
}

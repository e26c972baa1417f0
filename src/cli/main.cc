// The one place that talks to the terminal and the one place errors are
// caught: every failure below arrives here as an exception and leaves as a
// single "Error: ..." line on stderr with exit status 1.
#include <exception>

#include "cli/command_line.h"
#include "cli/session.h"
#include "engine/engine.h"
#include "io/child_process.h"
#include "io/monitor_program.h"
#include "model/error.h"

namespace {

int run(int argc, char** argv) {
  auto parsed = mdev::parse_command_line(argc, argv);
  if (auto* early = std::get_if<mdev::EarlyExit>(&parsed)) {
    mdev::write_out(stdout, early->out);
    mdev::write_out(stderr, early->err);
    return early->status;
  }
  auto& line = std::get<mdev::CommandLine>(parsed);
  // The monitor links libudev and libsystemd; the one-shot commands stay a
  // static binary that starts in a millisecond.
  if (line.monitor) mdev::run_monitor_program(argc, argv);
  mdev::EventLoop loop;  // first: everything below waits on it
  mdev::Session session(
      line, [](std::string_view text) { mdev::write_out(stderr, std::string(text) + "\n"); });
  mdev::write_out(stdout, loop.run(line.run(session.context())));
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  mdev::ignore_broken_pipes();
  try {
    return run(argc, argv);
  } catch (const std::exception& e) {
    mdev::write_out(stderr, std::string("Error: ") + e.what() + "\n");
    return 1;
  }
}

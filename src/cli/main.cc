// mdevctl: every command but `monitor`, which runs as a program of its own.
// cli/session.cc's run_main is the one place that talks to the terminal and
// the one place errors are caught.
#include "cli/session.h"
#include "commands/commands.h"
#include "engine/event_loop.h"
#include "engine/stop_on_signal.h"
#include "io/monitor_program.h"

int main(int argc, char** argv) {
  return mdev::run_main(argc, argv, [&](mdev::CommandLine& line) {
    // The monitor links libudev and libsystemd; the one-shot commands stay a
    // static binary that starts in a millisecond.
    if (line.monitor()) mdev::run_monitor_program(argc, argv);
    mdev::EventLoop loop;  // first: everything below waits on it
    mdev::Session session(
        line, [](std::string_view text) { mdev::write_line(mdev::StandardStream::kErr, text); });
    mdev::Context& ctx = session.context();
    auto run = [&line](mdev::Context& c) { return mdev::execute(c, line.request); };
    mdev::print_output(loop.run(line.changes_devices ? mdev::run_stoppable(ctx, run) : run(ctx)));
    return 0;
  });
}

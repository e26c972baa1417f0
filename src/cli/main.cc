// SPDX-License-Identifier: LGPL-2.1-or-later
// mdevctl: every command but `monitor`, which runs as a program of its own.
// cli/session.cc's run_main is the one place that talks to the terminal and
// the one place errors are caught.
#include "cli/session.h"
#include "commands/commands.h"
#include "engine/runtime.h"
#include "io/monitor_program.h"

int main(int argc, char** argv) {
  return mdev::run_main(argc, argv, [&](mdev::CommandLine& line) {
    // The monitor links libudev and libsystemd; the one-shot commands stay a
    // static binary that starts in a millisecond.
    if (line.monitor()) mdev::run_monitor_program(argc, argv);
    mdev::Runtime runtime(mdev::process_limits(line));  // first: everything below waits on it
    mdev::Session session(line, runtime, [](std::string_view text) {
      mdev::write_line(mdev::StandardStream::kErr, text);
    });
    mdev::Context& ctx = session.context();
    // behaviour.md section 5: after SIGTERM or SIGINT no pipeline starts,
    // and one whose pre ran still gets its post; a second one ends mdevctl.
    if (line.changes_devices) {
      runtime.hear_stop_signals(mdev::SecondStopSignal::kEndsProcess, [&ctx](
                                                                          std::string_view name) {
        ctx.log.warn(std::string(name) +
                     ": stopping; no device starts a pipeline any more, those under way finish");
      });
    }
    mdev::print_output(runtime.run(mdev::execute(ctx, line.request)));
    return 0;
  });
}

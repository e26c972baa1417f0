// SPDX-License-Identifier: LGPL-2.1-or-later
// mdevctl-monitor: `mdevctl monitor`, which mdevctl runs in its place. Its
// own program because it links libudev and libsystemd. Under systemd its log
// lines carry the journal's priority prefixes. Its output never stops its
// work: event lines and log lines go out through LineWriters, which never
// block the loop.
#include <asio/io_context.hpp>

#include "cli/session.h"
#include "commands/monitor.h"
#include "engine/runtime.h"
#include "io/line_writer.h"
#include "io/service_manager.h"
#include "model/error.h"

namespace {

// sd-daemon(3): "<3>" error, "<4>" warning, "<6>" info, "<7>" debug.
std::string journal_prefix(std::string_view line) {
  if (line.rfind("Error: ", 0) == 0) return "<3>";
  if (line.rfind("Warning: ", 0) == 0) return "<4>";
  if (line.rfind("debug: ", 0) == 0) return "<7>";
  return "<6>";
}

// The monitor, then the writers let go of the loop: a line still waiting for
// a reader that never reads must not keep the loop (and the process) alive.
asio::awaitable<std::string> monitor_until_stopped(mdev::Session& session,
                                                   mdev::MonitorRequest request,
                                                   mdev::EventPrinter print_event,
                                                   mdev::LineWriter& events,
                                                   mdev::LineWriter& log) {
  std::exception_ptr failure;
  try {
    co_await mdev::monitor_command(session.context(), std::move(request), std::move(print_event));
  } catch (...) {
    failure = std::current_exception();
  }
  events.close();
  log.close();
  if (failure) std::rethrow_exception(failure);
  co_return "";
}

}  // namespace

int main(int argc, char** argv) {
  return mdev::run_main(argc, argv, [](mdev::CommandLine& line) {
    if (!line.monitor()) throw mdev::Error("mdevctl-monitor runs `mdevctl monitor` only");
    mdev::Runtime runtime(mdev::process_limits(line));  // first: everything below waits on it
    auto executor = runtime.executor();
    const bool journal = mdev::stderr_is_journal();
    mdev::LineWriter log(executor, 2,
                         {.dropped_note =
                              [journal](size_t count) {
                                return (journal ? "<4>" : "") + std::string("Warning: monitor: ") +
                                       std::to_string(count) +
                                       " log line(s) dropped: stderr was not read in time";
                              },
                          .on_closed = {}});
    mdev::LineWriter events(
        executor, 1,
        {.dropped_note =
             [](size_t count) {
               return R"({"event":"lines-dropped","uuid":null,"parent":null,"type":null,"count":)" +
                      std::to_string(count) + "}";
             },
         .on_closed =
             [&log, journal] {
               log.write((journal ? "<4>" : "") +
                         std::string("Warning: monitor: stdout is closed: no more event lines"));
             }});
    // A daemon's log says what it did: one line per action by default.
    mdev::Session session(
        line, runtime,
        [&log, journal](std::string_view text) {
          log.write((journal ? journal_prefix(text) : std::string()) + std::string(text));
        },
        mdev::LogLevel::kInfo);
    mdev::EventPrinter print_event;
    if (line.monitor()->events) {
      print_event = [&events](std::string_view text) { events.write(text); };
    }
    runtime.run(monitor_until_stopped(session, *line.monitor(), print_event, events, log));
    return 0;
  });
}

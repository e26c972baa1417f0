// mdevctl-monitor: `mdevctl monitor`, which mdevctl runs in its place. Its
// own program because it links libudev and libsystemd. Under systemd its log
// lines carry the journal's priority prefixes.
#include "cli/session.h"
#include "commands/monitor.h"
#include "engine/engine.h"
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

}  // namespace

int main(int argc, char** argv) {
  return mdev::run_main(argc, argv, [](mdev::CommandLine& line) {
    if (!line.monitor) throw mdev::Error("mdevctl-monitor runs `mdevctl monitor` only");
    mdev::EventLoop loop;
    const bool journal = mdev::stderr_is_journal();
    // A daemon's log says what it did: one line per action by default.
    mdev::Session session(
        line,
        [journal](std::string_view text) {
          mdev::write_out(
              stderr, (journal ? journal_prefix(text) : std::string()) + std::string(text) + "\n");
        },
        mdev::LogLevel::kInfo);
    mdev::EventPrinter print_event;
    if (line.monitor->events) {
      print_event = [](std::string_view text) {
        mdev::write_out(stdout, std::string(text) + "\n");
      };
    }
    loop.run(
        mdev::monitor_command(session.context(), *line.monitor, session.limits(), print_event));
    return 0;
  });
}

#include "cli/command_line.h"

#include "commands/commands.h"
#include "model/error.h"

namespace mdev {
namespace {

// Each request to the command that carries it out.
struct Binder {
  CommandLine::Run operator()(VersionRequest) const {
    return [](Context&) -> asio::awaitable<std::string> {
      co_return std::string(kVersionLine) + "\n";
    };
  }
  CommandLine::Run operator()(ListRequest r) const {
    return [r](Context& c) { return list_command(c, r); };
  }
  CommandLine::Run operator()(TypesRequest r) const {
    return [r](Context& c) { return types_command(c, r); };
  }
  CommandLine::Run operator()(DefineRequest r) const {
    return [r](Context& c) { return define_command(c, r); };
  }
  CommandLine::Run operator()(UndefineRequest r) const {
    return [r](Context& c) { return undefine_command(c, r); };
  }
  CommandLine::Run operator()(ModifyRequest r) const {
    return [r](Context& c) { return modify_command(c, r); };
  }
  CommandLine::Run operator()(StartRequest r) const {
    return [r](Context& c) { return start_command(c, r); };
  }
  CommandLine::Run operator()(StopRequest r) const {
    return [r](Context& c) { return stop_command(c, r); };
  }
  CommandLine::Run operator()(StartParentRequest r) const {
    return [r](Context& c) { return start_parent_mdevs_command(c, r); };
  }
  CommandLine::Run operator()(MonitorRequest) const {
    return [](Context&) -> asio::awaitable<std::string> {
      throw Error("the monitor runs as a program of its own, mdevctl-monitor");
    };
  }
};

}  // namespace

std::variant<CommandLine, EarlyExit> parse_command_line(int argc, char** argv) {
  auto parsed = parse_arguments(argc, argv);
  if (auto* early = std::get_if<EarlyExit>(&parsed)) return *early;
  auto& args = std::get<Arguments>(parsed);
  CommandLine line;
  line.root = args.root;
  line.force = args.force;
  line.jobs = args.jobs;
  line.callout_timeout = args.callout_timeout;
  line.needs_root = !std::holds_alternative<VersionRequest>(args.request);
  line.run = std::visit(Binder{}, args.request);
  line.changes_devices = std::holds_alternative<DefineRequest>(args.request) ||
                         std::holds_alternative<UndefineRequest>(args.request) ||
                         std::holds_alternative<ModifyRequest>(args.request) ||
                         std::holds_alternative<StartRequest>(args.request) ||
                         std::holds_alternative<StopRequest>(args.request) ||
                         std::holds_alternative<StartParentRequest>(args.request);
  if (auto* monitor = std::get_if<MonitorRequest>(&args.request)) line.monitor = *monitor;
  return line;
}

}  // namespace mdev

#include "cli/arguments.h"

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <vector>

namespace mdev {
namespace {

// Binds an option to a std::optional: unset unless given. `value` names the
// value in --help as a person would (UUID, FILE), not by its C++ type.
template <typename T>
CLI::Option* add_optional(CLI::App* app, const std::string& names, std::optional<T>& target,
                          const std::string& value, const std::string& help) {
  return app
      ->add_option_function<T>(
          names, [&target](const T& v) { target = v; }, help)
      ->type_name(value);
}

void add_device_options(CLI::App* app, std::optional<std::string>& uuid,
                        std::optional<std::string>& parent, const std::string& what) {
  add_optional(app, "-u,--uuid", uuid, "UUID", "UUID of the " + what);
  add_optional(app, "-p,--parent", parent, "PARENT", "Parent device of the " + what);
}

// Commands that act on one existing device must be told which.
void add_required_uuid(CLI::App* app, std::string& uuid) {
  app->add_option("-u,--uuid", uuid, "UUID of the device")->type_name("UUID")->required();
}

// A range check whose bounds --help already states in words.
template <typename T>
CLI::Validator within(T low, T high) {
  return CLI::Range(low, high).description("");
}

// CLI11 reads an empty value as 0: `-i ''` would quietly mean the first attribute.
CLI::Validator non_empty() {
  return CLI::Validator(
      [](std::string& value) { return value.empty() ? std::string("empty value") : std::string(); },
      "");
}

// CLI11's range check lets nan through: every comparison with it is false.
CLI::Validator finite() {
  return CLI::Validator(
      [](std::string& value) {
        double number = std::strtod(value.c_str(), nullptr);
        return std::isfinite(number) ? std::string() : std::string("not a finite number");
      },
      "");
}

struct Requests {
  ListRequest list;
  TypesRequest types;
  DefineRequest define;
  UndefineRequest undefine;
  ModifyRequest modify;
  StartRequest start;
  StopRequest stop;
  StartParentRequest start_parent;
  MonitorRequest monitor;
};

}  // namespace

std::variant<Arguments, EarlyExit> parse_arguments(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  std::string invoked = argc > 0 ? std::filesystem::path(argv[0]).filename().string() : "mdevctl";
  if (invoked == "lsmdev") args.insert(args.begin(), "list");
  std::reverse(args.begin(), args.end());  // CLI11 takes them reversed

  Arguments line;
  Requests r;
  bool force = false;
  CLI::App app("A mediated device management utility for Linux", "mdevctl");
  app.set_version_flag("-V,--version", kVersionLine);
  app.require_subcommand(1);
  app.fallthrough();
  app.footer("Example: mdevctl list --defined\nSee mdevctl COMMAND --help and mdevctl(8).");
  add_optional(&app, "--root", line.root, "DIR",
               "Directory to use as / (default: $MDEVCTL_ENV_ROOT, else /)");
  app.add_option("--jobs", line.jobs, "Devices handled at once, 1 to 1024 (default 16)")
      ->type_name("N")
      ->check(within(1u, 1024u));
  add_optional(&app, "--callout-timeout", line.callout_timeout, "SECONDS",
               "Seconds a call-out script may run, at most 86400 (default 30, or "
               "$MDEVCTL_CALLOUT_TIMEOUT)")
      ->check(finite())
      ->check(within(0.001, 86400.0));

  auto* list = app.add_subcommand("list", "List mediated devices");
  list->add_flag("-d,--defined", r.list.defined, "Show defined devices");
  list->add_flag("--dumpjson", r.list.dumpjson, "Output device list in json format");
  list->add_flag("-v,--verbose", r.list.verbose, "Print additional information about the devices");
  add_device_options(list, r.list.uuid, r.list.parent, "devices to list");
  list->footer(
      "Example: mdevctl list --defined --uuid 83c32df7-d52e-4ec1-9668-1f3c7e4df107 --dumpjson");

  auto* types = app.add_subcommand("types", "List available mediated device types");
  add_optional(types, "-p,--parent", r.types.parent, "PARENT",
               "Show types of this parent device only");
  types->footer("Example: mdevctl types --parent 0000:00:02.0");
  types->add_flag("--dumpjson", r.types.dumpjson, "Output types list in json format");

  auto* define = app.add_subcommand("define", "Define a persistent mediated device");
  add_device_options(define, r.define.uuid, r.define.parent, "device");
  add_optional(define, "-t,--type", r.define.type, "TYPE", "Mediated device type");
  define->add_flag("-a,--auto", r.define.autostart, "Start the device automatically");
  add_optional(define, "--jsonfile", r.define.jsonfile, "FILE",
               "Read the config from this JSON file");
  define->footer("Example: mdevctl define --parent 0000:00:02.0 --type i915-GVTg_V5_4 --auto");

  auto* undefine = app.add_subcommand("undefine", "Undefine a persistent mediated device");
  add_required_uuid(undefine, r.undefine.uuid);
  add_optional(undefine, "-p,--parent", r.undefine.parent, "PARENT",
               "Only the definition on this parent");
  undefine->footer("Example: mdevctl undefine --uuid 83c32df7-d52e-4ec1-9668-1f3c7e4df107");

  auto* modify = app.add_subcommand("modify", "Modify the definition of a mediated device");
  add_required_uuid(modify, r.modify.uuid);
  add_optional(modify, "-p,--parent", r.modify.parent, "PARENT", "Parent device of the definition");
  add_optional(modify, "-t,--type", r.modify.type, "TYPE", "New mediated device type");
  add_optional(modify, "--addattr", r.modify.addattr, "NAME", "Add an attribute with this name");
  modify->add_flag("--delattr", r.modify.delattr, "Delete an attribute (the last without --index)");
  add_optional(modify, "-i,--index", r.modify.index, "INDEX",
               "Index of the attribute to add or delete")
      ->check(non_empty());
  add_optional(modify, "--value", r.modify.value, "VALUE", "Value of the attribute to add");
  modify->add_flag("-a,--auto", r.modify.autostart, "Start the device automatically");
  modify->add_flag("-m,--manual", r.modify.manual, "Start the device manually");
  add_optional(modify, "--jsonfile", r.modify.jsonfile, "FILE",
               "Replace the config with this JSON file");
  modify->add_flag("-l,--live", r.modify.live, "Change the running device (needs --jsonfile)");
  modify->add_flag("-d,--defined", r.modify.defined, "With --live: change the definition too");
  modify->footer(
      "Example: mdevctl modify --uuid 83c32df7-d52e-4ec1-9668-1f3c7e4df107 --addattr "
      "assign_adapter --value 5");

  auto* start = app.add_subcommand("start", "Start a mediated device");
  add_device_options(start, r.start.uuid, r.start.parent, "device");
  add_optional(start, "-t,--type", r.start.type, "TYPE", "Mediated device type");
  add_optional(start, "--jsonfile", r.start.jsonfile, "FILE",
               "Read the config from this JSON file");
  start->footer("Example: mdevctl start --parent 0000:00:02.0 --type i915-GVTg_V5_4");

  auto* stop = app.add_subcommand("stop", "Stop a mediated device");
  add_required_uuid(stop, r.stop.uuid);
  stop->footer("Example: mdevctl stop --uuid 83c32df7-d52e-4ec1-9668-1f3c7e4df107");

  auto* start_parent =
      app.add_subcommand("start-parent-mdevs", "Start the auto devices of a parent (udev)");
  start_parent->group("");  // hidden: run by the udev rule
  start_parent->add_option("parents", r.start_parent.parents, "Parent devices")
      ->type_name("PARENT...");
  start_parent->add_flag("--all", r.start_parent.all, "Every parent present that has definitions");

  auto* monitor = app.add_subcommand(
      "monitor", "Autostart devices as their parents appear; report changes (runs until stopped)");
  monitor->add_option("--source", r.monitor.source, "Events from udev (default) or the kernel")
      ->type_name("udev|kernel")
      ->check(CLI::IsMember({"udev", "kernel"}));
  monitor->add_flag("--events", r.monitor.events,
                    "Print one JSON line per change of definitions, devices and parents");
  monitor
      ->add_option("--grace", r.monitor.grace,
                   "Seconds running call-outs may take after SIGTERM (default 10)")
      ->type_name("SECONDS")
      ->check(finite())
      ->check(within(0.0, 3600.0));
  monitor->footer("Example: mdevctl monitor --events");

  auto* version = app.add_subcommand("version", "Print the version");
  version->footer("Example: mdevctl version");

  for (auto* sub : {define, undefine, modify, start, stop}) {
    sub->add_flag("-f,--force", force, "Carry on when the pre call-out fails");
  }

  try {
    app.parse(args);
  } catch (const CLI::CallForHelp&) {
    return EarlyExit{0, app.help(), ""};  // the chosen subcommand's help
  } catch (const CLI::CallForVersion& e) {
    return EarlyExit{0, std::string(e.what()) + "\n", ""};
  } catch (const CLI::ParseError& e) {
    return EarlyExit{2, "", std::string("Error: ") + e.what() + "\n"};
  }
  line.force = force;
  if (*version)
    line.request = VersionRequest{};
  else if (*list)
    line.request = r.list;
  else if (*types)
    line.request = r.types;
  else if (*define)
    line.request = r.define;
  else if (*undefine)
    line.request = r.undefine;
  else if (*modify)
    line.request = r.modify;
  else if (*start)
    line.request = r.start;
  else if (*stop)
    line.request = r.stop;
  else if (*monitor)
    line.request = r.monitor;
  else
    line.request = r.start_parent;
  return line;
}

}  // namespace mdev

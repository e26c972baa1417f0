// SPDX-License-Identifier: LGPL-2.1-or-later
#include "cli/command_table.h"

#include <CLI/CLI.hpp>
#include <memory>

#include "cli/option_values.h"
#include "commands/usage.h"
#include "model/names.h"
#include "model/uuid.h"

namespace mdev {
namespace {

// Binds an option to a std::optional: unset unless given. `value` names the
// value in --help as a person would (UUID, FILE), not by its C++ type.
void add_text(CLI::App& app, const std::string& names, std::optional<std::string>& target,
              const std::string& value, const std::string& help) {
  app.add_option_function<std::string>(
         names, [&target](const std::string& v) { target = v; }, help)
      ->type_name(value);
}

// Commands that act on one existing device must be told which.
void add_required_uuid(CLI::App& app, std::string& uuid) {
  app.add_option("-u,--uuid", uuid, "UUID of the device")->type_name("UUID")->required();
}

void check_uuid_text(const std::optional<std::string>& text) {
  if (text) Uuid::parse_or_throw(*text);
}
void check_uuid_text(const std::string& text) {
  if (!text.empty()) Uuid::parse_or_throw(text);  // empty: not given (help only)
}

// The values every command checks first, by the same functions.
template <typename Request>
void check_named_values(const Request& r) {
  if constexpr (requires { r.uuid; }) check_uuid_text(r.uuid);
  if constexpr (requires { r.parent; }) {
    if (r.parent) check_parent_name(*r.parent);
  }
}

// A command whose request `Request` is filled by `options` and checked by
// check_usage (when it has one); execute(Context&, Request) runs it.
template <typename Request, typename Options>
std::function<DeclaredOptions(CLI::App&)> takes(Options options) {
  return [options](CLI::App& app) {
    auto request = std::make_shared<Request>();
    options(app, *request);
    DeclaredOptions declared;
    declared.check_usage = [request] {
      if constexpr (requires(const Request& r) { check_usage(r); }) check_usage(*request);
    };
    declared.check_values = [request] { check_named_values(*request); };
    declared.bind = [request](CommandLine& line) { line.request = *request; };
    return declared;
  };
}

void no_options(CLI::App&, VersionRequest&) {}

void list_options(CLI::App& app, ListRequest& r) {
  app.add_flag("-d,--defined", r.defined, "Show defined devices");
  app.add_flag("--dumpjson", r.dumpjson, "Output device list in json format");
  app.add_flag("-v,--verbose", r.verbose, "Print additional information about the devices");
  add_text(app, "-u,--uuid", r.uuid, "UUID", "UUID of the devices to list");
  add_text(app, "-p,--parent", r.parent, "PARENT", "Parent device of the devices to list");
}

void types_options(CLI::App& app, TypesRequest& r) {
  add_text(app, "-p,--parent", r.parent, "PARENT", "Show types of this parent device only");
  app.add_flag("--dumpjson", r.dumpjson, "Output types list in json format");
}

void define_options(CLI::App& app, DefineRequest& r) {
  add_text(app, "-u,--uuid", r.uuid, "UUID", "UUID of the device");
  add_text(app, "-p,--parent", r.parent, "PARENT", "Parent device of the device");
  add_text(app, "-t,--type", r.type, "TYPE", "Mediated device type");
  app.add_flag("-a,--auto", r.autostart, "Start the device automatically");
  add_text(app, "--jsonfile", r.jsonfile, "FILE", "Read the config from this JSON file");
  add_text(app, "--count", r.count, "N",
           "Define N devices on the free VFs of the SR-IOV PF given as --parent");
}

void undefine_options(CLI::App& app, UndefineRequest& r) {
  add_required_uuid(app, r.uuid);
  add_text(app, "-p,--parent", r.parent, "PARENT", "Only the definition on this parent");
}

void modify_options(CLI::App& app, ModifyRequest& r) {
  add_required_uuid(app, r.uuid);
  add_text(app, "-p,--parent", r.parent, "PARENT", "Parent device of the definition");
  add_text(app, "-t,--type", r.type, "TYPE", "New mediated device type");
  add_text(app, "--addattr", r.addattr, "NAME", "Add an attribute with this name");
  app.add_flag("--delattr", r.delattr, "Delete an attribute (the last without --index)");
  app.add_option_function<std::string>(
         "-i,--index", [&r](const std::string& v) { r.index = read_index(v); },
         "Index of the attribute to add or delete")
      ->type_name("INDEX");
  add_text(app, "--value", r.value, "VALUE", "Value of the attribute to add");
  app.add_flag("-a,--auto", r.autostart, "Start the device automatically");
  app.add_flag("-m,--manual", r.manual, "Start the device manually");
  add_text(app, "--jsonfile", r.jsonfile, "FILE", "Replace the config with this JSON file");
  app.add_flag("-l,--live", r.live, "Change the running device (needs --jsonfile)");
  app.add_flag("-d,--defined", r.defined, "With --live: change the definition too");
}

void start_options(CLI::App& app, StartRequest& r) {
  add_text(app, "-u,--uuid", r.uuid, "UUID", "UUID of the device");
  add_text(app, "-p,--parent", r.parent, "PARENT", "Parent device of the device");
  add_text(app, "-t,--type", r.type, "TYPE", "Mediated device type");
  add_text(app, "--jsonfile", r.jsonfile, "FILE", "Read the config from this JSON file");
}

void stop_options(CLI::App& app, StopRequest& r) {
  add_required_uuid(app, r.uuid);
}

void start_parent_options(CLI::App& app, StartParentRequest& r) {
  app.add_option("parents", r.parents, "Parent devices")->type_name("PARENT...");
  app.add_flag("--all", r.all, "Every parent present that has definitions");
}

void monitor_options(CLI::App& app, MonitorRequest& r) {
  app.add_option_function<std::string>(
         "--source",
         [&r](const std::string& v) {
           r.source = read_choice(v, "--source", {"udev", "kernel"});
         },
         "Events from udev (default) or the kernel")
      ->type_name("udev|kernel");
  app.add_flag("--events", r.events,
               "Print one JSON line per change of definitions, devices and parents");
  app.add_option_function<std::string>(
         "--grace", [&r](const std::string& v) { r.grace = read_seconds(v, "--grace", 0, 3600); },
         "Seconds running call-outs may take after SIGTERM (default 10)")
      ->type_name("SECONDS");
  app.add_option_function<std::string>(
         "--vgpu-retry",
         [&r](const std::string& v) { r.vgpu_retry = read_seconds(v, "--vgpu-retry", 0, 86400); },
         "Seconds a vGPU VF's auto device is retried while its type cannot be created (default "
         "600)")
      ->type_name("SECONDS");
}

std::vector<CommandSpec> make_table() {
  return {
      {.name = "list",
       .summary = "List mediated devices",
       .example = "mdevctl list --defined --uuid 83c32df7-d52e-4ec1-9668-1f3c7e4df107 --dumpjson",
       .declare = takes<ListRequest>(list_options)},
      {.name = "types",
       .summary = "List available mediated device types",
       .example = "mdevctl types --parent 0000:00:02.0",
       .declare = takes<TypesRequest>(types_options)},
      {.name = "define",
       .summary = "Define a persistent mediated device",
       .example = "mdevctl define --parent 0000:00:02.0 --type i915-GVTg_V5_4 --auto",
       .changes_devices = true,
       .declare = takes<DefineRequest>(define_options)},
      {.name = "undefine",
       .summary = "Undefine a persistent mediated device",
       .example = "mdevctl undefine --uuid 83c32df7-d52e-4ec1-9668-1f3c7e4df107",
       .changes_devices = true,
       .declare = takes<UndefineRequest>(undefine_options)},
      {.name = "modify",
       .summary = "Modify the definition of a mediated device",
       .example = "mdevctl modify --uuid 83c32df7-d52e-4ec1-9668-1f3c7e4df107 --addattr "
                  "assign_adapter --value 5",
       .changes_devices = true,
       .declare = takes<ModifyRequest>(modify_options)},
      {.name = "start",
       .summary = "Start a mediated device",
       .example = "mdevctl start --parent 0000:00:02.0 --type i915-GVTg_V5_4",
       .changes_devices = true,
       .declare = takes<StartRequest>(start_options)},
      {.name = "stop",
       .summary = "Stop a mediated device",
       .example = "mdevctl stop --uuid 83c32df7-d52e-4ec1-9668-1f3c7e4df107",
       .changes_devices = true,
       .declare = takes<StopRequest>(stop_options)},
      {.name = "start-parent-mdevs",
       .summary = "Start the auto devices of a parent (udev)",
       .example = "mdevctl start-parent-mdevs 0000:00:02.0",
       .changes_devices = true,
       .hidden = true,
       .declare = takes<StartParentRequest>(start_parent_options)},
      {.name = "monitor",
       .summary = "Autostart devices as their parents appear; report changes (runs until stopped)",
       .example = "mdevctl monitor --events",
       .declare = takes<MonitorRequest>(monitor_options)},
      {.name = "version",
       .summary = "Print the version",
       .example = "mdevctl version",
       .needs_root = false,
       .declare = takes<VersionRequest>(no_options)},
  };
}

}  // namespace

const std::vector<CommandSpec>& command_table() {
  static const std::vector<CommandSpec> table = make_table();
  return table;
}

const CommandSpec* find_command(std::string_view name) {
  for (const auto& command : command_table()) {
    if (command.name == name) return &command;
  }
  return nullptr;
}

}  // namespace mdev

// SPDX-License-Identifier: LGPL-2.1-or-later
// define: write a persistent config for a device, from options, from a JSON
// file, or from a device that is running (its attributes from the get call-out).
#include "commands/attributes.h"
#include "commands/commands.h"
#include "commands/define_count.h"
#include "commands/helpers.h"
#include "commands/usage.h"
#include "engine/lock_wait.h"
#include "engine/pipeline.h"
#include "model/names.h"

namespace mdev {
namespace {

// The device to define and whether it is running, from the options: -p/-t
// override what sysfs says of a running device (as upstream does).
Device describe_device(Context& ctx, const DefineRequest& r, const std::optional<Uuid>& given,
                       bool& running) {
  Device device{given.value_or(Uuid::random()), r.parent.value_or(""), {}};
  running = false;
  if (r.jsonfile) {
    device.config = read_config_file(*r.jsonfile);
    return device;
  }
  std::optional<ActiveDevice> active;
  if (given) active = ctx.sysfs.active_device(*given);
  running = active.has_value();
  if (!running && !r.parent) {
    throw Error("device " + given->str() +
                " is not running: specify --parent with --type or --jsonfile to define it");
  }
  if (running) {
    device.parent = r.parent.value_or(active->parent);
    device.config.type = r.type ? *r.type : active->type;
  } else {
    if (!r.type) throw Error("--type is needed to define a device that is not running");
    device.config.type = *r.type;
  }
  device.config.autostart = r.autostart;
  return device;
}

Error already_defined(const Device& device) {
  return Error("device " + device.uuid.str() + " on " + device.parent +
               " already defined: cowardly refusing to overwrite its config");
}

}  // namespace

asio::awaitable<std::string> execute(Context& ctx, DefineRequest request) {
  check_usage(request);  // also checked by the CLI, before anything is read
  if (request.count) co_return co_await define_on_free_vfs(ctx, std::move(request));
  std::optional<Uuid> given = parse_optional_uuid(request.uuid);
  check_optional_parent(request.parent);
  if (request.type) check_type_name(*request.type);

  bool running = false;
  Device device = describe_device(ctx, request, given, running);
  check_parent_name(device.parent);
  if (request.type) device.config.type = type_meant_on(ctx, device.parent, *request.type);
  check_type_name(device.config.type);
  ctx.store.refuse_linked_parent(device.parent);

  ctx.store.check_size(device);
  if (ctx.store.exists(device.parent, device.uuid)) throw already_defined(device);

  // A running device is defined with the attributes it was started with,
  // which only its call-out knows; asked once pre has let the define go ahead.
  // The lock covers the check and the write, never a call-out.
  auto write_config = [&]() -> asio::awaitable<void> {
    if (running) {
      if (auto attrs = co_await attributes_from_callout(ctx, device)) {
        device.config.attrs = std::move(*attrs);
      }
    }
    auto lock = co_await lock_definitions(ctx);
    if (ctx.store.exists(device.parent, device.uuid)) throw already_defined(device);
    ctx.store.write(device);
  };
  asio::awaitable<void> primary = write_config();
  co_await run_device_pipeline(ctx, Action::kDefine, device, std::move(primary));
  // Defining ahead of the parent is allowed (it starts when the parent
  // comes, if auto); a typo in the name would otherwise go unnoticed.
  if (!ctx.sysfs.parent_has_types(device.parent)) {
    ctx.log.warn("no parent device " + device.parent +
                 " supports mdev now: the definition is kept for when it does");
  }
  co_return given ? "" : device.uuid.str() + "\n";
}

}  // namespace mdev

// define: write a persistent config for a device, from options, from a JSON
// file, or from a device that is running but not yet defined.
#include "commands/attributes.h"
#include "commands/commands.h"
#include "commands/helpers.h"
#include "engine/pipeline.h"
#include "model/names.h"

namespace mdev {
namespace {

// Case (a): promote a running device; parent and type come from sysfs.
asio::awaitable<Device> describe_running_device(Context& ctx, const Uuid& uuid,
                                                const DefineRequest& request) {
  auto active = ctx.sysfs.active_device(uuid);
  if (!active) {
    throw Error("device " + uuid.str() +
                " is not running: specify --parent with --type or --jsonfile to define it");
  }
  if (request.parent && *request.parent != active->parent) {
    throw Error("device " + uuid.str() + " is running on parent " + active->parent + ", not " +
                *request.parent + ": specify --type to define it on " + *request.parent);
  }
  Device device{uuid, active->parent, {}};
  device.config.type = ctx.sysfs.device_type(*active);
  device.config.autostart = request.autostart;
  auto attrs = co_await attributes_from_callout(ctx, device);
  if (attrs) device.config.attrs = std::move(*attrs);
  co_return device;
}

}  // namespace

asio::awaitable<std::string> define_command(Context& ctx, DefineRequest request) {
  if (request.jsonfile && (request.type || request.autostart)) {
    throw Error("--jsonfile cannot be used with --type or --auto: the file holds both");
  }
  std::optional<Uuid> given = parse_optional_uuid(request.uuid);
  check_optional_parent(request.parent);

  Device device{given.value_or(Uuid::random()), request.parent.value_or(""), {}};
  if (request.jsonfile || request.type) {
    if (!request.parent) throw Error("--parent is needed to define a device with --type or --jsonfile");
    if (request.jsonfile) {
      device.config = read_config_file(*request.jsonfile);
    } else {
      device.config = DeviceConfig{*request.type, request.autostart, {}};
    }
  } else if (given) {
    device = co_await describe_running_device(ctx, *given, request);
  } else {
    throw Error("nothing to define: give --uuid of a running device, or --parent with --type or --jsonfile");
  }
  check_parent_name(device.parent);
  check_type_name(device.config.type);
  if (ctx.store.exists(device.parent, device.uuid)) {
    throw Error("device " + device.uuid.str() + " on " + device.parent +
                " already defined: cowardly refusing to overwrite its config");
  }

  PrimaryAction write_config = [&]() -> asio::awaitable<void> {
    ctx.store.write(device);
    co_return;
  };
  co_await run_device_pipeline(ctx, Action::kDefine, device, write_config);
  co_return given ? "" : device.uuid.str() + "\n";
}

}  // namespace mdev

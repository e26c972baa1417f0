// SPDX-License-Identifier: LGPL-2.1-or-later
// start: create a defined device, or a transient one described by options
// or a JSON file.
#include "commands/commands.h"
#include "commands/helpers.h"
#include "commands/usage.h"
#include "engine/device_start.h"
#include "model/names.h"

namespace mdev {
namespace {

Device resolve_device(const Context& ctx, const StartRequest& r, const std::optional<Uuid>& given) {
  if (r.jsonfile) {
    return Device{given.value_or(Uuid::random()), *r.parent, read_config_file(*r.jsonfile)};
  }
  if (given) {
    if (auto defined = find_single_definition(ctx, *given, r.parent)) {
      if (r.type && type_meant_on(ctx, defined->parent, *r.type) != defined->config.type) {
        throw Error("type " + *r.type + " does not match the definition of " + given->str() + " (" +
                    defined->config.type + ")");
      }
      return *defined;
    }
  }
  if (!r.parent || !r.type) {
    throw Error(given ? "device " + given->str() +
                            " is not defined: specify --parent and --type to start it"
                      : "device is insufficiently specified: give --uuid of a defined device, "
                        "or --parent with --type or --jsonfile");
  }
  return Device{given.value_or(Uuid::random()), *r.parent,
                DeviceConfig{type_meant_on(ctx, *r.parent, *r.type), false, {}}};
}

}  // namespace

asio::awaitable<std::string> execute(Context& ctx, StartRequest request) {
  check_usage(request);  // also checked by the CLI, before anything is read
  std::optional<Uuid> given = parse_optional_uuid(request.uuid);
  check_optional_parent(request.parent);
  if (request.type) check_type_name(*request.type);

  Device device = resolve_device(ctx, request, given);
  check_type_name(device.config.type);
  co_await start_device(ctx, device);
  co_return given ? "" : device.uuid.str() + "\n";
}

}  // namespace mdev

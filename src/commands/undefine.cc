// SPDX-License-Identifier: LGPL-2.1-or-later
// undefine: remove the definitions of a device; a running device stays up.
#include "commands/commands.h"
#include "commands/helpers.h"
#include "engine/lock_wait.h"
#include "engine/pipeline.h"

namespace mdev {

asio::awaitable<std::string> execute(Context& ctx, UndefineRequest request) {
  Uuid uuid = Uuid::parse_or_throw(request.uuid);
  check_optional_parent(request.parent);

  std::vector<std::string> skipped;
  std::vector<Device> definitions = ctx.store.find(uuid, request.parent, &skipped);
  log_warnings(ctx, skipped);
  if (definitions.empty()) {
    throw Error(request.parent ? "no device " + uuid.str() + " is defined on " + *request.parent
                               : "no devices match the specified uuid " + uuid.str());
  }
  std::optional<Error> first_failure;
  for (const Device& device : definitions) {
    try {
      auto remove_config = [&]() -> asio::awaitable<void> {
        auto lock = co_await lock_definitions(ctx);
        ctx.store.remove(device.parent, device.uuid);
      };
      asio::awaitable<void> primary = remove_config();
      co_await run_device_pipeline(ctx, Action::kUndefine, device, std::move(primary));
    } catch (const Error& e) {
      if (!first_failure) first_failure = e;
    }
  }
  if (first_failure) throw *first_failure;
  co_return "";
}

}  // namespace mdev

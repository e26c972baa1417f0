// SPDX-License-Identifier: LGPL-2.1-or-later
// modify: change a definition (start mode, type, attributes, or the whole
// config from a file); with --live, change the running device instead or too.
#include "commands/commands.h"
#include "commands/helpers.h"
#include "commands/usage.h"
#include "engine/lock_wait.h"
#include "engine/pipeline.h"
#include "model/names.h"

namespace mdev {
namespace {

[[noreturn]] void index_out_of_range(long index, const DeviceConfig& config) {
  std::string listing;
  for (size_t i = 0; i < config.attrs.size(); ++i) {
    listing += (i ? ", @{" : "@{") + std::to_string(i) +
               "}: " + attribute_to_compact_json(config.attrs[i]);
  }
  throw Error("attribute index " + std::to_string(index) + " is invalid; " +
              (listing.empty() ? "the device has no attributes" : "attributes are " + listing));
}

void apply_changes(const ModifyRequest& r, DeviceConfig& config) {
  if (r.type) {
    check_type_name(*r.type);
    config.type = *r.type;
  }
  if (r.autostart) config.autostart = true;
  if (r.manual) config.autostart = false;
  auto& attrs = config.attrs;
  if (r.addattr) {
    check_attribute_name(*r.addattr);
    // The config is JSON, which holds text: bytes that are not UTF-8 would
    // make a file that nothing (this parser included) reads back.
    if (!is_valid_utf8(*r.value)) {
      throw Error("invalid value " + quoted_for_error(*r.value) + " for attribute " + *r.addattr +
                  ": not valid UTF-8");
    }
    long at = r.index.value_or(static_cast<long>(attrs.size()));
    if (at < 0 || at > static_cast<long>(attrs.size())) index_out_of_range(at, config);
    attrs.insert(attrs.begin() + at, Attribute{*r.addattr, *r.value});
  }
  // Without --index, deleting from a device that has no attributes leaves
  // it as it is, as upstream does; an index names one that must exist.
  if (r.delattr && (r.index || !attrs.empty())) {
    long at = r.index.value_or(static_cast<long>(attrs.size()) - 1);
    if (at < 0 || at >= static_cast<long>(attrs.size())) index_out_of_range(at, config);
    attrs.erase(attrs.begin() + at);
  }
}

// --live: hand the new config to the running device's call-out, then tell
// the notifiers, as every change does.
asio::awaitable<void> modify_live(Context& ctx, const Uuid& uuid, const ModifyRequest& r,
                                  const DeviceConfig& wanted) {
  auto active = ctx.sysfs.active_device(uuid);
  if (!active || (r.parent && *r.parent != active->parent)) {
    throw Error("device " + uuid.str() + " is not running" +
                (r.parent ? " on " + *r.parent : std::string()) + ": nothing to change live");
  }
  Device device{uuid, active->parent, wanted};
  const std::string& running_type = active->type;
  if (wanted.type != running_type) {
    throw Error("a live change cannot change the type of " + uuid.str() + " (" + running_type +
                " to " + wanted.type + ")");
  }
  CalloutOutcome live =
      co_await ctx.callouts.call(Event::kLive, Action::kModify, State::kNone, device);
  if (live.kind == CalloutOutcome::kNoScript) {
    throw Error("no call-out script supports live changes of type " + wanted.type);
  }
  co_await ctx.callouts.notify(Action::kModify, live.failed() ? State::kFailure : State::kSuccess,
                               device);
  if (live.failed()) throw Error(live.message);
}

Error no_config(const Uuid& uuid, const std::optional<std::string>& parent) {
  return Error("no device config found for " + uuid.str() +
               (parent ? " on " + *parent : std::string()));
}

}  // namespace

asio::awaitable<std::string> execute(Context& ctx, ModifyRequest request) {
  check_usage(request);  // also checked by the CLI, before anything is read
  Uuid uuid = Uuid::parse_or_throw(request.uuid);
  check_optional_parent(request.parent);
  std::optional<DeviceConfig> from_file;
  if (request.jsonfile) from_file = read_config_file(*request.jsonfile);

  std::optional<Device> defined;
  if (!request.live || request.defined) {
    defined = find_single_definition(ctx, uuid, request.parent);
    if (!defined) throw no_config(uuid, request.parent);
  }
  if (request.live) co_await modify_live(ctx, uuid, request, *from_file);
  if (!defined) co_return "";
  if (request.type) request.type = type_meant_on(ctx, defined->parent, *request.type);

  auto change = [&](DeviceConfig config) {
    if (from_file) return *from_file;
    apply_changes(request, config);
    check_type_name(config.type);
    return config;
  };
  Device changed = *defined;
  changed.config = change(changed.config);
  ctx.store.check_size(changed);  // refused before anything runs or is written
  // The change is made again to the definition as it is under the lock:
  // another process's modify meanwhile is kept, not overwritten. The lock
  // covers the read and the write, never a call-out (pre may run mdevctl).
  auto write_config = [&]() -> asio::awaitable<void> {
    auto lock = co_await lock_definitions(ctx);
    auto now = find_single_definition(ctx, uuid, changed.parent);
    if (!now) throw no_config(uuid, changed.parent);
    changed.config = change(now->config);
    ctx.store.write(changed);
  };
  asio::awaitable<void> primary = write_config();
  co_await run_device_pipeline(ctx, Action::kModify, changed, std::move(primary));
  co_return "";
}

}  // namespace mdev

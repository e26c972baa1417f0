#include "engine/device_start.h"

#include <algorithm>
#include <cctype>

#include "async/poll_until.h"
#include "engine/kernel_actions.h"
#include "engine/vgpu_actions.h"
#include "io/file_util.h"
#include "model/names.h"

namespace mdev {

using namespace std::chrono_literals;
namespace {

std::string lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

std::string near_miss_hint(const Context& ctx, const std::string& parent) {
  for (const auto& name : ctx.sysfs.parents()) {
    if (lower(name) == lower(parent)) return ". Did you mean '" + name + "'?";
  }
  return "";
}

// Creates the device and, when it has attributes, waits (bounded) for its
// directory and writes them in order; a refused attribute removes it again.
asio::awaitable<void> create_and_configure(Context& ctx, const Device& device) {
  co_await create_in_kernel(ctx, device);
  // The kernel has made the device when the write returns; that is the answer.
  if (device.config.attrs.empty()) co_return;

  // Attributes live in the device's directory: give it a bounded moment.
  std::optional<ActiveDevice> active;
  std::function<bool()> device_appeared = [&] {
    return (active = ctx.sysfs.active_device(device.uuid)).has_value();
  };
  bool appeared = co_await async::poll_until(device_appeared, ctx.options.device_wait,
                                             async::Backoff{1ms, 5ms});
  if (!appeared) {
    throw Error("device " + device.uuid.str() + " on parent " + device.parent + " type " +
                device.config.type +
                " did not appear in sysfs after create, so its attributes cannot be written");
  }
  std::string failure;
  for (const auto& attr : device.config.attrs) {
    try {
      co_await write_attribute_in_kernel(ctx, *active, attr, device.config.type);
    } catch (const Error& e) {
      failure = e.what();
      break;
    }
  }
  if (failure.empty()) co_return;
  // Half-configured is worse than absent: take the device away again.
  try {
    co_await remove_in_kernel(ctx, *active);
    failure += "; the device was removed again";
  } catch (const KernelRefusal& refusal) {
    failure += "; removing the device again failed too: " + errno_text(refusal.code());
  } catch (const Error& remove_error) {
    failure += std::string("; ") + remove_error.what();
  }
  throw Error(failure);
}

}  // namespace

void check_startable(const Context& ctx, const Device& device) {
  const std::string& parent = device.parent;
  const std::string& type = device.config.type;
  if (auto running = ctx.sysfs.active_device(device.uuid)) {
    throw Error("device " + device.uuid.str() + " is already running on parent " + running->parent);
  }
  if (!ctx.sysfs.parent_exists(parent)) {
    // Upstream's words, which its tests and scripts match.
    throw Error("Unable to find parent device '" + parent + "'" + near_miss_hint(ctx, parent));
  }
  if (ctx.sysfs.is_vgpu_parent(parent)) return check_vgpu_startable(ctx, device);
  if (!ctx.sysfs.parent_has_types(parent)) {
    throw Error("parent device '" + parent + "' does not support mediated devices");
  }
  auto info = ctx.sysfs.type(parent, type);
  if (!info) throw Error("parent device '" + parent + "' does not support mdev type " + type);
  if (info->available_instances == 0) {
    throw Error("no available instances of " + type + " on " + parent);
  }
}

asio::awaitable<void> start_device(Context& ctx, const Device& device, PipelineRules& rules) {
  check_startable(ctx, device);
  asio::awaitable<void> create = ctx.sysfs.is_vgpu_parent(device.parent)
                                     ? create_vgpu(ctx, device)
                                     : create_and_configure(ctx, device);
  co_await run_device_pipeline(ctx, Action::kStart, device, std::move(create), rules);
}

}  // namespace mdev

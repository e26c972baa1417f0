// SPDX-License-Identifier: LGPL-2.1-or-later
#include "engine/mdev_parent.h"

#include "async/poll_until.h"
#include "engine/kernel_actions.h"
#include "io/file_util.h"
#include "model/type_names.h"

namespace mdev {
namespace {

using namespace std::chrono_literals;

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

class MdevParent final : public ParentKind {
 public:
  void check_startable(const Context& ctx, const Device& device) const override {
    const std::string& parent = device.parent;
    const std::string& type = device.config.type;
    if (!ctx.sysfs.parent_has_types(parent)) {
      throw Error("parent device '" + parent + "' does not support mediated devices");
    }
    auto info = ctx.sysfs.type(parent, type);
    if (!info) throw Error("parent device '" + parent + "' does not support mdev type " + type);
    if (info->available_instances == 0) {
      throw Error("no available instances of " + type + " on " + parent);
    }
  }
  asio::awaitable<void> create(Context& ctx, const Device& device) const override {
    return create_and_configure(ctx, device);
  }
  asio::awaitable<void> remove(Context& ctx, const ActiveDevice& device) const override {
    return remove_in_kernel(ctx, device);
  }
  std::string type_meant(const Context& ctx, const std::string& parent,
                         const std::string& given) const override {
    return mdev::type_meant(given, ctx.sysfs.types(parent), parent);
  }
  bool ready_for(const Context& ctx, const std::string& parent,
                 const std::string& type) const override {
    return ctx.sysfs.type(parent, type).has_value();
  }
  std::string awaiting(const std::string& parent, const std::string& type) const override {
    return "waiting for type " + type + " to appear on " + parent;
  }
  bool kernel_announces_devices() const override { return true; }
  bool in_json_listings() const override { return true; }
  // An mdev type shows its own files: no name from elsewhere.
  bool types_named_by_siblings() const override { return false; }
};

}  // namespace

const ParentKind& mdev_parent() {
  static const MdevParent kind;
  return kind;
}

}  // namespace mdev

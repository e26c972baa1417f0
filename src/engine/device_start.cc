#include "engine/device_start.h"

#include <algorithm>
#include <cctype>

#include "engine/deadline.h"
#include "engine/kernel_errors.h"
#include "engine/pipeline.h"
#include "io/blocking.h"
#include "io/file_util.h"
#include "model/names.h"

namespace mdev {
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

// Runs `done` when it goes out of scope, however that happens.
class OnExit {
 public:
  explicit OnExit(std::function<void()> done) : done_(std::move(done)) {}
  ~OnExit() {
    if (done_) done_();
  }
  OnExit(const OnExit&) = delete;
  OnExit& operator=(const OnExit&) = delete;

 private:
  std::function<void()> done_;
};

asio::awaitable<void> create_and_configure(Context& ctx, const Device& device,
                                           const StartHooks& hooks) {
  if (hooks.before_writes) co_await hooks.before_writes();
  OnExit writes_over(hooks.after_writes);
  const std::string where = " on parent " + device.parent + " type " + device.config.type;
  try {
    std::function<void()> write_create = [sysfs = ctx.sysfs, device] {
      sysfs.create_device(device.parent, device.config.type, device.uuid);
    };
    co_await run_on_io_threads(write_create, kSysfsWriteDeadline, "creating " + device.uuid.str());
  } catch (const SysfsWriteError& e) {
    throw Error(describe_refusal(SysfsWrite::kCreate, e.code(),
                                 "creating " + device.uuid.str() + where + " (write to create)"));
  }
  // The kernel has made the device when the write returns; that is the answer.
  if (device.config.attrs.empty()) co_return;

  // Attributes live in the device's directory: give it a bounded moment.
  std::optional<ActiveDevice> active;
  std::function<bool()> device_appeared = [&] {
    return (active = ctx.sysfs.active_device(device.uuid)).has_value();
  };
  bool appeared = co_await wait_until(device_appeared, ctx.device_wait);
  if (!appeared) {
    throw Error("device " + device.uuid.str() + where +
                " did not appear in sysfs after create, so its attributes cannot be written");
  }
  std::string failure;
  for (const auto& attr : device.config.attrs) {
    try {
      std::function<void()> write = [sysfs = ctx.sysfs, device = *active, attr] {
        sysfs.write_attribute(device, attr);
      };
      co_await run_on_io_threads(write, kSysfsWriteDeadline, "writing attribute " + attr.first);
    } catch (const SysfsWriteError& e) {
      failure = describe_refusal(SysfsWrite::kAttribute, e.code(),
                                 "writing attribute " + escaped_for_error(attr.first, 100) + "=" +
                                     escaped_for_error(attr.second, 100) + " of " +
                                     device.uuid.str() + where);
      break;
    } catch (const Error& e) {
      failure = e.what();
      break;
    }
  }
  if (failure.empty()) co_return;
  // Half-configured is worse than absent: take the device away again.
  try {
    std::function<void()> write_remove = [sysfs = ctx.sysfs, device = *active] {
      sysfs.remove_device(device);
    };
    co_await run_on_io_threads(write_remove, kSysfsWriteDeadline, "removing it");
    failure += "; the device was removed again";
  } catch (const SysfsWriteError& remove_error) {
    failure += "; removing the device again failed too: " + errno_text(remove_error.code());
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
  if (!ctx.sysfs.parent_supports_mdev(parent)) {
    throw Error("parent device '" + parent + "' does not support mediated devices");
  }
  auto info = ctx.sysfs.type(parent, type);
  if (!info) throw Error("parent device '" + parent + "' does not support mdev type " + type);
  if (info->available_instances == 0) {
    throw Error("no available instances of " + type + " on " + parent);
  }
}

asio::awaitable<void> start_device(Context& ctx, const Device& device, StartHooks hooks) {
  check_startable(ctx, device);
  PrimaryAction create = [&]() { return create_and_configure(ctx, device, hooks); };
  co_await run_device_pipeline(ctx, Action::kStart, device, create, hooks.before_notifiers);
}

}  // namespace mdev

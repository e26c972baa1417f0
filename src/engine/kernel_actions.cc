// SPDX-License-Identifier: LGPL-2.1-or-later
#include "engine/kernel_actions.h"

#include <functional>

#include "engine/kernel_errors.h"
#include "io/blocking.h"
#include "model/names.h"

namespace mdev {
namespace {

// Runs the write on the runtime's worker threads with the deadline; a refusal becomes the
// line `what` describes. The write owns copies of what it uses: after the
// deadline it may still be running while the command goes on.
asio::awaitable<void> write_in_kernel(const Context& ctx, std::function<void()> write,
                                      SysfsWrite kind, std::string deadline_what,
                                      std::string refusal_what) {
  try {
    co_await run_on_io_threads(ctx.runtime.workers(), std::move(write), kSysfsWriteDeadline,
                               std::move(deadline_what));
  } catch (const SysfsWriteError& e) {
    throw KernelRefusal(describe_refusal(kind, e.code(), refusal_what), e.code());
  }
}

std::string on_parent(const std::string& parent, const std::string& type) {
  return " on parent " + parent + " type " + type;
}

}  // namespace

asio::awaitable<void> create_in_kernel(const Context& ctx, Device device) {
  std::string uuid = device.uuid.str();
  std::string refusal =
      "creating " + uuid + on_parent(device.parent, device.config.type) + " (write to create)";
  std::function<void()> write = [sysfs = ctx.sysfs, device = std::move(device)] {
    sysfs.create_device(device.parent, device.config.type, device.uuid);
  };
  co_await write_in_kernel(ctx, std::move(write), SysfsWrite::kCreate, "creating " + uuid, refusal);
}

asio::awaitable<void> write_attribute_in_kernel(const Context& ctx, ActiveDevice device,
                                                Attribute attr, std::string type) {
  std::string refusal = "writing attribute " + escaped_for_error(attr.first, 100) + "=" +
                        escaped_for_error(attr.second, 100) + " of " + device.uuid.str() +
                        on_parent(device.parent, type);
  std::string deadline_what = "writing attribute " + attr.first;
  SysfsWrite kind =
      device.kind == DeviceKind::kVgpu ? SysfsWrite::kVgpuAttribute : SysfsWrite::kAttribute;
  std::function<void()> write = [sysfs = ctx.sysfs, device = std::move(device),
                                 attr = std::move(attr)] { sysfs.write_attribute(device, attr); };
  co_await write_in_kernel(ctx, std::move(write), kind, deadline_what, refusal);
}

asio::awaitable<void> remove_in_kernel(const Context& ctx, ActiveDevice device) {
  std::string what = "removing device " + device.uuid.str();
  std::string refusal = what + " on parent " + device.parent + " (write to remove)";
  std::function<void()> write = [sysfs = ctx.sysfs, device = std::move(device)] {
    sysfs.remove_device(device);
  };
  co_await write_in_kernel(ctx, std::move(write), SysfsWrite::kRemove, what, refusal);
}

asio::awaitable<void> enable_vfs_in_kernel(const Context& ctx, std::string pf, unsigned count) {
  std::string what = "enabling " + std::to_string(count) + " VF(s) on " + pf;
  std::function<void()> write = [sysfs = ctx.sysfs, pf, count] { sysfs.sriov().enable(pf, count); };
  co_await write_in_kernel(ctx, std::move(write), SysfsWrite::kSriov, what,
                           what + " (write to sriov_numvfs)");
}

asio::awaitable<void> set_vgpu_type_in_kernel(const Context& ctx, std::string vf, unsigned long id,
                                              std::string what) {
  std::string refusal =
      what + " (write of " + std::to_string(id) + " to " + vf + "/nvidia/current_vgpu_type)";
  std::function<void()> write = [sysfs = ctx.sysfs, vf, id] { sysfs.set_vgpu_type(vf, id); };
  co_await write_in_kernel(ctx, std::move(write), SysfsWrite::kVgpuType, what, refusal);
}

}  // namespace mdev

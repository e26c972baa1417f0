// SPDX-License-Identifier: LGPL-2.1-or-later
#pragma once
// The writes that make the kernel act, as awaitables. Each runs on the
// runtime's worker threads (a driver may sit on a write), gives up after
// kSysfsWriteDeadline, and fails with the line mdevctl prints: callers
// just await.
#include <asio/awaitable.hpp>
#include <chrono>
#include <string>

#include "engine/context.h"
#include "io/sysfs_root.h"
#include "model/error.h"

namespace mdev {

// How long a write to `create`, `remove` or an attribute may block in the
// kernel (run_on_io_threads).
inline constexpr std::chrono::seconds kSysfsWriteDeadline{10};

}  // namespace mdev

namespace mdev {

// A write the kernel refused, already described for the error line; `code`
// is its errno.
class KernelRefusal : public Error {
 public:
  KernelRefusal(const std::string& message, int code) : Error(message), code_(code) {}
  int code() const { return code_; }

 private:
  int code_;
};

// The device's UUID to its type's `create`.
asio::awaitable<void> create_in_kernel(const Context& ctx, Device device);

// One attribute of a device just made; `type` only names it in the error.
asio::awaitable<void> write_attribute_in_kernel(const Context& ctx, ActiveDevice device,
                                                Attribute attr, std::string type);

// `1` to the device's `remove`.
asio::awaitable<void> remove_in_kernel(const Context& ctx, ActiveDevice device);

// `count` to a PF's sriov_numvfs: its VFs appear.
asio::awaitable<void> enable_vfs_in_kernel(const Context& ctx, std::string pf, unsigned count);

// A type id (0 clears) to a VF's nvidia/current_vgpu_type; `what` names the
// write in the error line.
asio::awaitable<void> set_vgpu_type_in_kernel(const Context& ctx, std::string vf, unsigned long id,
                                              std::string what);

}  // namespace mdev

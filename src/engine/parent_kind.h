// SPDX-License-Identifier: LGPL-2.1-or-later
#pragma once
// The kinds of parent a device can sit on (behaviour.md sections 4 and
// 11): an mdev parent, and a VF of NVIDIA's vendor-specific VFIO. Each
// parent's kind is decided once per command, from the table in
// parent_kind.cc, and every command then asks the kind instead of asking
// "is this a VF?" itself. A third kind is one more file and one more row.
#include <asio/awaitable.hpp>
#include <string>

#include "engine/context.h"

namespace mdev {

class ParentKind {
 public:
  virtual ~ParentKind() = default;

  // Throws saying why `device` cannot start on its parent now; the parent
  // exists and the device is not running.
  virtual void check_startable(const Context& ctx, const Device& device) const = 0;
  // The primary actions of a start and of a stop.
  virtual asio::awaitable<void> create(Context& ctx, const Device& device) const = 0;
  virtual asio::awaitable<void> remove(Context& ctx, const ActiveDevice& device) const = 0;

  // The type `-t given` means on `parent` (the names rule): a type id as it
  // is, or the id of the one type it names; as given when it names none.
  virtual std::string type_meant(const Context& ctx, const std::string& parent,
                                 const std::string& given) const = 0;
  // Whether autostart can go on with `type` on the parent now: an mdev
  // driver makes its type directories soon after it registers, NVIDIA's a
  // VF's nvidia/ files soon after it binds (whether the type is creatable
  // then is the monitor's to retry). Autostart waits a bounded time for it.
  virtual bool ready_for(const Context& ctx, const std::string& parent,
                         const std::string& type) const = 0;
  // The log line for that wait.
  virtual std::string awaiting(const std::string& parent, const std::string& type) const = 0;
  // Whether the kernel announces the devices it starts (an mdev's add
  // event); otherwise the monitor reports them itself and retries the
  // starts that were not ready.
  virtual bool kernel_announces_devices() const = 0;
  // Whether unfiltered JSON listings show its devices: libvirt turns each of
  // those into an mdev node device.
  virtual bool in_json_listings() const = 0;
  // Whether a type without a name may be named by a row of another parent
  // of the same command (a VF no longer lists the type it holds).
  virtual bool types_named_by_siblings() const = 0;
};

// The kind of `parent`, decided at the first question in this command
// (ctx.kinds) and kept for the rest of it.
const ParentKind& parent_kind(const Context& ctx, const std::string& parent);

}  // namespace mdev

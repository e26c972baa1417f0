// SPDX-License-Identifier: LGPL-2.1-or-later
#pragma once
// The monitor's real event source: a libudev monitor whose netlink socket is
// watched by the event loop. Only the `mdevctl-monitor` program links it
// (and libudev): the one-shot commands stay a static binary.
#include <asio/any_io_executor.hpp>
#include <memory>

#include "io/uevent_source.h"

namespace mdev {

enum class UeventOrigin {
  kUdev,    // events after udevd has handled them (the default)
  kKernel,  // the kernel's own, for hosts and VMs without udevd
};

// Listening starts here, so nothing sent after it returns is missed. Throws
// with the reason when the socket cannot be opened.
std::unique_ptr<UeventSource> listen_for_uevents(asio::any_io_executor executor,
                                                 UeventOrigin origin);

}  // namespace mdev

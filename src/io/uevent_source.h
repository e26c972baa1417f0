// SPDX-License-Identifier: LGPL-2.1-or-later
#pragma once
// Where the monitor's events come from: udev (or the kernel) through libudev
// in the real program (io/udev_source.h), a fake fed by hand in tests.
#include <asio/awaitable.hpp>

#include "model/uevent.h"

namespace mdev {

class UeventSource {
 public:
  virtual ~UeventSource() = default;
  // The next event. Throws when the source fails or the wait is cancelled.
  virtual asio::awaitable<Uevent> next() = 0;
};

}  // namespace mdev

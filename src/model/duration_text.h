// SPDX-License-Identifier: LGPL-2.1-or-later
#pragma once
#include <chrono>
#include <string>

namespace mdev {

// "2 s", "0.100 s": a limit as messages state it.
std::string seconds_text(std::chrono::milliseconds limit);

}  // namespace mdev

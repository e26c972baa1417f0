// SPDX-License-Identifier: LGPL-2.1-or-later
#include "model/duration_text.h"

namespace mdev {

std::string seconds_text(std::chrono::milliseconds limit) {
  std::string text = std::to_string(limit.count() / 1000);
  if (auto ms = limit.count() % 1000) text += "." + std::to_string(1000 + ms).substr(1);
  return text + " s";
}

}  // namespace mdev

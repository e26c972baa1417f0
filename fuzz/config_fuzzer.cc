// SPDX-License-Identifier: LGPL-2.1-or-later
// Config files and --jsonfile: whatever the bytes, parse_config returns a
// config or throws mdev::Error; a config it returns writes back to itself.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "model/config.h"
#include "model/error.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    mdev::DeviceConfig config = mdev::parse_config(text, "fuzz");
    if (mdev::parse_config(mdev::config_to_json(config), "again") != config) std::abort();
  } catch (const mdev::Error&) {
  }
  return 0;
}

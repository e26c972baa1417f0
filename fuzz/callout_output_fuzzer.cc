// SPDX-License-Identifier: LGPL-2.1-or-later
// What call-out scripts print: the attribute list of `get` and the answer to
// the capabilities probe. Either parses or is refused; nothing else happens.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "model/capabilities.h"
#include "model/config.h"
#include "model/error.h"
#include "model/names.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    // Every name that gets through must be one a path may be built from.
    for (const auto& [name, value] : mdev::parse_attribute_list(text, "fuzz")) {
      mdev::check_attribute_name(name);
    }
  } catch (const mdev::Error&) {
  }
  mdev::parse_capabilities(text);
  return 0;
}

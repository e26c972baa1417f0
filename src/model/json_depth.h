// SPDX-License-Identifier: LGPL-2.1-or-later
#pragma once
#include <string_view>

namespace mdev {

// How deep JSON from outside may nest: configs, --jsonfile and call-out
// output. Ours nest three levels; 128 is what upstream's parser allows.
inline constexpr int kMaxJsonDepth = 128;

// Whether `text` opens more than `limit` arrays and objects inside each
// other. A scan, not a parse: it runs before anything recursive sees the
// text (a 100 KB file of '[' once crashed list and define).
bool json_nests_deeper_than(std::string_view text, int limit = kMaxJsonDepth);

}  // namespace mdev

// SPDX-License-Identifier: LGPL-2.1-or-later
#pragma once
// "Did you mean ...?" for a mistyped command or option.
#include <string>
#include <string_view>
#include <vector>

namespace mdev {

// The candidates closest to `typed` (a few edits away, or starting with
// it), best first; empty when none is close.
std::vector<std::string> nearest(std::string_view typed,
                                 const std::vector<std::string>& candidates);

// "; did you mean 'a' or 'b'?" for those, or "" for none.
std::string did_you_mean(const std::vector<std::string>& suggestions);

}  // namespace mdev

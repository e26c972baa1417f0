// SPDX-License-Identifier: LGPL-2.1-or-later
#pragma once
#include <optional>
#include <set>
#include <string>
#include <string_view>

namespace mdev {

// What a versioned call-out script answers to the capabilities probe:
// {"supports": {"events": [...], "actions": [...]}}.
struct Capabilities {
  std::set<std::string> events, actions;
};

// nullopt when `answer` is no such document: the script is then not versioned.
std::optional<Capabilities> parse_capabilities(std::string_view answer);

}  // namespace mdev

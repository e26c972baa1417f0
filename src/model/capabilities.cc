// SPDX-License-Identifier: LGPL-2.1-or-later
#include "model/capabilities.h"

#include <nlohmann/json.hpp>

#include "model/json_depth.h"

namespace mdev {
namespace {

std::optional<std::set<std::string>> string_set(const nlohmann::json& list) {
  if (!list.is_array()) return std::nullopt;
  std::set<std::string> out;
  for (const auto& item : list) {
    if (!item.is_string()) return std::nullopt;
    out.insert(item.get<std::string>());
  }
  return out;
}

}  // namespace

std::optional<Capabilities> parse_capabilities(std::string_view answer) {
  if (json_nests_deeper_than(answer)) return std::nullopt;
  auto doc = nlohmann::json::parse(answer, nullptr, false);
  if (doc.is_discarded() || !doc.is_object()) return std::nullopt;
  auto supports = doc.find("supports");
  if (supports == doc.end() || !supports->is_object()) return std::nullopt;
  auto events = string_set(supports->value("events", nlohmann::json()));
  auto actions = string_set(supports->value("actions", nlohmann::json()));
  if (!events || !actions) return std::nullopt;
  return Capabilities{std::move(*events), std::move(*actions)};
}

}  // namespace mdev

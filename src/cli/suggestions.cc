// SPDX-License-Identifier: LGPL-2.1-or-later
#include "cli/suggestions.h"

#include <algorithm>

namespace mdev {
namespace {

// Levenshtein distance, with a swap of neighbours counted as one edit
// (lsit -> list).
size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::vector<size_t>> d(a.size() + 1, std::vector<size_t>(b.size() + 1));
  for (size_t i = 0; i <= a.size(); ++i) d[i][0] = i;
  for (size_t j = 0; j <= b.size(); ++j) d[0][j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    for (size_t j = 1; j <= b.size(); ++j) {
      size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
  }
  return d[a.size()][b.size()];
}

}  // namespace

std::vector<std::string> nearest(std::string_view typed,
                                 const std::vector<std::string>& candidates) {
  if (typed.empty()) return {};
  // Short words tolerate one edit, longer ones two: "st" is not "stop".
  size_t allowed = typed.size() <= 4 ? 1 : 2;
  std::vector<std::pair<size_t, std::string>> close;
  for (const auto& candidate : candidates) {
    // The same name may be offered twice (-h of the program and of a command).
    if (std::any_of(close.begin(), close.end(),
                    [&](const auto& c) { return c.second == candidate; }))
      continue;
    size_t distance = edit_distance(typed, candidate);
    bool prefix = typed.size() >= 2 && candidate.rfind(typed, 0) == 0;
    if (distance <= allowed || prefix) close.emplace_back(prefix ? 0 : distance, candidate);
  }
  std::stable_sort(close.begin(), close.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<std::string> names;
  for (auto& [distance, name] : close) names.push_back(std::move(name));
  if (names.size() > 3) names.resize(3);
  return names;
}

std::string did_you_mean(const std::vector<std::string>& suggestions) {
  if (suggestions.empty()) return "";
  std::string text = "; did you mean ";
  for (size_t i = 0; i < suggestions.size(); ++i) {
    if (i) text += i + 1 == suggestions.size() ? " or " : ", ";
    text += "'" + suggestions[i] + "'";
  }
  return text + "?";
}

}  // namespace mdev

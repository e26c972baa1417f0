// SPDX-License-Identifier: LGPL-2.1-or-later
#include "cli/option_values.h"

#include <charconv>
#include <cmath>
#include <cstdlib>

#include "model/error.h"
#include "model/names.h"

namespace mdev {
namespace {

std::string shown(std::string_view text) {
  return quoted_for_error(std::string(text));
}

// Numbers as %g would print them, without a trailing ".0": 0.001, 86400.
std::string number_text(double value) {
  char buffer[32];
  auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, value);
  return ec == std::errc() ? std::string(buffer, end) : std::to_string(value);
}

}  // namespace

unsigned read_count(std::string_view text, std::string_view option, unsigned low, unsigned high) {
  unsigned value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size() || value < low ||
      value > high) {
    throw UsageError("invalid value " + shown(text) + " for " + std::string(option) +
                     ": give a whole number from " + std::to_string(low) + " to " +
                     std::to_string(high));
  }
  return value;
}

double read_seconds(std::string_view text, std::string_view option, double low, double high) {
  std::string copy(text);
  char* end = nullptr;
  double value = copy.empty() ? NAN : std::strtod(copy.c_str(), &end);
  // strtod also takes "inf", "nan" and hex; only plain decimals are seconds.
  bool plain = copy.find_first_not_of("0123456789.") == std::string::npos;
  if (!plain || !end || *end || !std::isfinite(value) || value < low || value > high) {
    throw UsageError("invalid value " + shown(text) + " for " + std::string(option) +
                     ": give seconds from " + number_text(low) + " to " + number_text(high) +
                     ", e.g. 30");
  }
  return value;
}

long read_index(std::string_view text) {
  long value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size()) {
    throw UsageError("invalid value " + shown(text) +
                     " for --index: give the attribute's position, 0 for the first");
  }
  return value;
}

std::string read_choice(std::string_view text, std::string_view option,
                        const std::vector<std::string>& choices) {
  for (const auto& choice : choices) {
    if (text == choice) return choice;
  }
  std::string listing;
  for (const auto& choice : choices) listing += (listing.empty() ? "" : " or ") + choice;
  throw UsageError("invalid value " + shown(text) + " for " + std::string(option) + ": give " +
                   listing);
}

}  // namespace mdev

// SPDX-License-Identifier: LGPL-2.1-or-later
#pragma once
// Numbers and choices given on the command line, read in our own words: a
// bad one is a UsageError that names the option and says what would do.
#include <string>
#include <string_view>
#include <vector>

namespace mdev {

// A whole number from `low` to `high` (--jobs).
unsigned read_count(std::string_view text, std::string_view option, unsigned low, unsigned high);
// Seconds, a finite decimal number from `low` to `high` (--callout-timeout, --grace).
double read_seconds(std::string_view text, std::string_view option, double low, double high);
// An attribute index, a whole number (range checked against the device later).
long read_index(std::string_view text);
// One of `choices` (--source).
std::string read_choice(std::string_view text, std::string_view option,
                        const std::vector<std::string>& choices);

}  // namespace mdev

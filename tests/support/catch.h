// SPDX-License-Identifier: LGPL-2.1-or-later
#pragma once
// The tests are written once for Catch2 v2 (Debian 12) and v3 (Debian 13):
// this header picks the one CMake found (MDEVCTL_CATCH2_V3) and gives the
// string matchers one name in both, match::Contains, StartsWith, EndsWith.
#ifdef MDEVCTL_CATCH2_V3
#include <catch2/catch_session.hpp>
#include <catch2/catch_test_macros.hpp>
#include <catch2/matchers/catch_matchers_string.hpp>
#else
#include <catch2/catch.hpp>
#endif
#include <string>

namespace match {

#ifdef MDEVCTL_CATCH2_V3
inline auto Contains(const std::string& text) {
  return Catch::Matchers::ContainsSubstring(text);
}
#else
inline auto Contains(const std::string& text) {
  return Catch::Matchers::Contains(text);
}
#endif
inline auto StartsWith(const std::string& text) {
  return Catch::Matchers::StartsWith(text);
}
inline auto EndsWith(const std::string& text) {
  return Catch::Matchers::EndsWith(text);
}

}  // namespace match

// SPDX-License-Identifier: LGPL-2.1-or-later
#pragma once
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace mdev {

// A device UUID: its 16 bytes, written out in lower-case hyphenated form.
// Bytes, not text: a listing holds one per definition (32,000 and more).
class Uuid {
 public:
  // Accepts any case; returns nullopt for anything that is not a UUID.
  static std::optional<Uuid> parse(std::string_view text);
  // Throws mdev::Error naming the bad text.
  static Uuid parse_or_throw(std::string_view text);
  static Uuid random();

  std::string str() const;
  // Byte order is the order of the lower-case text.
  auto operator<=>(const Uuid&) const = default;

 private:
  explicit Uuid(const std::array<uint8_t, 16>& bytes) : bytes_(bytes) {}
  std::array<uint8_t, 16> bytes_;
};

}  // namespace mdev

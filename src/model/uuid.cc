// SPDX-License-Identifier: LGPL-2.1-or-later
#include "model/uuid.h"

#include <uuid/uuid.h>

#include <algorithm>
#include <iterator>

#include "model/error.h"
#include "model/names.h"

namespace mdev {

namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

std::optional<Uuid> Uuid::parse(std::string_view text) {
  // Checked here rather than with uuid_parse: `list` parses one UUID per file
  // and uuid_parse's strtoul calls were a tenth of its time.
  if (text.size() != 36) return std::nullopt;
  std::array<uint8_t, 16> bytes{};
  size_t byte = 0;
  for (size_t i = 0; i < text.size();) {
    if (i == 8 || i == 13 || i == 18 || i == 23) {
      if (text[i++] != '-') return std::nullopt;
      continue;
    }
    int high = hex_value(text[i]), low = hex_value(text[i + 1]);
    if (high < 0 || low < 0) return std::nullopt;
    bytes[byte++] = static_cast<uint8_t>(high << 4 | low);
    i += 2;
  }
  return Uuid(bytes);
}

std::string Uuid::str() const {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  out.reserve(36);
  for (size_t i = 0; i < bytes_.size(); ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) out += '-';
    out += kDigits[bytes_[i] >> 4];
    out += kDigits[bytes_[i] & 0xf];
  }
  return out;
}

Uuid Uuid::parse_or_throw(std::string_view text) {
  auto uuid = parse(text);
  if (!uuid) throw Error("invalid UUID " + quoted_for_error(text));
  return *uuid;
}

Uuid Uuid::random() {
  uuid_t raw;
  uuid_generate_random(raw);
  std::array<uint8_t, 16> bytes;
  std::copy(std::begin(raw), std::end(raw), bytes.begin());
  return Uuid(bytes);
}

}  // namespace mdev

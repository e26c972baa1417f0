// SPDX-License-Identifier: LGPL-2.1-or-later
#include "model/names.h"

#include <string>

#include "model/error.h"

namespace mdev {
namespace {

constexpr size_t kMaxNameBytes = 255;  // NAME_MAX
constexpr size_t kMaxQuotedBytes = 100;

// Length of the UTF-8 sequence starting at text[i], or 0 when it is not one.
size_t utf8_sequence_length(std::string_view text, size_t i) {
  auto byte = [&](size_t k) { return static_cast<unsigned char>(text[k]); };
  unsigned char lead = byte(i);
  if (lead < 0x80) return 1;
  size_t length = lead >= 0xf0 && lead <= 0xf4  ? 4
                  : lead >= 0xe0                ? 3
                  : lead >= 0xc2 && lead < 0xe0 ? 2
                                                : 0;
  if (length == 0 || lead > 0xf4 || i + length > text.size()) return 0;
  for (size_t k = 1; k < length; ++k) {
    if ((byte(i + k) & 0xc0) != 0x80) return 0;
  }
  // Overlong forms, UTF-16 surrogates and code points past U+10FFFF.
  unsigned char second = byte(i + 1);
  if (lead == 0xe0 && second < 0xa0) return 0;
  if (lead == 0xed && second >= 0xa0) return 0;
  if (lead == 0xf0 && second < 0x90) return 0;
  if (lead == 0xf4 && second >= 0x90) return 0;
  return length;
}

bool is_control(unsigned char c) {
  return c < 0x20 || c == 0x7f;
}

void check_path_component(const char* what, std::string_view name) {
  auto refuse = [&](const std::string& why) {
    throw Error(std::string("invalid ") + what + " name " + quoted_for_error(name) + ": " + why);
  };
  if (name.empty()) throw Error(std::string(what) + " name must not be empty");
  if (name.find('/') != std::string_view::npos) refuse("must not contain '/'");
  if (name == "." || name == "..") refuse("not a name");
  for (char c : name) {
    if (is_control(static_cast<unsigned char>(c))) refuse("must not contain control characters");
  }
  if (!is_valid_utf8(name)) refuse("not valid UTF-8");
  if (name.size() > kMaxNameBytes) refuse("longer than 255 bytes");
}

}  // namespace

bool is_valid_utf8(std::string_view text) {
  for (size_t i = 0; i < text.size();) {
    size_t length = utf8_sequence_length(text, i);
    if (length == 0) return false;
    i += length;
  }
  return true;
}

std::string escaped_for_error(std::string_view text, size_t max_bytes) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  size_t i = 0;
  while (i < text.size() && i < max_bytes) {
    size_t length = utf8_sequence_length(text, i);
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (length == 0 || (length == 1 && is_control(c))) {
      out += "\\x";
      out += kHex[c >> 4];
      out += kHex[c & 0xf];
      ++i;
    } else {
      out.append(text.substr(i, length));
      i += length;
    }
  }
  if (i < text.size()) out += "... (" + std::to_string(text.size()) + " bytes)";
  return out;
}

std::string quoted_for_error(std::string_view text) {
  std::string escaped = escaped_for_error(text, kMaxQuotedBytes);
  // The length note stays outside the quotes.
  size_t note = text.size() > kMaxQuotedBytes ? escaped.rfind("... (") : std::string::npos;
  if (note == std::string::npos) return "'" + escaped + "'";
  return "'" + escaped.substr(0, note) + "'" + escaped.substr(note);
}

void check_parent_name(std::string_view name) {
  check_path_component("parent", name);
  // Call-out scripts live here; it can never be a parent device.
  if (name == "scripts.d") throw Error("invalid parent name 'scripts.d': reserved");
  // etc/mdevctl.d skips dot names (temp files of a write, editor files): a
  // parent named so would be defined and then never seen again.
  if (name.front() == '.') {
    throw Error("invalid parent name " + quoted_for_error(name) + ": must not start with '.'");
  }
}

void check_type_name(std::string_view name) {
  check_path_component("type", name);
}

void check_attribute_name(std::string_view name) {
  check_path_component("attribute", name);
}

}  // namespace mdev

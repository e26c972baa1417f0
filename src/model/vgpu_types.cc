// SPDX-License-Identifier: LGPL-2.1-or-later
#include "model/vgpu_types.h"

#include <uuid/uuid.h>

#include <algorithm>
#include <charconv>

namespace mdev {
namespace {

std::string_view trimmed(std::string_view text) {
  const char* blanks = " \t\r\n";
  size_t begin = text.find_first_not_of(blanks);
  if (begin == std::string_view::npos) return {};
  return text.substr(begin, text.find_last_not_of(blanks) - begin + 1);
}

}  // namespace

std::optional<unsigned long> parse_vgpu_id(std::string_view text) {
  text = trimmed(text);
  unsigned long id = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return id;
}

CreatableVgpuTypes parse_creatable_vgpu_types(std::string_view text) {
  CreatableVgpuTypes out;
  bool first = true;
  while (!text.empty()) {
    size_t end = std::min(text.find('\n'), text.size());
    std::string_view line = trimmed(text.substr(0, end));
    text.remove_prefix(std::min(text.size(), end + 1));
    if (line.empty()) continue;
    bool header = first && line.substr(0, 2) == "ID";
    first = false;
    if (header) continue;
    size_t colon = line.find(':');
    std::optional<unsigned long> id =
        colon == std::string_view::npos ? std::nullopt : parse_vgpu_id(line.substr(0, colon));
    std::string_view name = colon == std::string_view::npos ? "" : trimmed(line.substr(colon + 1));
    if (!id || *id == 0 || name.empty()) {
      out.skipped.emplace_back(line);
      continue;
    }
    out.rows.push_back(VgpuTypeRow{*id, std::string(name)});
  }
  return out;
}

bool is_vgpu_driver(std::string_view driver) {
  return std::find(std::begin(kVgpuDrivers), std::end(kVgpuDrivers), driver) !=
         std::end(kVgpuDrivers);
}

bool is_mig_backed_name(std::string_view name) {
  name = name.substr(name.find_last_of(' ') + 1);
  auto digits = [](std::string_view part) {
    return !part.empty() &&
           std::all_of(part.begin(), part.end(), [](char c) { return c >= '0' && c <= '9'; });
  };
  size_t first = name.find('-');
  if (first == std::string_view::npos) return false;
  size_t second = name.find('-', first + 1);
  if (second == std::string_view::npos) return false;
  std::string_view slices = name.substr(first + 1, second - first - 1);
  std::string_view rest = name.substr(second + 1);
  return digits(slices) && !rest.empty() && rest.front() >= '0' && rest.front() <= '9';
}

std::string vgpu_type_name(unsigned long id) {
  return "nvidia-" + std::to_string(id);
}

std::optional<unsigned long> vgpu_type_id(std::string_view type) {
  constexpr std::string_view kPrefix = "nvidia-";
  if (type.substr(0, kPrefix.size()) != kPrefix) return std::nullopt;
  std::string_view digits = type.substr(kPrefix.size());
  // Exactly the decimal text the kernel shows: no sign, blanks or leading zeros.
  if (digits.empty() || digits.front() == '0' ||
      !std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return std::nullopt;
  }
  return parse_vgpu_id(digits);
}

Uuid vgpu_uuid_of(std::string_view vf_address) {
  uuid_t ns, out;
  std::string ns_text(kVgpuUuidNamespace);
  uuid_parse(ns_text.c_str(), ns);
  uuid_generate_sha1(out, ns, vf_address.data(), vf_address.size());
  char text[37];
  uuid_unparse_lower(out, text);
  return *Uuid::parse(text);
}

}  // namespace mdev

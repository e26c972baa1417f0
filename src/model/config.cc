// SPDX-License-Identifier: LGPL-2.1-or-later
#include "model/config.h"

#include <nlohmann/json.hpp>

#include "model/error.h"
#include "model/json_depth.h"
#include "model/json_writer.h"
#include "model/names.h"

namespace mdev {

using nlohmann::ordered_json;

namespace {

// `[{}]` is how some `get` scripts say "no attributes"; in a config it is an
// attribute without a name, which is invalid.
enum class EmptyObjects { kInvalid, kMeanNone };

std::vector<Attribute> attrs_from_json(const ordered_json& attrs, std::string_view source,
                                       EmptyObjects empty = EmptyObjects::kInvalid) {
  std::vector<Attribute> out;
  if (attrs.is_null()) return out;
  if (!attrs.is_array()) {
    throw Error(std::string(source) +
                ": \"attrs\" must be an array of {\"name\": \"value\"} objects");
  }
  for (const auto& item : attrs) {
    if (item.is_object() && item.empty() && empty == EmptyObjects::kMeanNone) continue;
    if (!item.is_object() || item.size() != 1 || !item.begin().value().is_string()) {
      throw Error(std::string(source) +
                  ": each attribute must be an object with one string member, got " +
                  quoted_for_error(item.dump()));
    }
    out.emplace_back(item.begin().key(), item.begin().value().get<std::string>());
  }
  return out;
}

ordered_json parse_json(std::string_view text, std::string_view source) {
  if (json_nests_deeper_than(text)) {
    throw Error(std::string(source) + ": invalid JSON: recursion limit exceeded (more than " +
                std::to_string(kMaxJsonDepth) + " levels)");
  }
  try {
    return ordered_json::parse(text);
  } catch (const nlohmann::json::exception& e) {
    // parse_error, and out_of_range for a number such as 1e999.
    // Drop nlohmann's "[json.exception.parse_error.101] " tag: users need the position only.
    std::string_view what = e.what();
    if (auto tag_end = what.find("] "); tag_end != std::string_view::npos) {
      what.remove_prefix(tag_end + 2);
    }
    // Its "last read" quotes the offending token, which may be megabytes.
    throw Error(std::string(source) + ": invalid JSON: " + escaped_for_error(what, 200));
  }
}

DeviceConfig config_from_json(const ordered_json& doc, std::string_view source) {
  if (!doc.is_object()) throw Error(std::string(source) + ": config must be a JSON object");
  DeviceConfig config;
  auto type = doc.find("mdev_type");
  if (type == doc.end() || !type->is_string() || type->get<std::string>().empty()) {
    throw Error(std::string(source) + ": \"mdev_type\" is missing or not a string");
  }
  config.type = type->get<std::string>();
  auto start = doc.find("start");
  if (start == doc.end() || !start->is_string() || (*start != "auto" && *start != "manual")) {
    throw Error(std::string(source) + ": \"start\" must be \"auto\" or \"manual\"");
  }
  config.autostart = *start == "auto";
  auto attrs = doc.find("attrs");
  if (attrs != doc.end()) config.attrs = attrs_from_json(*attrs, source);
  return config;
}

// Builds a config from parse events without a JSON document in between: most
// of `list -d` was allocating and freeing documents. Anything unexpected makes
// it give up, and the document path then finds the exact error to report.
class ConfigBuilder final : public nlohmann::json_sax<ordered_json> {
 public:
  bool complete() const { return have_type_ && have_start_; }
  DeviceConfig take() { return std::move(config_); }

  bool null() override {
    return depth_ == 1 && key_ == "attrs" ? (config_.attrs.clear(), true) : other();
  }
  bool boolean(bool) override { return other(); }
  bool number_integer(number_integer_t) override { return other(); }
  bool number_unsigned(number_unsigned_t) override { return other(); }
  bool number_float(number_float_t, const string_t&) override { return other(); }
  bool binary(binary_t&) override { return false; }

  bool string(string_t& value) override {
    if (depth_ == 1 && key_ == "mdev_type") {
      if (value.empty()) return false;
      config_.type = std::move(value);
      have_type_ = true;
      return true;
    }
    if (depth_ == 1 && key_ == "start") {
      if (value != "auto" && value != "manual") return false;
      config_.autostart = value == "auto";
      have_start_ = true;
      return true;
    }
    if (in_attrs_ && depth_ == 3) {
      if (++members_ > 1) return false;
      config_.attrs.emplace_back(std::move(attr_name_), std::move(value));
      return true;
    }
    return other();
  }

  bool start_object(std::size_t) override {
    if (depth_ == 0 || skip_ > 0 || (depth_ == 1 && key_ != "attrs")) return enter();
    if (in_attrs_ && depth_ == 2) {
      members_ = 0;
      return enter();
    }
    return false;
  }
  bool key(string_t& name) override {
    if (skip_ > 0) return true;
    if (depth_ == 1) key_ = name;
    if (in_attrs_ && depth_ == 3) attr_name_ = std::move(name);
    return true;
  }
  bool end_object() override {
    if (in_attrs_ && depth_ == 3 && members_ == 0) return false;  // `{}`: no name
    return leave();
  }

  bool start_array(std::size_t) override {
    if (depth_ == 1 && key_ == "attrs" && skip_ == 0) {
      config_.attrs.clear();
      in_attrs_ = true;
      return enter();
    }
    if (depth_ == 0 || (in_attrs_ && depth_ >= 2 && skip_ == 0)) return false;
    return enter();
  }
  bool end_array() override {
    if (in_attrs_ && depth_ == 2 && skip_ == 0) in_attrs_ = false;
    return leave();
  }
  bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception&) override {
    return false;
  }

 private:
  // A value this format does not use: fine as an unknown member, wrong elsewhere.
  bool other() {
    return skip_ > 0 || (depth_ == 1 && key_ != "mdev_type" && key_ != "start" && key_ != "attrs");
  }
  bool enter() {
    if (depth_ >= kMaxJsonDepth) return false;
    if (skip_ > 0 || (depth_ == 1 && key_ != "attrs")) ++skip_;
    ++depth_;
    return true;
  }
  bool leave() {
    if (skip_ > 0) --skip_;
    --depth_;
    return true;
  }

  DeviceConfig config_;
  bool have_type_ = false, have_start_ = false, in_attrs_ = false;
  int depth_ = 0, skip_ = 0, members_ = 0;
  std::string key_, attr_name_;
};

// Type and attribute names become paths at start: a config that names
// `/etc/shadow` or `..` is as invalid as one that is not JSON.
// Values are written to sysfs as C strings: a NUL would cut them short.
void check_names(const std::vector<Attribute>& attrs, std::string_view source) {
  try {
    for (const auto& attr : attrs) {
      check_attribute_name(attr.first);
      if (attr.second.find('\0') != std::string::npos) {
        throw Error("the value of attribute " + quoted_for_error(attr.first) + " holds a NUL byte");
      }
    }
  } catch (const Error& e) {
    throw Error(std::string(source) + ": " + e.what());
  }
}

DeviceConfig checked(DeviceConfig config, std::string_view source) {
  try {
    check_type_name(config.type);
  } catch (const Error& e) {
    throw Error(std::string(source) + ": " + e.what());
  }
  check_names(config.attrs, source);
  return config;
}

}  // namespace

DeviceConfig parse_config(std::string_view json_text, std::string_view source) {
  // nlohmann's lexer takes a NUL byte for the end of its input, so a file
  // with one after the object would pass as that object alone.
  if (auto nul = json_text.find('\0'); nul != std::string_view::npos) {
    throw Error(std::string(source) + ": invalid JSON: a NUL byte at offset " +
                std::to_string(nul));
  }
  ConfigBuilder builder;
  if (ordered_json::sax_parse(json_text, &builder) && builder.complete()) {
    return checked(builder.take(), source);
  }
  return checked(config_from_json(parse_json(json_text, source), source), source);
}

std::vector<Attribute> parse_attribute_list(std::string_view json_text, std::string_view source) {
  while (!json_text.empty() &&
         (json_text.back() == '\0' || json_text.back() == '\n' || json_text.back() == ' ')) {
    json_text.remove_suffix(1);
  }
  if (json_text.empty()) return {};
  auto attrs = attrs_from_json(parse_json(json_text, source), source, EmptyObjects::kMeanNone);
  check_names(attrs, source);
  return attrs;
}

std::string config_to_json(const DeviceConfig& config) {
  std::string out;
  append_config_json(out, config, 0);
  return out;
}

std::string config_to_compact_json(const DeviceConfig& config) {
  std::string out = "{\"mdev_type\":";
  append_json_string(out, config.type);
  out += ",\"start\":\"";
  out += start_mode_name(config.autostart);
  out += "\",\"attrs\":[";
  for (size_t i = 0; i < config.attrs.size(); ++i) {
    if (i) out += ',';
    out += attribute_to_compact_json(config.attrs[i]);
  }
  return out + "]}";
}

std::string attribute_to_compact_json(const Attribute& attr) {
  std::string out = "{";
  append_json_string(out, attr.first);
  out += ':';
  append_json_string(out, attr.second);
  return out + '}';
}

const char* start_mode_name(bool autostart) {
  return autostart ? "auto" : "manual";
}

}  // namespace mdev

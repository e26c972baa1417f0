#include "model/config.h"

#include <nlohmann/json.hpp>

#include "model/error.h"
#include "model/json_config.h"
#include "model/json_writer.h"

namespace mdev {

using nlohmann::ordered_json;

namespace {

std::vector<Attribute> attrs_from_json(const ordered_json& attrs, std::string_view source) {
  std::vector<Attribute> out;
  if (attrs.is_null()) return out;
  if (!attrs.is_array()) {
    throw Error(std::string(source) + ": \"attrs\" must be an array of {\"name\": \"value\"} objects");
  }
  for (const auto& item : attrs) {
    if (item.is_object() && item.empty()) continue;  // `[{}]` is how some scripts say "none"
    if (!item.is_object() || item.size() != 1 || !item.begin().value().is_string()) {
      throw Error(std::string(source) +
                  ": each attribute must be an object with one string member, got " +
                  item.dump());
    }
    out.emplace_back(item.begin().key(), item.begin().value().get<std::string>());
  }
  return out;
}

ordered_json parse_json(std::string_view text, std::string_view source) {
  try {
    return ordered_json::parse(text);
  } catch (const nlohmann::json::parse_error& e) {
    // Drop nlohmann's "[json.exception.parse_error.101] " tag: users need the position only.
    std::string_view what = e.what();
    if (auto tag_end = what.find("] "); tag_end != std::string_view::npos) {
      what.remove_prefix(tag_end + 2);
    }
    throw Error(std::string(source) + ": invalid JSON: " + std::string(what));
  }
}

}  // namespace

DeviceConfig config_from_json(const ordered_json& doc, std::string_view source) {
  if (!doc.is_object()) throw Error(std::string(source) + ": config must be a JSON object");
  DeviceConfig config;
  auto type = doc.find("mdev_type");
  if (type == doc.end() || !type->is_string() || type->get<std::string>().empty()) {
    throw Error(std::string(source) + ": \"mdev_type\" is missing or not a string");
  }
  config.type = type->get<std::string>();
  auto start = doc.find("start");
  if (start == doc.end() || !start->is_string() ||
      (*start != "auto" && *start != "manual")) {
    throw Error(std::string(source) + ": \"start\" must be \"auto\" or \"manual\"");
  }
  config.autostart = *start == "auto";
  auto attrs = doc.find("attrs");
  if (attrs != doc.end()) config.attrs = attrs_from_json(*attrs, source);
  return config;
}

ordered_json config_to_ordered_json(const DeviceConfig& config) {
  ordered_json doc = ordered_json::object();
  doc["mdev_type"] = config.type;
  doc["start"] = start_mode_name(config.autostart);
  ordered_json attrs = ordered_json::array();
  for (const auto& [name, value] : config.attrs) {
    ordered_json one = ordered_json::object();
    one[name] = value;
    attrs.push_back(std::move(one));
  }
  doc["attrs"] = std::move(attrs);
  return doc;
}

DeviceConfig parse_config(std::string_view json_text, std::string_view source) {
  return config_from_json(parse_json(json_text, source), source);
}

std::vector<Attribute> parse_attribute_list(std::string_view json_text, std::string_view source) {
  while (!json_text.empty() &&
         (json_text.back() == '\0' || json_text.back() == '\n' || json_text.back() == ' ')) {
    json_text.remove_suffix(1);
  }
  if (json_text.empty()) return {};
  return attrs_from_json(parse_json(json_text, source), source);
}

std::string config_to_json(const DeviceConfig& config) {
  std::string out;
  append_config_json(out, config, 0);
  return out;
}

std::string attribute_to_compact_json(const Attribute& attr) {
  ordered_json one = ordered_json::object();
  one[attr.first] = attr.second;
  return one.dump();
}

const char* start_mode_name(bool autostart) { return autostart ? "auto" : "manual"; }

}  // namespace mdev

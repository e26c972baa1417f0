#pragma once
// For the few files that build bigger JSON documents around configs.
// Kept apart from config.h so that nlohmann/json stays out of widely included headers.
#include <nlohmann/json.hpp>
#include <string_view>

#include "model/config.h"

namespace mdev {

DeviceConfig config_from_json(const nlohmann::ordered_json& doc, std::string_view source);
nlohmann::ordered_json config_to_ordered_json(const DeviceConfig& config);

}  // namespace mdev

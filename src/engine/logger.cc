// SPDX-License-Identifier: LGPL-2.1-or-later
#include "engine/logger.h"

#include <cstdlib>

#include "model/names.h"

namespace mdev {

std::optional<LogLevel> Logger::level_named(std::string_view name) {
  if (name == "error") return LogLevel::kError;
  if (name == "warn") return LogLevel::kWarn;
  if (name == "info") return LogLevel::kInfo;
  if (name == "debug" || name == "trace") return LogLevel::kDebug;
  return std::nullopt;
}

LogLevel Logger::level_from_env(LogLevel unset) {
  const char* value = std::getenv("MDEVCTL_LOG");
  if (!value) return unset;
  return level_named(value).value_or(LogLevel::kWarn);
}

void Logger::emit(LogLevel level, std::string_view prefix, std::string_view message) {
  if (enabled(level)) sink_(std::string(prefix).append(escaped_for_error(message, kMaxLineBytes)));
}

}  // namespace mdev

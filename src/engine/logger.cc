#include "engine/logger.h"

#include <cstdlib>

#include "model/names.h"

namespace mdev {

LogLevel Logger::level_from_env(LogLevel unset) {
  const char* value = std::getenv("MDEVCTL_LOG");
  if (!value) return unset;
  std::string_view v = value;
  if (v == "error") return LogLevel::kError;
  if (v == "info") return LogLevel::kInfo;
  if (v == "debug" || v == "trace") return LogLevel::kDebug;
  return LogLevel::kWarn;
}

void Logger::emit(LogLevel level, std::string_view prefix, std::string_view message) {
  if (enabled(level)) sink_(std::string(prefix).append(escaped_for_error(message, kMaxLineBytes)));
}

}  // namespace mdev

// SPDX-License-Identifier: LGPL-2.1-or-later
#pragma once
#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace mdev {

enum class LogLevel { kError = 0, kWarn = 1, kInfo = 2, kDebug = 3 };

// Diagnostics for stderr. The CLI owns the sink; nothing below it writes to the terminal.
class Logger {
 public:
  using Sink = std::function<void(std::string_view line)>;
  Logger(LogLevel level, Sink sink) : level_(level), sink_(std::move(sink)) {}

  // MDEVCTL_LOG=error|warn|info|debug; `unset` when unset, warn when unknown.
  static LogLevel level_from_env(LogLevel unset = LogLevel::kWarn);
  // The level a name (error, warn, info, debug, trace) stands for; none for others.
  static std::optional<LogLevel> level_named(std::string_view name);

  bool enabled(LogLevel level) const { return level <= level_; }
  LogLevel level() const { return level_; }
  void error(std::string_view message) { emit(LogLevel::kError, "Error: ", message); }
  void warn(std::string_view message) { emit(LogLevel::kWarn, "Warning: ", message); }
  void info(std::string_view message) { emit(LogLevel::kInfo, "", message); }
  void debug(std::string_view message) { emit(LogLevel::kDebug, "debug: ", message); }
  // Always shown: a hint belongs to the command's output, not to the log level.
  void hint(std::string_view message) { sink_(std::string("Hint: ").append(message)); }
  // Always shown: the one-line result of a batch (autostart).
  void summary(std::string_view message) { sink_(std::string(message)); }
  // A line another Logger already formatted (and filtered), passed on as is.
  void line(std::string_view formatted) { sink_(formatted); }

 private:
  // Messages quote outside text (names, values, a script's stderr): each
  // leaves as one bounded line with control bytes escaped.
  void emit(LogLevel level, std::string_view prefix, std::string_view message);

  static constexpr size_t kMaxLineBytes = 4096;

  LogLevel level_;
  Sink sink_;
};

}  // namespace mdev

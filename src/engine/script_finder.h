#pragma once
// Which call-out script speaks for a device type (behaviour.md section 6).
#include <asio/awaitable.hpp>
#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "engine/callouts.h"
#include "engine/logger.h"
#include "io/child_process.h"
#include "io/root.h"

namespace mdev {

struct Script {
  std::filesystem::path path;
  bool established = false;  // from scripts.d: gets `-t TYPE` and no stdin for `get`
  // A versioned script lists what it supports; nothing is sent to it beyond that.
  std::optional<std::set<std::string>> events, actions;

  std::string name() const { return path.filename().string(); }
  bool supports(Event event, Action action) const;
};

// How a (parent, type) finds its script for one kind of event.
struct ScriptChoice {
  std::optional<Script> fixed;          // a locator's or a versioned script
  std::vector<Script> per_event;        // otherwise: the first that does not exit 2
};

class ScriptFinder {
 public:
  ScriptFinder(const Root& root, Logger& log, const ProcessLimits& limits);

  // `get` uses the get.d locators; every other event the command.d ones.
  asio::awaitable<ScriptChoice> find(Event event, const Device& device);
  std::vector<Script> notifiers();
  // The scripts of one directory that can run: executables, no dotfiles.
  std::vector<std::filesystem::path> executables(const std::filesystem::path& dir);

 private:
  asio::awaitable<std::optional<Script>> from_locators(const std::filesystem::path& dir,
                                                       const std::string& type);
  asio::awaitable<std::optional<Script>> versioned(const Device& device);
  asio::awaitable<std::optional<Script>> probe_versioned(const Device& device);

  const Root& root_;
  Logger& log_;
  ProcessLimits limits_;
  std::map<std::tuple<bool, std::string, std::string>, ScriptChoice> cache_;
  std::map<std::pair<std::string, std::string>, std::optional<Script>> versioned_cache_;
};

}  // namespace mdev

// SPDX-License-Identifier: LGPL-2.1-or-later
#pragma once
// Which call-out script speaks for a device type (behaviour.md section 6).
#include <asio/awaitable.hpp>
#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "async/shared_lookup.h"
#include "engine/callouts.h"
#include "engine/logger.h"
#include "engine/script_runner.h"
#include "io/child_process.h"
#include "io/root.h"
#include "io/script_trust.h"

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
  std::optional<Script> fixed;    // a locator's or a versioned script
  std::vector<Script> per_event;  // otherwise: the first that does not exit 2
  // The first established script that did not answer the capabilities probe
  // with "not my type" (exit 2): the one that claims the type.
  std::optional<std::filesystem::path> claimed_by;

  // Devices with the same name here are handled by the same script.
  std::string script_name() const;
};

// Finds scripts once per (parent, type) and run: concurrent askers of one key
// share the first one's probes.
class ScriptFinder {
 public:
  ScriptFinder(const Root& root, Logger& log, ChildProcesses& children);

  // `get` uses the get.d locators; every other event the command.d ones.
  asio::awaitable<ScriptChoice> find(Event event, const Device& device);
  // Listed once per command, as scripts are found once per (parent, type).
  const std::vector<Script>& notifiers();
  // Shared by every call-out of the command, so that hung scripts are known.
  ScriptRunner& runner() { return runner_; }

  // Which script of the per-event list last answered `event` for the
  // device's (parent, type): the next device asks it first. Scripts before
  // it in the list said "not my type" for that type, and still would.
  std::optional<Script> answered(Event event, const Device& device) const;
  void remember_answer(Event event, const Device& device, const Script& script);

 private:
  struct Probed {
    std::optional<Script> versioned;
    std::optional<std::filesystem::path> claimed_by;
  };
  asio::awaitable<ScriptChoice> look_up(bool get, const Device& device);
  asio::awaitable<std::optional<Script>> from_locators(const std::filesystem::path& dir,
                                                       const std::string& type);
  asio::awaitable<Probed> probe(const Device& device);
  // The executables of `dir` that may run (section 6, "Trust"), in name order.
  std::vector<std::filesystem::path> runnable(const std::filesystem::path& dir);
  // Asked once per script and command, which is also when it says why a
  // script is not run.
  bool trusted(const std::string& path);

  const Root& root_;
  Logger& log_;
  ScriptRunner runner_;
  async::SharedLookup<std::tuple<bool, std::string, std::string>, ScriptChoice> choices_;
  async::SharedLookup<std::pair<std::string, std::string>, Probed> probes_;
  std::optional<std::vector<Script>> notifiers_;
  std::map<std::tuple<Event, std::string, std::string>, Script> answered_;
  ScriptTrust trust_;
  std::map<std::string, bool> trusted_;  // by path
};

}  // namespace mdev

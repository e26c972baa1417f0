#include "engine/script_finder.h"

#include <sys/stat.h>
#include <unistd.h>

#include <nlohmann/json.hpp>

#include "io/file_util.h"

namespace mdev {

namespace fs = std::filesystem;

namespace {

// Vendor packages' dir first, then the deprecated one beside the definitions.
std::vector<fs::path> established_callout_dirs(const Root& root) {
  return {root.scripts_dir() / "callouts", root.config_dir() / "scripts.d/callouts"};
}

// What mdevctl offers a versioned script in the capabilities probe.
constexpr const char* kProvides =
    R"({"provides":{"version":2,"actions":["define","undefine","modify","start","stop","attributes"],)"
    R"("events":["pre","post","notify","get","live"]}})";

std::optional<std::set<std::string>> string_set(const nlohmann::json& list) {
  if (!list.is_array()) return std::nullopt;
  std::set<std::string> out;
  for (const auto& item : list) {
    if (!item.is_string()) return std::nullopt;
    out.insert(item.get<std::string>());
  }
  return out;
}

}  // namespace

bool Script::supports(Event event, Action action) const {
  return (!events || events->count(event_name(event))) &&
         (!actions || actions->count(action_name(action)));
}

ScriptFinder::ScriptFinder(const Root& root, Logger& log, const ProcessLimits& limits)
    : root_(root), log_(log), limits_(limits) {}

std::vector<fs::path> ScriptFinder::executables(const fs::path& dir) {
  std::vector<fs::path> out;
  for (const auto& name : list_directory(dir)) {
    fs::path path = dir / name;
    struct stat st;
    if (name[0] == '.') {
      log_.debug("skipping " + path.string() + ": hidden");
    } else if (::stat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode) ||
               ::access(path.c_str(), X_OK) != 0) {
      log_.debug("skipping " + path.string() + ": not an executable file");
    } else {
      out.push_back(std::move(path));
    }
  }
  return out;
}

asio::awaitable<std::optional<Script>> ScriptFinder::from_locators(const fs::path& dir,
                                                                   const std::string& type) {
  for (const auto& locator : executables(dir)) {
    std::vector<std::string> argv{locator.string(), "-t", type};
    ProcessResult located = co_await run_process(argv, "", limits_);
    std::string path = trim(located.out);
    log_.debug("locator " + locator.string() + " -t " + type + ": " + located.describe() +
               (path.empty() ? "" : ", names " + path));
    if (!located.succeeded() || path.empty()) continue;
    if (::access(path.c_str(), X_OK) != 0) {
      log_.warn("locator " + locator.filename().string() + " names " + path +
                ", which is not an executable file");
      continue;
    }
    co_return Script{path, false, std::nullopt, std::nullopt};
  }
  co_return std::nullopt;
}

asio::awaitable<std::optional<Script>> ScriptFinder::versioned(const Device& device) {
  auto key = std::make_pair(device.parent, device.config.type);
  if (auto hit = versioned_cache_.find(key); hit != versioned_cache_.end()) co_return hit->second;
  std::optional<Script> found = co_await probe_versioned(device);
  versioned_cache_[key] = found;
  co_return found;
}

asio::awaitable<std::optional<Script>> ScriptFinder::probe_versioned(const Device& device) {
  for (const auto& dir : established_callout_dirs(root_)) {
    for (const auto& path : executables(dir)) {
      std::vector<std::string> argv{path.string(), "-t", device.config.type, "-e", "get",
                                    "-a", "capabilities", "-s", "none", "-u", device.uuid.str(),
                                    "-p", device.parent};
      ProcessResult answer = co_await run_process(argv, kProvides, limits_);
      if (!answer.started || answer.exit_status == 2) continue;
      auto doc = nlohmann::json::parse(answer.out, nullptr, false);
      if (doc.is_discarded() || !doc.is_object() || !doc.contains("supports") ||
          !doc["supports"].is_object()) {
        continue;
      }
      const auto& supports = doc["supports"];
      Script script{path, true, std::nullopt, std::nullopt};
      script.events = string_set(supports.value("events", nlohmann::json()));
      script.actions = string_set(supports.value("actions", nlohmann::json()));
      if (!script.events || !script.actions) continue;
      log_.debug("versioned call-out " + path.string() + " handles " + device.config.type);
      co_return script;
    }
  }
  co_return std::nullopt;
}

asio::awaitable<ScriptChoice> ScriptFinder::find(Event event, const Device& device) {
  bool get = event == Event::kGet;
  auto key = std::make_tuple(get, device.parent, device.config.type);
  if (auto hit = cache_.find(key); hit != cache_.end()) co_return hit->second;

  ScriptChoice choice;
  fs::path locators = root_.seed_dir() / (get ? "callouts/get.d" : "callouts/command.d");
  choice.fixed = co_await from_locators(locators, device.config.type);
  if (!choice.fixed) choice.fixed = co_await versioned(device);
  if (!choice.fixed) {
    for (const auto& dir : established_callout_dirs(root_)) {
      for (auto& path : executables(dir)) {
        choice.per_event.push_back(Script{std::move(path), true, std::nullopt, std::nullopt});
      }
    }
  }
  cache_[key] = choice;
  co_return choice;
}

std::vector<Script> ScriptFinder::notifiers() {
  std::vector<Script> out;
  // The seed's notifiers get no `-t TYPE`; those of the established layout do.
  for (auto& path : executables(root_.seed_dir() / "notification/notifiers.d")) {
    out.push_back(Script{std::move(path), false, std::nullopt, std::nullopt});
  }
  for (const auto& dir : {root_.scripts_dir() / "notifiers", root_.config_dir() / "scripts.d/notifiers"}) {
    for (auto& path : executables(dir)) {
      out.push_back(Script{std::move(path), true, std::nullopt, std::nullopt});
    }
  }
  return out;
}

}  // namespace mdev

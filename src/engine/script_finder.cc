// SPDX-License-Identifier: LGPL-2.1-or-later
#include "engine/script_finder.h"

#include "io/file_util.h"
#include "model/capabilities.h"

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

}  // namespace

std::vector<fs::path> ScriptFinder::runnable(const fs::path& dir) {
  std::vector<fs::path> files = executable_files(dir);
  std::erase_if(files, [this](const fs::path& file) { return !trusted(file.string()); });
  return files;
}

bool ScriptFinder::trusted(const std::string& path) {
  auto [verdict, first_ask] = trusted_.try_emplace(path, false);
  if (!first_ask) return verdict->second;
  std::optional<std::string> problem = trust_.distrust(path);
  if (problem) log_.warn(*problem);
  verdict->second = !problem;
  return verdict->second;
}

bool Script::supports(Event event, Action action) const {
  return (!events || events->count(event_name(event))) &&
         (!actions || actions->count(action_name(action)));
}

std::string ScriptChoice::script_name() const {
  if (fixed) return fixed->path.string();
  if (claimed_by) return claimed_by->string();
  // Scripts that claim nothing in the probe may still answer an event: one
  // name for all of them, so such devices never overlap.
  return per_event.empty() ? std::string() : "(unclaimed call-outs)";
}

ScriptFinder::ScriptFinder(const Root& root, Logger& log, ChildProcesses& children)
    : root_(root), log_(log), runner_(children) {}

asio::awaitable<std::optional<Script>> ScriptFinder::from_locators(const fs::path& dir,
                                                                   const std::string& type) {
  for (const auto& locator : runnable(dir)) {
    std::vector<std::string> argv{locator.string(), "-t", type};
    std::string no_input;
    ProcessResult located = co_await runner_.run(argv, no_input);
    std::string path = trim(located.out);
    log_.debug("locator " + locator.string() + " -t " + type + ": " + located.describe() +
               (path.empty() ? "" : ", names " + path));
    if (!located.succeeded() || path.empty()) continue;
    // mdevctl's working directory is arbitrary: a relative path names no
    // fixed script.
    if (!fs::path(path).is_absolute()) {
      log_.warn("locator " + locator.filename().string() + " names " + path +
                ", which is not an absolute path");
      continue;
    }
    if (!is_executable_file(path)) {
      log_.warn("locator " + locator.filename().string() + " names " + path +
                ", which is not an executable file");
      continue;
    }
    if (!trusted(path)) continue;
    co_return Script{path, false, std::nullopt, std::nullopt};
  }
  co_return std::nullopt;
}

asio::awaitable<ScriptFinder::Probed> ScriptFinder::probe(const Device& device) {
  Probed probed;
  for (const auto& dir : established_callout_dirs(root_)) {
    for (const auto& path : runnable(dir)) {
      std::vector<std::string> argv{
          path.string(), "-t", device.config.type, "-e", "get",        "-a", "capabilities", "-s",
          "none",        "-u", device.uuid.str(),  "-p", device.parent};
      ProcessResult answer = co_await runner_.run(argv, kProvides);
      if (!answer.started || answer.exit_status == 2) continue;
      if (!probed.claimed_by) probed.claimed_by = path;
      // Asking on down the list could cost a timeout per script: the hung
      // one has claimed the type, and its calls will fail at once.
      if (answer.timed_out) co_return probed;
      auto capabilities = parse_capabilities(answer.out);
      if (!capabilities) continue;
      Script script{path, true, std::move(capabilities->events), std::move(capabilities->actions)};
      log_.debug("versioned call-out " + path.string() + " handles " + device.config.type);
      probed.versioned = script;
      co_return probed;
    }
  }
  co_return probed;
}

asio::awaitable<ScriptChoice> ScriptFinder::find(Event event, const Device& device) {
  bool get = event == Event::kGet;
  auto key = std::make_tuple(get, device.parent, device.config.type);
  // Named, not a temporary: g++ 12 destroys temporaries of a co_await twice.
  decltype(choices_)::Lookup lookup = [this, get, &device]() { return look_up(get, device); };
  co_return co_await choices_.get(key, lookup);
}

asio::awaitable<ScriptChoice> ScriptFinder::look_up(bool get, const Device& device) {
  ScriptChoice choice;
  fs::path locators = root_.seed_dir() / (get ? "callouts/get.d" : "callouts/command.d");
  choice.fixed = co_await from_locators(locators, device.config.type);
  if (!choice.fixed) {
    auto key = std::make_pair(device.parent, device.config.type);
    decltype(probes_)::Lookup run_probe = [this, &device]() { return probe(device); };
    Probed probed = co_await probes_.get(key, run_probe);
    choice.fixed = probed.versioned;
    choice.claimed_by = probed.claimed_by;
  }
  if (!choice.fixed) {
    for (const auto& dir : established_callout_dirs(root_)) {
      for (auto& path : runnable(dir)) {
        choice.per_event.push_back(Script{std::move(path), true, std::nullopt, std::nullopt});
      }
    }
  }
  co_return choice;
}

std::optional<Script> ScriptFinder::answered(Event event, const Device& device) const {
  auto found = answered_.find(std::make_tuple(event, device.parent, device.config.type));
  if (found == answered_.end()) return std::nullopt;
  return found->second;
}

void ScriptFinder::remember_answer(Event event, const Device& device, const Script& script) {
  answered_.insert_or_assign(std::make_tuple(event, device.parent, device.config.type), script);
}

const std::vector<Script>& ScriptFinder::notifiers() {
  if (notifiers_) return *notifiers_;
  std::vector<Script>& out = notifiers_.emplace();
  // The seed's notifiers get no `-t TYPE`; those of the established layout do.
  for (auto& path : runnable(root_.seed_dir() / "notification/notifiers.d")) {
    out.push_back(Script{std::move(path), false, std::nullopt, std::nullopt});
  }
  for (const auto& dir :
       {root_.scripts_dir() / "notifiers", root_.config_dir() / "scripts.d/notifiers"}) {
    for (auto& path : runnable(dir)) {
      out.push_back(Script{std::move(path), true, std::nullopt, std::nullopt});
    }
  }
  return out;
}

}  // namespace mdev

// SPDX-License-Identifier: LGPL-2.1-or-later
#include "cli/command_line.h"

#include <CLI/CLI.hpp>
#include <algorithm>
#include <filesystem>

#include "cli/command_table.h"
#include "cli/option_values.h"
#include "cli/suggestions.h"
#include "model/error.h"
#include "model/version.h"

namespace mdev {
namespace {

// The options before the command that take a value: the word after them is
// not the command.
bool takes_value(std::string_view option) {
  return option == "--root" || option == "--jobs" || option == "--callout-timeout";
}

// A first look at the words, before CLI11 parses them: where the command
// is, and whether help was asked for. Help is taken out and honoured after
// the parse, so that `--help` next to an option the command does not have
// fails like that option alone (libvirt's probe relies on it).
struct FirstLook {
  std::vector<std::string> args;  // without -h/--help
  bool help = false;
  std::string command;  // empty when none was given
  std::string topic;    // for `help TOPIC`
  // The first `--name=` with nothing after the `=`: CLI11 would take the
  // next word as its value (`undefine --uuid= U` would undefine U).
  std::string empty_value;
};

FirstLook first_look(std::vector<std::string> words, bool lsmdev) {
  FirstLook look;
  bool options_end = false;
  for (size_t i = 0; i < words.size(); ++i) {
    const std::string& word = words[i];
    if (word == "--") options_end = true;
    if (!options_end && (word == "-h" || word == "--help")) {
      look.help = true;
      continue;
    }
    if (!options_end && look.empty_value.empty() && word.size() > 3 && word.rfind("--", 0) == 0 &&
        word.find('=') == word.size() - 1) {
      look.empty_value = word.substr(0, word.size() - 1);
    }
    look.args.push_back(word);
    if (lsmdev || options_end) continue;
    if (look.command.empty()) {
      if (takes_value(word) && i + 1 < words.size()) {
        look.args.push_back(words[++i]);
      } else if (word.empty() || word[0] != '-') {
        look.command = word;
      }
    } else if (look.command == "help" && look.topic.empty() && word != "help") {
      look.topic = word;
    }
  }
  if (lsmdev) look.command = "list";
  return look;
}

std::vector<std::string> command_names() {
  std::vector<std::string> names;
  for (const auto& command : command_table()) names.emplace_back(command.name);
  return names;
}

std::vector<std::string> option_names(const CLI::App& app) {
  std::vector<std::string> names;
  for (const CLI::Option* option : app.get_options()) {
    for (const auto& name : option->get_lnames()) names.push_back("--" + name);
    for (const auto& name : option->get_snames()) names.push_back("-" + name);
  }
  return names;
}

// The parse of one command line: the CLI11 apps built from the table, the
// line they fill in, and the error texts in our words.
class Parser {
 public:
  explicit Parser(bool lsmdev)
      : lsmdev_(lsmdev),
        app_(lsmdev ? std::string(find_command("list")->summary) : description(),
             lsmdev ? "lsmdev" : "mdevctl") {
    app_.set_version_flag("-V,--version", std::string(app_.get_name()) + kVersionSuffix);
    app_.fallthrough();
    add_global_options();
    if (lsmdev_) {
      declared_["list"] = find_command("list")->declare(app_);
      app_.footer("Example: lsmdev --defined --dumpjson\nSee lsmdev(8) and mdevctl(8).");
      return;
    }
    app_.footer(
        "Example: mdevctl list --defined\nSee mdevctl help COMMAND (or mdevctl COMMAND --help) and "
        "mdevctl(8).");
    for (const auto& command : command_table()) add_command(command);
  }

  std::variant<CommandLine, EarlyExit> parse(const FirstLook& look) {
    if (look.command == "help") return help_on(look.topic);
    const CommandSpec* spec = look.command.empty() ? nullptr : find_command(look.command);
    if (!look.command.empty() && !spec) {
      return usage_error("unknown command " + quoted(look.command) +
                         did_you_mean(nearest(look.command, command_names())));
    }
    command_ = spec ? std::string(spec->name) : "";
    if (!look.empty_value.empty() && takes_a_value(look.empty_value)) {
      return usage_error(look.empty_value + " needs a value, and '" + look.empty_value +
                         "=' gives it an empty one");
    }
    try {
      std::vector<std::string> reversed(look.args.rbegin(), look.args.rend());
      try {
        app_.parse(reversed);
      } catch (const CLI::RequiredError&) {
        // The probe `modify --live --help` names no UUID; an unknown option
        // still fails it (CLI11 checks for those after the required ones).
        if (!look.help) throw;
        if (!app_.remaining(true).empty()) throw CLI::ExtrasError(app_.remaining(true));
      }
      if (!spec)
        return EarlyExit{look.help ? 0 : 2, look.help ? app_.help() : "",
                         look.help ? "" : app_.help()};
      if (look.help) {
        declared_[command_].check_values();
        return EarlyExit{0, help_of(*spec), ""};
      }
      DeclaredOptions& declared = declared_[command_];
      declared.check_usage();
      declared.bind(line_);
    } catch (const CLI::CallForVersion& e) {
      return EarlyExit{0, std::string(e.what()) + "\n", ""};
    } catch (const CLI::CallForHelp&) {  // -h inside a group of flags (-dh)
      return EarlyExit{0, spec ? help_of(*spec) : app_.help(), ""};
    } catch (const CLI::ParseError& e) {
      return usage_error(in_our_words(e));
    } catch (const UsageError& e) {
      return usage_error(e.what());
    } catch (const Error& e) {  // a value the command refuses, next to --help
      return EarlyExit{1, "", "Error: " + std::string(e.what()) + "\n"};
    }
    line_.needs_root = spec->needs_root;
    line_.changes_devices = spec->changes_devices;
    return std::move(line_);
  }

 private:
  static std::string description() { return "A mediated device management utility for Linux"; }
  static std::string quoted(std::string_view word) { return "'" + std::string(word) + "'"; }

  void add_global_options() {
    app_.add_option_function<std::string>(
            "--root", [this](const std::string& v) { line_.root = v; },
            "Directory to use as / (default: $MDEVCTL_ENV_ROOT, else /)")
        ->type_name("DIR");
    app_.add_option_function<std::string>(
            "--jobs",
            [this](const std::string& v) { line_.jobs = read_count(v, "--jobs", 1, 1024); },
            "Devices handled at once, 1 to 1024 (default 16)")
        ->type_name("N");
    app_.add_option_function<std::string>(
            "--callout-timeout",
            [this](const std::string& v) {
              line_.callout_timeout = read_seconds(v, "--callout-timeout", 0.001, 86400);
            },
            "Seconds a call-out script may run, at most 86400 (default 30, or "
            "$MDEVCTL_CALLOUT_TIMEOUT)")
        ->type_name("SECONDS");
  }

  void add_command(const CommandSpec& command) {
    CLI::App* sub = app_.add_subcommand(std::string(command.name), std::string(command.summary));
    if (command.hidden) sub->group("");
    sub->footer("Example: " + std::string(command.example));
    declared_[std::string(command.name)] = command.declare(*sub);
    if (command.changes_devices) {
      sub->add_flag("-f,--force", line_.force, "Carry on when the pre call-out fails");
    }
  }

  std::string help_of(const CommandSpec& spec) {
    return lsmdev_ ? app_.help() : app_.get_subcommand(std::string(spec.name))->help("mdevctl");
  }

  std::variant<CommandLine, EarlyExit> help_on(const std::string& topic) {
    if (topic.empty()) return EarlyExit{0, app_.help(), ""};
    if (const CommandSpec* spec = find_command(topic)) return EarlyExit{0, help_of(*spec), ""};
    return usage_error("no help on " + quoted(topic) + ", which is not a command" +
                       did_you_mean(nearest(topic, command_names())));
  }

  // CLI11's messages name its own internals ("1 required UUID missing");
  // ours say what is wrong with what was typed.
  std::string in_our_words(const CLI::ParseError& e) {
    const CLI::App& where = command_.empty() || lsmdev_ ? app_ : *app_.get_subcommand(command_);
    std::string what = e.what();
    if (dynamic_cast<const CLI::RequiredError*>(&e)) {
      return (command_.empty() ? std::string("the command") : command_) + " needs --uuid UUID";
    }
    if (dynamic_cast<const CLI::ExtrasError*>(&e)) return unexpected(where);
    if (dynamic_cast<const CLI::ArgumentMismatch*>(&e)) {
      std::string option = what.substr(0, what.find(':'));
      // CLI11 says "at most 1" both for a value after a flag and for an
      // option given twice; how often it was seen tells them apart.
      const CLI::Option* seen = where.get_option_no_throw(option);
      if (!seen) seen = app_.get_option_no_throw(option);
      if (seen && seen->count() > 1) return option + " is given more than once";
      if (what.find("missing") != std::string::npos) return option + " needs a value";
      return option + " takes no value";
    }
    return what;
  }

  std::string unexpected(const CLI::App& where) {
    std::vector<std::string> extras = app_.remaining(true);
    std::string word = extras.empty() ? std::string() : extras.front();
    std::string given = word.substr(0, word.find('='));
    if (given.size() > 1 && given[0] == '-') {
      std::vector<std::string> known = option_names(where);
      if (&where != &app_ && std::count(known.begin(), known.end(), given)) {
        return quoted(given) + " is an option of " + command_ + ": put it after the command";
      }
      for (const auto& global : option_names(app_)) known.push_back(global);
      return "unknown option " + quoted(given) +
             (command_.empty() || lsmdev_ ? std::string() : " for " + command_) +
             did_you_mean(nearest(given, known));
    }
    return "unexpected argument " + quoted(word);
  }

  // An option of the program, or of the command given, that is not a flag.
  bool takes_a_value(const std::string& name) {
    const CLI::Option* option = app_.get_option_no_throw(name);
    if (!option && !command_.empty() && !lsmdev_)
      option = app_.get_subcommand(command_)->get_option_no_throw(name);
    return option && option->get_items_expected_min() > 0;
  }

  EarlyExit usage_error(const std::string& problem) {
    std::string program = app_.get_name();
    std::string pointer = program + (command_.empty() || lsmdev_ ? "" : " " + command_) + " --help";
    return EarlyExit{2, "", "Error: " + problem + " (see '" + pointer + "')\n"};
  }

  bool lsmdev_;
  CLI::App app_;
  CommandLine line_;
  std::string command_;
  std::map<std::string, DeclaredOptions> declared_;
};

}  // namespace

std::variant<CommandLine, EarlyExit> parse_command_line(int argc, char** argv) {
  std::string invoked = argc > 0 ? std::filesystem::path(argv[0]).filename().string() : "mdevctl";
  bool lsmdev = invoked == "lsmdev";
  FirstLook look =
      first_look(std::vector<std::string>(argv + std::min(argc, 1), argv + argc), lsmdev);
  Parser parser(lsmdev);
  return parser.parse(look);
}

}  // namespace mdev

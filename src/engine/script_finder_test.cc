// SPDX-License-Identifier: LGPL-2.1-or-later
#include "engine/script_finder.h"

#include <filesystem>

#include "support/catch.h"
#include "support/script_root.h"

using namespace mdev;

namespace {

// A root with real scripts in it, found and run as mdevctl does.
struct Scripts : ScriptRoot {
  ScriptFinder finder{root, log, children};
  Device device{*Uuid::parse("00000000-0000-4000-8000-000000000001"), "p", {"t1", false, {}}};

  ScriptChoice find(Event event) {
    ScriptChoice choice;
    runtime.run([](Scripts& s, Event e, ScriptChoice& out) -> asio::awaitable<std::string> {
      out = co_await s.finder.find(e, s.device);
      co_return "";
    }(*this, event, choice));
    return choice;
  }
};

}  // namespace

TEST_CASE("Script lookup: a seed locator naming an absolute executable fixes the script") {
  Scripts s;
  s.script("usr/lib/mdevctl/vendor.sh", "exit 0");
  s.script("etc/mdevctl/callouts/command.d/10-locate",
           "[ \"$2\" = t1 ] && echo " + s.absolute("usr/lib/mdevctl/vendor.sh"));
  ScriptChoice choice = s.find(Event::kPre);
  REQUIRE(choice.fixed);
  CHECK(choice.fixed->path == s.absolute("usr/lib/mdevctl/vendor.sh"));
  CHECK(choice.script_name() == s.absolute("usr/lib/mdevctl/vendor.sh"));
}

TEST_CASE("Script lookup: a locator's relative path names nothing, and the next locator is asked") {
  Scripts s;
  s.script("usr/lib/mdevctl/vendor.sh", "exit 0");
  // Relative to the working directory it would even exist: still not taken.
  s.script("etc/mdevctl/callouts/command.d/10-relative", "echo usr/lib/mdevctl/vendor.sh");
  s.script("etc/mdevctl/callouts/command.d/20-absolute",
           "echo " + s.absolute("usr/lib/mdevctl/vendor.sh"));
  auto cwd = std::filesystem::current_path();
  std::filesystem::current_path(s.tmp.path);
  ScriptChoice choice = s.find(Event::kPre);
  std::filesystem::current_path(cwd);
  REQUIRE(choice.fixed);
  CHECK(choice.fixed->path == s.absolute("usr/lib/mdevctl/vendor.sh"));
  REQUIRE(s.warnings.size() == 1);
  CHECK(s.warnings[0].find("10-relative names usr/lib/mdevctl/vendor.sh, which is not an "
                           "absolute path") != std::string::npos);
}

TEST_CASE("Script lookup: a versioned script claims its type, one saying exit 2 is passed by") {
  Scripts s;
  s.script("usr/lib/mdevctl/scripts.d/callouts/10-other", "exit 2");
  s.script("usr/lib/mdevctl/scripts.d/callouts/20-versioned",
           "cat >/dev/null; echo '{\"supports\":{\"version\":2,\"actions\":[\"start\"],"
           "\"events\":[\"pre\",\"post\"]}}'");
  ScriptChoice choice = s.find(Event::kPre);
  REQUIRE(choice.fixed);
  CHECK(choice.fixed->name() == "20-versioned");
  CHECK(choice.fixed->supports(Event::kPre, Action::kStart));
  CHECK_FALSE(choice.fixed->supports(Event::kPre, Action::kStop));
  CHECK_FALSE(choice.fixed->supports(Event::kNotify, Action::kStart));
}

TEST_CASE("Script lookup: unversioned scripts are asked per event, under one shared name") {
  Scripts s;
  s.script("etc/mdevctl.d/scripts.d/callouts/a", "exit 0");
  s.script("usr/lib/mdevctl/scripts.d/callouts/b", "exit 0");
  ScriptChoice choice = s.find(Event::kPre);
  CHECK_FALSE(choice.fixed);
  REQUIRE(choice.per_event.size() == 2);
  // The vendor packages' directory first, then the one beside the definitions.
  CHECK(choice.per_event[0].name() == "b");
  CHECK(choice.per_event[1].name() == "a");
  CHECK(choice.claimed_by);  // b did not say exit 2
}

TEST_CASE("Script lookup: no scripts at all is no script, and no name") {
  Scripts s;
  ScriptChoice choice = s.find(Event::kPre);
  CHECK_FALSE(choice.fixed);
  CHECK(choice.per_event.empty());
  CHECK(choice.script_name().empty());
}

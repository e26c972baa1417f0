// SPDX-License-Identifier: LGPL-2.1-or-later
#include "engine/script_callouts.h"

#include "support/catch.h"
#include "support/script_root.h"

using namespace mdev;
using namespace std::chrono_literals;

namespace {

// Real scripts on a temp root, called as the pipeline calls them.
struct Host : ScriptRoot {
  ScriptCallouts callouts{root, log, children};
  Device device{
      *Uuid::parse("00000000-0000-4000-8000-000000000001"), "p", {"t1", true, {{"a", "1"}}}};

  explicit Host(ProcessLimits limits = {}) : ScriptRoot(limits) {}

  void script(const std::string& name, const std::string& body) {
    ScriptRoot::script("usr/lib/mdevctl/scripts.d/callouts/" + name, body);
  }
  CalloutOutcome call(Event event, Action action, State state) {
    return call(event, action, state, device);
  }
  CalloutOutcome call(Event event, Action action, State state, const Device& which) {
    CalloutOutcome outcome;
    runtime.run([](Host& h, Event e, Action a, State s, const Device& d,
                   CalloutOutcome& out) -> asio::awaitable<std::string> {
      out = co_await h.callouts.call(e, a, s, d);
      co_return "";
    }(*this, event, action, state, which, outcome));
    return outcome;
  }
  // Another device on the same parent, of `type`.
  Device sibling(int n, const std::string& type) const {
    return Device{*Uuid::parse("00000000-0000-4000-8000-00000000000" + std::to_string(n)),
                  "p",
                  {type, true, {}}};
  }
  // The lines a script appended to `name` beside it.
  std::string record(const std::string& name) const {
    return tmp.read("usr/lib/mdevctl/scripts.d/callouts/" + name);
  }
};

}  // namespace

TEST_CASE("Call-outs: a script gets the protocol's arguments and the config on stdin") {
  Host h;
  // The capabilities probe comes first; an unversioned script answers it with nothing.
  h.script("10-record",
           "[ \"$6\" = capabilities ] && exit 0\n"
           "echo \"$*\" >> \"$(dirname \"$0\")/args\"; cat >> \"$(dirname \"$0\")/in\"");
  CalloutOutcome outcome = h.call(Event::kPre, Action::kStart, State::kNone);
  CHECK(outcome.kind == CalloutOutcome::kSuccess);
  CHECK(h.tmp.read("usr/lib/mdevctl/scripts.d/callouts/args") ==
        "-t t1 -e pre -a start -s none -u 00000000-0000-4000-8000-000000000001 -p p\n");
  CHECK(h.tmp.read("usr/lib/mdevctl/scripts.d/callouts/in") ==
        R"({"mdev_type":"t1","start":"auto","attrs":[{"a":"1"}]})");
}

TEST_CASE("Call-outs: a failing pre names script, device and why, and passes its stderr on") {
  Host h;
  h.script("10-refuse", "echo 'no room on this card' >&2; exit 1");
  CalloutOutcome outcome = h.call(Event::kPre, Action::kStart, State::kNone);
  CHECK(outcome.failed());
  CHECK(outcome.message ==
        "pre call-out 10-refuse for 00000000-0000-4000-8000-000000000001 failed: exit status 1");
  REQUIRE(h.warnings.size() == 1);
  CHECK(h.warnings[0].find("10-refuse: no room on this card") != std::string::npos);
}

TEST_CASE("Call-outs: exit 2 is not my type, and the next script answers") {
  Host h;
  h.script("10-other", "exit 2");
  h.script("20-mine", "exit 3");
  CalloutOutcome outcome = h.call(Event::kPre, Action::kStop, State::kNone);
  CHECK(outcome.failed());
  CHECK(outcome.message.find("20-mine") != std::string::npos);
}

TEST_CASE("Call-outs: the script that answered for a parent and type is asked first next time") {
  Host h;
  // $4 is the event, $10 the UUID; the probe's event is get.
  h.script("10-other", "[ \"$4\" = pre ] && echo \"${10}\" >> \"$(dirname \"$0\")/asked\"; exit 2");
  h.script("20-mine", "exit 0");
  CHECK(h.call(Event::kPre, Action::kStart, State::kNone).kind == CalloutOutcome::kSuccess);
  CHECK(h.call(Event::kPre, Action::kStart, State::kNone, h.sibling(2, "t1")).kind ==
        CalloutOutcome::kSuccess);
  // 10-other said "not my type" for t1 once; a device of t2 asks it again.
  CHECK(h.record("asked") == "00000000-0000-4000-8000-000000000001\n");
  CHECK(h.call(Event::kPre, Action::kStart, State::kNone, h.sibling(3, "t2")).kind ==
        CalloutOutcome::kSuccess);
  CHECK(h.record("asked") ==
        "00000000-0000-4000-8000-000000000001\n00000000-0000-4000-8000-000000000003\n");
}

TEST_CASE("Call-outs: when the script that answered before says not my type, the list is asked") {
  Host h;
  h.script("10-first",
           "[ \"$4\" = pre ] && [ \"${10}\" != 00000000-0000-4000-8000-000000000001 ] && exit "
           "2\nexit 0");
  h.script("20-second",
           "[ \"$4\" = pre ] && echo \"${10}\" >> \"$(dirname \"$0\")/asked\"; exit 0");
  CHECK(h.call(Event::kPre, Action::kStart, State::kNone).kind == CalloutOutcome::kSuccess);
  CHECK(h.call(Event::kPre, Action::kStart, State::kNone, h.sibling(2, "t1")).kind ==
        CalloutOutcome::kSuccess);
  CHECK(h.record("asked") == "00000000-0000-4000-8000-000000000002\n");
}

TEST_CASE("Call-outs: a hung script times out once, and its later calls fail at once") {
  ProcessLimits limits;
  limits.timeout = 200ms;
  limits.kill_grace = 100ms;
  Host h(limits);
  h.script("10-hang", "sleep 30");
  auto started = std::chrono::steady_clock::now();
  CalloutOutcome first = h.call(Event::kPre, Action::kStart, State::kNone);
  CHECK(first.failed());
  INFO(first.message);
  CHECK(first.message.find("10-hang for 00000000-0000-4000-8000-000000000001 failed: timed out") !=
        std::string::npos);
  CalloutOutcome second = h.call(Event::kPost, Action::kStart, State::kSuccess);
  CHECK(second.failed());
  CHECK(std::chrono::steady_clock::now() - started < 5s);
}

TEST_CASE("Call-outs: no script at all is no outcome to act on") {
  Host h;
  CalloutOutcome outcome = h.call(Event::kPre, Action::kStart, State::kNone);
  CHECK(outcome.kind == CalloutOutcome::kNoScript);
}

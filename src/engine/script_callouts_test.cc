#include "engine/script_callouts.h"

#include <catch2/catch.hpp>

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
    CalloutOutcome outcome;
    loop.run([](Host& h, Event e, Action a, State s,
                CalloutOutcome& out) -> asio::awaitable<std::string> {
      out = co_await h.callouts.call(e, a, s, h.device);
      co_return "";
    }(*this, event, action, state, outcome));
    return outcome;
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

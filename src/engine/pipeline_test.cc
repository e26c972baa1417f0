// SPDX-License-Identifier: LGPL-2.1-or-later
#include "engine/pipeline.h"

#include "engine/runtime.h"
#include "model/error.h"
#include "support/catch.h"
#include "support/recording_callouts.h"
#include "support/temp_dir.h"

using namespace mdev;

namespace {

struct Harness {
  Runtime runtime;  // first: what waits on its loop goes before it
  TempDir tmp;
  Root root{tmp.path};
  SysfsRoot sysfs{root};
  ConfigStore store{root};
  RecordingCallouts callouts;
  std::vector<std::string> warnings;
  Logger log{LogLevel::kWarn, [this](std::string_view line) { warnings.emplace_back(line); }};
  Context ctx{runtime, root, sysfs, store, callouts, log};
  Device device{*Uuid::parse("00000000-0000-4000-8000-000000000001"), "p", {"t", false, {}}};

  void run(bool action_fails) {
    runtime.run([](Harness& h, bool fails) -> asio::awaitable<std::string> {
      auto action = [&h, fails]() -> asio::awaitable<void> {
        h.callouts.log.push_back("action");
        if (fails) throw Error("kernel said no");
        co_return;
      };
      asio::awaitable<void> primary = action();
      co_await run_device_pipeline(h.ctx, Action::kStart, h.device, std::move(primary));
      co_return "";
    }(*this, action_fails));
  }
};

}  // namespace

TEST_CASE("The pipeline runs pre - the action - post - then the notifiers") {
  Harness h;
  h.run(false);
  CHECK(h.callouts.log == std::vector<std::string>{"pre/start/none", "action", "post/start/success",
                                                   "notify/start/success"});
}

TEST_CASE("A failing pre skips the action and post - notifiers still hear of it") {
  Harness h;
  h.callouts.fail_pre = true;
  CHECK_THROWS_WITH(h.run(false), "script said no");
  CHECK(h.callouts.log == std::vector<std::string>{"pre/start/none", "notify/start/none"});
}

TEST_CASE("With --force the pipeline carries on past a failing pre with a warning") {
  Harness h;
  h.callouts.fail_pre = true;
  h.ctx.options.force = true;
  h.run(false);
  CHECK(h.callouts.log == std::vector<std::string>{"pre/start/none", "action", "post/start/success",
                                                   "notify/start/success"});
  REQUIRE(h.warnings.size() == 1);
  CHECK_THAT(h.warnings[0], match::Contains("--force"));
}

TEST_CASE("A failing action still runs post and notifiers with state failure") {
  Harness h;
  CHECK_THROWS_WITH(h.run(true), "kernel said no");
  CHECK(h.callouts.log == std::vector<std::string>{"pre/start/none", "action", "post/start/failure",
                                                   "notify/start/failure"});
}

TEST_CASE("A failing post is a warning - not a failure") {
  Harness h;
  h.callouts.fail_post = true;
  CHECK_NOTHROW(h.run(false));
  REQUIRE(h.warnings.size() == 1);
  CHECK_THAT(h.warnings[0], match::Contains("script said no"));
}

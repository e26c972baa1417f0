// SPDX-License-Identifier: LGPL-2.1-or-later
// The commands in-process: each on a temp root with the fake kernel and
// recorded call-outs, so a test sees the output, the definitions, the
// kernel's writes and the call-outs of one command, in order.
#include "commands/commands.h"

#include "commands/usage.h"
#include "engine/runtime.h"
#include "support/catch.h"
#include "support/fake_root.h"
#include "support/recording_callouts.h"

using namespace mdev;

namespace {

const std::string kParent = "0000:00:02.0";
const std::string kType = "i915-GVTg_V5_4";
const std::string kU = "83c32df7-d52e-4ec1-9668-1f3c7e4df107";

struct Commands {
  Runtime runtime;  // first: what waits on its loop goes before it
  FakeRoot disk;
  RecordingCallouts callouts;
  std::vector<std::string> log_lines;
  Logger log{LogLevel::kWarn, [this](std::string_view line) { log_lines.emplace_back(line); }};
  Context ctx{runtime, disk.root, disk.sysfs, disk.store, callouts, log};

  Commands() {
    std::filesystem::create_directories(disk.root.config_dir());  // as the package installs it
    disk.kernel.add_type(kParent, kType);
    disk.kernel.attribute_names = {"enable"};
  }

  // Runs one command to its end; its call-outs start afresh.
  std::string run(asio::awaitable<std::string> command) {
    callouts.log.clear();
    return runtime.run(std::move(command));
  }
  std::string definition() const {
    return disk.root.config_dir().string() + "/" + kParent + "/" + kU;
  }
};

}  // namespace

TEST_CASE("define - list -d - modify - start - list - stop - undefine, in process") {
  Commands c;
  CHECK(c.run(execute(c.ctx, DefineRequest{.uuid = kU, .parent = kParent, .type = kType})) == "");
  CHECK(c.callouts.log == std::vector<std::string>{"pre/define/none", "post/define/success",
                                                   "notify/define/success"});
  CHECK(c.run(execute(c.ctx, ListRequest{.defined = true})) ==
        kU + " " + kParent + " " + kType + " manual\n");

  ModifyRequest add{.uuid = kU, .addattr = "enable", .value = "1"};
  CHECK(c.run(execute(c.ctx, add)) == "");
  ModifyRequest autostart{.uuid = kU, .autostart = true};
  CHECK(c.run(execute(c.ctx, autostart)) == "");
  CHECK(c.run(execute(c.ctx, ListRequest{.defined = true, .verbose = true})) ==
        kU + " " + kParent + " " + kType + " auto\n  Attrs:\n    @{0}: {\"enable\":\"1\"}\n");

  CHECK(c.run(execute(c.ctx, StartRequest{.uuid = kU})) == "");
  CHECK(c.disk.kernel.log() ==
        std::vector<std::string>{"create " + kParent + " " + kU, "attr " + kU + " enable=1"});
  CHECK(c.callouts.log ==
        std::vector<std::string>{"pre/start/none", "post/start/success", "notify/start/success"});
  CHECK(c.run(execute(c.ctx, ListRequest{})) ==
        kU + " " + kParent + " " + kType + " auto (defined)\n");

  CHECK(c.run(execute(c.ctx, StopRequest{.uuid = kU})) == "");
  REQUIRE(c.disk.kernel.log().size() == 3);
  CHECK(c.disk.kernel.log().back() == "remove " + kU);
  CHECK(c.run(execute(c.ctx, UndefineRequest{.uuid = kU})) == "");
  CHECK(c.run(execute(c.ctx, ListRequest{.defined = true})) == "");
  CHECK(c.log_lines.empty());
}

TEST_CASE("define without a UUID returns the one it made - and that one is defined") {
  Commands c;
  std::string out = c.run(execute(c.ctx, DefineRequest{.parent = kParent, .type = kType}));
  REQUIRE(out.size() == 37);
  CHECK(c.run(execute(c.ctx, ListRequest{.defined = true, .uuid = out.substr(0, 36)})) ==
        out.substr(0, 36) + " " + kParent + " " + kType + " manual\n");
}

TEST_CASE("A failing pre call-out leaves the definitions and the kernel alone") {
  Commands c;
  c.run(execute(c.ctx, DefineRequest{.uuid = kU, .parent = kParent, .type = kType}));
  c.callouts.fail_pre = true;
  CHECK_THROWS_WITH(c.run(execute(c.ctx, StartRequest{.uuid = kU})), "script said no");
  CHECK(c.disk.kernel.log().empty());
  CHECK_THROWS_WITH(c.run(execute(c.ctx, UndefineRequest{.uuid = kU})), "script said no");
  CHECK(c.run(execute(c.ctx, ListRequest{.defined = true})) != "");
  c.ctx.options.force = true;  // --force: carry on past it
  c.run(execute(c.ctx, UndefineRequest{.uuid = kU}));
  CHECK(c.run(execute(c.ctx, ListRequest{.defined = true})) == "");
}

TEST_CASE("types lists the fake kernel's parent and type") {
  Commands c;
  CHECK(c.run(execute(c.ctx, TypesRequest{})) == kParent + "\n  " + kType +
                                                     "\n    Available instances: 1000\n"
                                                     "    Device API: vfio-pci\n");
  CHECK(c.run(execute(c.ctx, TypesRequest{.parent = "0000:00:09.0"})) == "");
  CHECK(c.log_lines ==
        std::vector<std::string>{"Warning: no parent device 0000:00:09.0 supports mdev"});
}

TEST_CASE("start-parent-mdevs starts the parent's auto devices - not the manual ones") {
  Commands c;
  const std::string manual = "00000000-0000-4000-8000-000000000002";
  c.run(execute(c.ctx,
                DefineRequest{.uuid = kU, .parent = kParent, .type = kType, .autostart = true}));
  c.run(execute(c.ctx, DefineRequest{.uuid = manual, .parent = kParent, .type = kType}));
  c.run(execute(c.ctx, StartParentRequest{.parents = {kParent}}));
  CHECK(c.disk.kernel.log() == std::vector<std::string>{"create " + kParent + " " + kU});
  CHECK(c.log_lines ==
        std::vector<std::string>{kParent + ": 1 started, 0 already running, 0 failed"});
}

TEST_CASE("modify --delattr on a device without attributes leaves the definition as it is") {
  Commands c;
  c.run(execute(c.ctx, DefineRequest{.uuid = kU, .parent = kParent, .type = kType}));
  CHECK(c.run(execute(c.ctx, ModifyRequest{.uuid = kU, .delattr = true})) == "");
  CHECK(c.run(execute(c.ctx, ListRequest{.defined = true, .verbose = true})) ==
        kU + " " + kParent + " " + kType + " manual\n");
  CHECK_THROWS_WITH(c.run(execute(c.ctx, ModifyRequest{.uuid = kU, .index = 0, .delattr = true})),
                    "attribute index 0 is invalid; the device has no attributes");
}

TEST_CASE("Commands refuse option combinations as usage errors - before touching anything") {
  Commands c;
  CHECK_THROWS_AS(
      c.run(execute(c.ctx, ModifyRequest{.uuid = kU, .autostart = true, .manual = true})),
      UsageError);
  CHECK_THROWS_AS(c.run(execute(c.ctx, DefineRequest{})), UsageError);
  CHECK_THROWS_AS(c.run(execute(c.ctx, StartRequest{.parent = kParent})), UsageError);
  CHECK_THROWS_AS(c.run(execute(c.ctx, StartParentRequest{})), UsageError);
  CHECK_THROWS_AS(check_usage(ModifyRequest{.uuid = kU, .addattr = "a"}), UsageError);
  CHECK_NOTHROW(check_usage(ModifyRequest{.uuid = kU, .jsonfile = "f", .live = true}));
  CHECK(c.callouts.log.empty());
}

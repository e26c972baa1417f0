#include <catch2/catch.hpp>

#include "blackbox/harness.h"

using blackbox::FixtureRoot;

TEST_CASE("libvirt's probe for modify --live support exits 0") {
  FixtureRoot root("");
  auto run = root.mdevctl({"modify", "--defined", "--live", "--jsonfile", "b", "--help"});
  CHECK(run.status == 0);
  CHECK_THAT(run.out, Catch::Contains("--live") && Catch::Contains("--jsonfile"));
}

TEST_CASE("Every command has help") {
  FixtureRoot root("");
  for (const char* command : {"list", "types", "define", "undefine", "modify", "start", "stop"}) {
    CAPTURE(command);
    auto run = root.mdevctl({command, "--help"});
    CHECK(run.status == 0);
    CHECK_THAT(run.out, Catch::Contains(std::string("mdevctl ") + command));
  }
  auto top = root.mdevctl({"--help"});
  CHECK(top.status == 0);
  CHECK(top.out.find("start-parent-mdevs") == std::string::npos);  // hidden: udev runs it
}

TEST_CASE("Usage errors are one line and exit 2") {
  FixtureRoot root("");
  for (auto args : {std::vector<std::string>{"list", "--bogus"}, {"frobnicate"}, {}, {"stop"}}) {
    CAPTURE(args);
    auto run = root.mdevctl(args);
    CHECK(run.status == 2);
    CHECK_THAT(run.err, Catch::StartsWith("Error: "));
    CHECK(run.err.find('\n') == run.err.size() - 1);
  }
}

TEST_CASE("version and --version") {
  FixtureRoot root("");
  const std::string line =
      "mdevctl " MDEVCTL_VERSION " (mdevctl-cpp, a reimplementation; not an upstream release)\n";
  CHECK(root.mdevctl({"--version"}).out == line);
  CHECK(root.mdevctl({"version"}).out == line);
}

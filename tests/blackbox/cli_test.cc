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

namespace {

// mdevctl on `root` with its stdout redirected by a shell (`>/dev/full`, `>&-`).
blackbox::Run with_stdout(const FixtureRoot& root, const std::string& redirect,
                          const std::vector<std::string>& args) {
  std::vector<std::string> argv{"/bin/sh", "-c", "exec \"$0\" \"$@\" " + redirect,
                                blackbox::mdevctl_binary()};
  argv.insert(argv.end(), args.begin(), args.end());
  return blackbox::run_program(argv, "", {"MDEVCTL_ENV_ROOT=" + root.dir().string()});
}

}  // namespace

TEST_CASE("Output that cannot be written is an error - not a silent exit 0") {
  FixtureRoot root("gvt-g");
  for (const std::string& redirect : {std::string(">/dev/full"), std::string(">&-")}) {
    CAPTURE(redirect);
    auto run = with_stdout(root, redirect, {"list", "-d"});
    CHECK(run.status == 1);
    CHECK_THAT(run.err, Catch::StartsWith("Error: cannot write the output to stdout ("));
    CHECK(run.err.find('\n') == run.err.size() - 1);
  }
  CHECK_THAT(with_stdout(root, ">/dev/full", {"types"}).err,
             Catch::Contains("(No space left on device)"));
  CHECK_THAT(with_stdout(root, ">&-", {"types"}).err, Catch::Contains("(Bad file descriptor)"));
  // Nothing to print, nothing lost.
  CHECK(with_stdout(root, ">&-", {"list", "-d", "-p", "nosuch"}).status == 0);
}

TEST_CASE("define that cannot print the UUID it generated says which one") {
  FixtureRoot root("gvt-g");
  auto run =
      with_stdout(root, ">/dev/full", {"define", "-p", "0000:00:02.0", "-t", "i915-GVTg_V5_8"});
  CHECK(run.status == 1);
  const std::string marker = "; it was: ";
  auto at = run.err.find(marker);
  REQUIRE(at != std::string::npos);
  std::string uuid = run.err.substr(at + marker.size(), 36);
  CHECK(run.err == "Error: cannot write the output to stdout (No space left on device)" + marker +
                       uuid + "\n");
  // The definition it made is the one the error names.
  CHECK(std::filesystem::exists(root.path("etc/mdevctl.d/0000:00:02.0/" + uuid)));
}

// SPDX-License-Identifier: LGPL-2.1-or-later
#include "blackbox/harness.h"
#include "support/catch.h"

namespace fs = std::filesystem;
using blackbox::FixtureRoot;

TEST_CASE("libvirt's probe for modify --live support exits 0") {
  FixtureRoot root("");
  auto run = root.mdevctl({"modify", "--defined", "--live", "--jsonfile", "b", "--help"});
  CHECK(run.status == 0);
  CHECK_THAT(run.out, match::Contains("--live") && match::Contains("--jsonfile"));
}

TEST_CASE("Every command has help") {
  FixtureRoot root("");
  for (const char* command : {"list", "types", "define", "undefine", "modify", "start", "stop"}) {
    CAPTURE(command);
    auto run = root.mdevctl({command, "--help"});
    CHECK(run.status == 0);
    CHECK_THAT(run.out, match::Contains(std::string("mdevctl ") + command));
  }
  auto top = root.mdevctl({"--help"});
  CHECK(top.status == 0);
  CHECK(top.out.find("start-parent-mdevs") == std::string::npos);  // hidden: udev runs it
}

TEST_CASE("The probe means something: --help beside an option modify lacks fails") {
  FixtureRoot root("");
  auto run =
      root.mdevctl({"modify", "--defined", "--live", "--jsonfile", "b", "--bogus", "--help"});
  CHECK(run.status == 2);
  CHECK(run.out.empty());
  CHECK(run.err == "Error: unknown option '--bogus' for modify (see 'mdevctl modify --help')\n");
}

TEST_CASE("A bare mdevctl prints the help on stderr and exits 2") {
  FixtureRoot root("");
  auto bare = root.mdevctl({});
  auto help = root.mdevctl({"--help"});
  CHECK(bare.status == 2);
  CHECK(bare.out.empty());
  CHECK(help.status == 0);
  CHECK(bare.err == help.out);
  CHECK_THAT(help.out, match::Contains("Usage: mdevctl") && match::Contains("  list "));
}

TEST_CASE("help COMMAND is COMMAND --help") {
  FixtureRoot root("");
  for (const char* command : {"list", "modify", "monitor"}) {
    CAPTURE(command);
    auto help = root.mdevctl({"help", command});
    CHECK(help.status == 0);
    CHECK(help.out == root.mdevctl({command, "--help"}).out);
    CHECK_THAT(help.out, match::Contains(std::string("Usage: mdevctl ") + command));
  }
  CHECK(root.mdevctl({"help"}).out == root.mdevctl({"--help"}).out);
  auto grouped = root.mdevctl({"list", "-dh"});  // -h among other flags
  CHECK(grouped.status == 0);
  CHECK(grouped.out == root.mdevctl({"list", "--help"}).out);
}

TEST_CASE("Usage errors are one line - in our words - pointing to --help - exit 2") {
  FixtureRoot root("");
  const std::string u = "83c32df7-d52e-4ec1-9668-1f3c7e4df107";
  blackbox::expect_refusals(
      root,
      {
          {{"lst"}, "Error: unknown command 'lst'; did you mean 'list'? (see 'mdevctl --help')", 2},
          {{"modfy"},
           "Error: unknown command 'modfy'; did you mean 'modify'? (see 'mdevctl --help')",
           2},
          {{"frobnicate"}, "Error: unknown command 'frobnicate' (see 'mdevctl --help')", 2},
          {{"help", "lsit"},
           "Error: no help on 'lsit', which is not a command; did you mean 'list'? (see 'mdevctl "
           "--help')",
           2},
          blackbox::usage({"list", "--dumpjosn"},
                          "unknown option '--dumpjosn' for list; did you mean '--dumpjson'?"),
          blackbox::usage({"list", "extra"}, "unexpected argument 'extra'"),
          blackbox::usage({"stop"}, "stop needs --uuid UUID"),
          blackbox::usage({"define", "-u"}, "--uuid needs a value"),
          {{"-f", "stop", "-u", u},
           "Error: '-f' is an option of stop: put it after the command (see 'mdevctl stop "
           "--help')",
           2},
          {{"--callout-timeout", "abc", "list"},
           "Error: invalid value 'abc' for --callout-timeout: give seconds from 0.001 to 86400, "
           "e.g. 30 (see 'mdevctl list --help')",
           2},
          {{"--jobs", "0", "list"},
           "Error: invalid value '0' for --jobs: give a whole number from 1 to 1024 (see 'mdevctl "
           "list --help')",
           2},
          blackbox::usage({"monitor", "--source", "netlink"},
                          "invalid value 'netlink' for --source: give udev or kernel"),
          blackbox::usage({"monitor", "--grace", "soon"},
                          "invalid value 'soon' for --grace: give seconds from 0 to 3600, e.g. 30"),
          blackbox::usage({"modify", "-u", u, "--auto", "--manual"},
                          "--auto and --manual cannot be used together"),
          blackbox::usage({"modify", "-u", u, "--addattr", "x"}, "--addattr needs --value"),
          blackbox::usage({"define"},
                          "nothing to define: give --uuid of a running device, or --parent with "
                          "--type or --jsonfile"),
          blackbox::usage({"start-parent-mdevs"}, "name a parent device, or --all"),
      });
}

TEST_CASE("No option swallows the next word - twice given says so - suggestions once") {
  FixtureRoot root("vfio-ap");  // a running, defined device: a swallowed word would act on it
  const std::string u = "4b3a0c6f-6e9f-4a2c-9d5d-0c9b5b6f1a10";
  blackbox::expect_refusals(
      root,
      {
          blackbox::usage({"undefine", "--uuid=", u},
                          "--uuid needs a value, and '--uuid=' gives it an empty one"),
          blackbox::usage({"stop", "--uuid=", u},
                          "--uuid needs a value, and '--uuid=' gives it an empty one"),
          {{"--root=", "list", "-d"},
           "Error: --root needs a value, and '--root=' gives it an empty one (see 'mdevctl list "
           "--help')",
           2},
          blackbox::usage({"list", "--parent=", "-d"},
                          "--parent needs a value, and '--parent=' gives it an empty one"),
          blackbox::usage({"list", "-u", u, "-u", "783e6dbb-ea0e-411f-94e2-717eaad438bf"},
                          "--uuid is given more than once"),
          blackbox::usage({"list", "--uuid", u, "--uuid=" + u}, "--uuid is given more than once"),
          {{"--root", "/", "--root", "/", "list"},
           "Error: --root is given more than once (see 'mdevctl list --help')",
           2},
          {{"-d"},
           "Error: unknown option '-d'; did you mean '-h' or '-V'? (see 'mdevctl --help')",
           2},
      });
}

TEST_CASE("--help beside a value the command refuses still fails - as without --help") {
  FixtureRoot root("");
  for (const std::vector<std::string>& args :
       {std::vector<std::string>{"list", "--uuid=zz"},
        {"stop", "-u", "zz"},
        {"modify", "--defined", "--live", "--jsonfile", "b", "-u", "zz"},
        {"list", "-p", "../x"}}) {
    CAPTURE(args);
    auto plain = root.mdevctl(args);
    std::vector<std::string> with_help = args;
    with_help.push_back("--help");
    auto help = root.mdevctl(with_help);
    CHECK(plain.status == 1);
    CHECK(help.status == plain.status);
    CHECK(help.out.empty());
    CHECK(help.err == plain.err);
    CHECK_THAT(help.err, match::StartsWith("Error: invalid"));
  }
}

TEST_CASE("monitor --help names the sources once") {
  FixtureRoot root("");
  auto help = root.mdevctl({"monitor", "--help"}).out;
  CHECK(help.find("udev|kernel") != std::string::npos);
  CHECK(help.find("{udev,kernel}") == std::string::npos);
}

TEST_CASE("lsmdev speaks as lsmdev") {
  FixtureRoot root("");
  const std::string lsmdev =
      (fs::path(blackbox::mdevctl_binary()).parent_path() / "lsmdev").string();
  auto env = std::vector<std::string>{"MDEVCTL_ENV_ROOT=" + root.dir().string()};
  auto help = blackbox::run_program({lsmdev, "--help"}, "", env);
  CHECK(help.status == 0);
  CHECK_THAT(help.out, match::Contains("Usage: lsmdev [OPTIONS]") && match::Contains("--defined"));
  CHECK_THAT(blackbox::run_program({lsmdev, "-V"}, "", env).out, match::StartsWith("lsmdev "));
  auto bad = blackbox::run_program({lsmdev, "--bogus"}, "", env);
  CHECK(bad.status == 2);
  CHECK(bad.err == "Error: unknown option '--bogus' (see 'lsmdev --help')\n");
}

TEST_CASE("An unknown MDEVCTL_LOG is named - and the command still runs") {
  FixtureRoot root("");
  auto run = root.mdevctl({"list"}, "", {"MDEVCTL_LOG=verbose"});
  CHECK(run.status == 0);
  CHECK_THAT(run.err, match::Contains("Warning: MDEVCTL_LOG='verbose' is not a log level (error, "
                                      "warn, info or debug): using warn"));
  CHECK(root.mdevctl({"list"}, "", {"MDEVCTL_LOG=info"}).err.find("MDEVCTL_LOG") ==
        std::string::npos);
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
    CHECK_THAT(run.err, match::StartsWith("Error: cannot write the output to stdout ("));
    CHECK(run.err.find('\n') == run.err.size() - 1);
  }
  CHECK_THAT(with_stdout(root, ">/dev/full", {"types"}).err,
             match::Contains("(No space left on device)"));
  CHECK_THAT(with_stdout(root, ">&-", {"types"}).err, match::Contains("(Bad file descriptor)"));
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

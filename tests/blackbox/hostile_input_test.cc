// SPDX-License-Identifier: LGPL-2.1-or-later
// Names that would become paths outside the root, from every entry point:
// options, --jsonfile, config files, call-out output (behaviour.md section 2).
#include <filesystem>

#include "blackbox/harness.h"
#include "support/catch.h"

using blackbox::FixtureRoot;
using blackbox::PassiveRoot;
using namespace blackbox::upstream;
namespace fs = std::filesystem;

TEST_CASE("Attribute names from --jsonfile are checked like every other name") {
  PassiveRoot root;
  root.add_type(kP, kT);
  root.write("decoy", "untouched");
  const std::string decoy = root.path("decoy").string();
  for (const std::string& name : {decoy, std::string("../../../../decoy"), std::string("a\\nb")}) {
    CAPTURE(name);
    root.write("in.json", "{\"mdev_type\":\"" + kT + "\",\"start\":\"manual\",\"attrs\":[{\"" +
                              name + "\":\"x\"}]}");
    auto before = root.snapshot();
    for (const char* command : {"define", "start"}) {
      auto run =
          root.mdevctl({command, "-u", kU, "-p", kP, "--jsonfile", root.path("in.json").string()});
      CHECK(run.status == 1);
      CHECK_THAT(run.err, match::StartsWith("Error: " + root.path("in.json").string() +
                                            ": invalid attribute name"));
      CHECK(blackbox::changes(before, root.snapshot()) == "");
    }
  }
  CHECK(root.read("decoy") == "untouched");
}

TEST_CASE("A config file naming a path as attribute or type is skipped - never written to") {
  PassiveRoot root;
  root.add_type(kP, kT);
  root.write("decoy/create", "untouched");
  const std::string u2 = "59e8b599-afdd-4766-a59e-415ef4f5a492";
  root.write("etc/mdevctl.d/" + kP + "/" + kU,
             "{\"mdev_type\":\"" + kT + "\",\"start\":\"auto\",\"attrs\":[{\"" +
                 root.path("decoy/create").string() + "\":\"x\"}]}");
  root.write("etc/mdevctl.d/" + kP + "/" + u2,
             "{\"mdev_type\":\"" + root.path("decoy").string() + "\",\"start\":\"auto\"}");
  auto list = root.mdevctl({"list", "-d"});
  CHECK(list.status == 0);
  CHECK(list.out.empty());
  CHECK_THAT(list.err, match::Contains("invalid attribute name"));
  CHECK_THAT(list.err, match::Contains("invalid type name"));

  auto autostart = root.mdevctl({"start-parent-mdevs", kP});
  CHECK(autostart.status == 0);
  CHECK_THAT(autostart.err, match::EndsWith(kP + ": 0 started, 0 already running, 0 failed\n"));
  auto start = root.mdevctl({"start", "-u", kU});
  CHECK(start.status == 1);
  CHECK(root.read("decoy/create") == "untouched");
  CHECK_FALSE(fs::exists(root.path(root.type_dir(kP, kT) + "create")));
}

TEST_CASE("A get call-out cannot name a path either") {
  PassiveRoot root;
  root.add_type(kP, kT);
  root.add_active(kU, kP, kT);
  root.write_script("usr/lib/mdevctl/scripts.d/callouts/get",
                    "case \"$*\" in *'-e get'*) printf '[{\"../x\":\"1\"}]';; esac\n");
  auto before = root.snapshot();
  auto define = root.mdevctl({"define", "-u", kU});
  CHECK(define.status == 1);
  CHECK_THAT(define.err, match::Contains("invalid attribute name '../x': must not contain '/'"));
  CHECK(blackbox::changes(before, root.snapshot()) == "");
}

TEST_CASE("A parent directory that is a link is never followed out of etc/mdevctl.d") {
  FixtureRoot root("gvt-g");
  fs::create_directories(root.path("elsewhere"));
  root.write("elsewhere/" + kU, "{\"mdev_type\":\"t\",\"start\":\"manual\"}");
  fs::create_directory_symlink(root.path("elsewhere"), root.path("etc/mdevctl.d/linked"));
  auto before = root.snapshot();
  const std::string refusal = "Error: " + root.path("etc/mdevctl.d/linked").string() +
                              " is a symbolic link: refusing to follow it out of etc/mdevctl.d";
  blackbox::expect_refusals(root, {
                                      {{"define", "-p", "linked", "-t", "t"}, refusal},
                                      {{"modify", "-u", kU, "-p", "linked", "--auto"}, refusal},
                                      {{"undefine", "-u", kU, "-p", "linked"}, refusal},
                                  });
  auto undefine = root.mdevctl({"undefine", "-u", kU});  // every parent: the link is not one
  CHECK(undefine.status == 1);
  auto list = root.mdevctl({"list", "-d"});
  CHECK(list.status == 0);
  CHECK_THAT(list.err, match::Contains("ignoring " + root.path("etc/mdevctl.d/linked").string() +
                                       ": a symbolic link"));
  CHECK(blackbox::changes(before, root.snapshot()) == "");
}

TEST_CASE("Values that are not UTF-8 and names with control bytes are refused") {
  FixtureRoot root("vfio-ap");
  const std::string u = "e2e73122-cc39-40ee-89eb-b0a47d334cae";
  blackbox::expect_refusals(
      root, {
                {{"modify", "-u", u, "--addattr", "a", "--value", "\xff"},
                 "Error: invalid value '\\xff' for attribute a: not valid UTF-8"},
                {{"modify", "-u", u, "--addattr", "a\x1b[2J", "--value", "1"},
                 "Error: invalid attribute name 'a\\x1b[2J': must not contain control characters"},
                {{"define", "-p", "new\nline", "-t", "t"},
                 "Error: invalid parent name 'new\\x0aline': must not contain control characters"},
            });
}

TEST_CASE("Names on disk that are not UTF-8 never reach stdout - warnings escape them") {
  PassiveRoot root;
  const std::string config = R"({"mdev_type":"t","start":"manual","attrs":[]})";
  const std::string bad = "p\xff\x1b";
  root.write("etc/mdevctl.d/" + bad + "/" + kU, config);
  root.write("etc/mdevctl.d/" + kP + "/" + kU, config);
  root.add_type(bad, kT);
  root.add_type(kP, kT);
  root.add_type(kP, "t\xfe");
  root.add_active("11111111-1111-4111-8111-111111111111", bad, kT);

  auto defined = root.mdevctl({"list", "-d"});
  CHECK(defined.status == 0);
  CHECK(defined.out == kU + " " + kP + " t manual\n");
  CHECK_THAT(defined.err, match::Contains("p\\xff\\x1b: name is not valid UTF-8"));

  auto types = root.mdevctl({"types"});
  CHECK(types.status == 0);
  CHECK(types.out.find('\xff') == std::string::npos);
  CHECK(types.out.find('\xfe') == std::string::npos);
  CHECK_THAT(types.out, match::StartsWith(kP + "\n  " + kT + "\n"));
  CHECK_THAT(types.err, match::Contains("'t\\xfe'"));

  auto active = root.mdevctl({"list"});
  CHECK(active.status == 0);
  CHECK(active.out.empty());
}

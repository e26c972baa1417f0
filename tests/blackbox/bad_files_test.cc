// SPDX-License-Identifier: LGPL-2.1-or-later
// One bad entry must neither hang, crash nor hide the others: deep JSON,
// files that are not files, numbers out of range, thousands of parents.
#include <sys/stat.h>

#include <filesystem>
#include <string>

#include "blackbox/harness.h"
#include "support/catch.h"

using blackbox::PassiveRoot;
using namespace blackbox::upstream;
namespace fs = std::filesystem;

namespace {

const std::string kU2 = "59e8b599-afdd-4766-a59e-415ef4f5a492";

std::string config_path(const std::string& uuid) {
  return "etc/mdevctl.d/" + kP + "/" + uuid;
}

std::string good_config() {
  return "{\"mdev_type\":\"" + kT + "\",\"start\":\"auto\"}";
}

std::string deep_json(size_t levels) {
  return std::string(levels, '[') + std::string(levels, ']');
}

// Each line of `text` is at most `limit` bytes.
bool lines_within(const std::string& text, size_t limit) {
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    if (end - start > limit) return false;
    start = end + 1;
  }
  return true;
}

}  // namespace

TEST_CASE("JSON nested 60000 deep is refused - never a crash") {
  PassiveRoot root;
  root.add_type(kP, kT);
  root.write(config_path(kU), good_config());
  root.write(config_path(kU2),
             "{\"mdev_type\":\"" + kT + "\",\"start\":\"auto\",\"x\":" + deep_json(60000) + "}");
  auto list = root.mdevctl({"list", "-d"});
  CHECK(list.status == 0);
  CHECK(list.out == kU + " " + kP + " " + kT + " auto\n");
  CHECK_THAT(list.err, match::Contains(kU2 + ": invalid JSON: recursion limit exceeded"));

  root.write("deep.json", deep_json(60000));
  auto before = root.snapshot();
  for (const char* command : {"define", "start"}) {
    auto run =
        root.mdevctl({command, "-u", kU2, "-p", kP, "--jsonfile", root.path("deep.json").string()});
    CHECK(run.status == 1);
    CHECK(run.err == "Error: " + root.path("deep.json").string() +
                         ": invalid JSON: recursion limit exceeded (more than 128 levels)\n");
  }
  CHECK(blackbox::changes(before, root.snapshot()) == "");
}

TEST_CASE("A get call-out answering deeply nested JSON fails the define - nothing more") {
  PassiveRoot root;
  root.add_type(kP, kT);
  root.add_active(kU, kP, kT);
  root.write_script(
      "usr/lib/mdevctl/scripts.d/callouts/get",
      "case \"$*\" in *'-e get -a attributes'*) head -c 60000 /dev/zero | tr '\\0' '[';; esac\n");
  auto before = root.snapshot();
  auto define = root.mdevctl({"define", "-u", kU});
  CHECK(define.status == 1);
  CHECK_THAT(define.err, match::Contains("recursion limit exceeded"));
  CHECK(blackbox::changes(before, root.snapshot()) == "");
}

TEST_CASE(
    "A config file with a NUL byte after its object is warned about - never listed or started") {
  PassiveRoot root;
  root.add_type(kP, kT);
  root.write(config_path(kU), good_config() + std::string(1, '\0'));
  auto list = root.mdevctl({"list", "-d"});
  CHECK(list.status == 0);
  CHECK(list.out.empty());
  CHECK(list.err == "Warning: ignoring " + root.path(config_path(kU)).string() +
                        ": invalid JSON: a NUL byte at offset " +
                        std::to_string(good_config().size()) + "\n");
  CHECK(root.mdevctl({"start-parent-mdevs", kP}).status == 0);
  CHECK_FALSE(fs::exists(root.path(root.type_dir(kP, kT) + "create")));
}

TEST_CASE("A FIFO - a link to /dev/zero - a directory: no configs") {
  PassiveRoot root;
  root.add_type(kP, kT);
  root.write(config_path(kU), good_config());
  const std::string fifo = "00000000-0000-4000-8000-000000000001";
  const std::string zero = "00000000-0000-4000-8000-000000000002";
  const std::string dir = "00000000-0000-4000-8000-000000000003";
  REQUIRE(::mkfifo(root.path(config_path(fifo)).c_str(), 0644) == 0);
  fs::create_symlink("/dev/zero", root.path(config_path(zero)));
  fs::create_directory(root.path(config_path(dir)));

  auto list = root.mdevctl({"list", "-d"});
  CHECK(list.status == 0);
  CHECK(list.out == kU + " " + kP + " " + kT + " auto\n");
  CHECK_THAT(list.err, match::Contains(fifo + ": not a regular file"));
  CHECK_THAT(list.err, match::Contains(zero + ": not a regular file"));
  CHECK_THAT(list.err, match::Contains(dir + ": is a directory"));

  auto before = root.snapshot();
  const std::string dir_path = root.path(config_path(dir)).string();
  blackbox::expect_refusals(
      root,
      {
          {{"modify", "-u", fifo, "--auto"},
           "Error: cannot read " + root.path(config_path(fifo)).string() + ": not a regular file"},
          {{"undefine", "-u", zero},
           "Error: cannot read " + root.path(config_path(zero)).string() + ": not a regular file"},
          {{"modify", "-u", dir, "--auto"}, "Error: cannot read " + dir_path + ": is a directory"},
          {{"define", "-u", kU2, "-p", kP, "--jsonfile", "/dev/zero"},
           "Error: cannot read /dev/zero: larger than 1 MiB"},
      });
}

TEST_CASE("A number out of range spoils its own config only") {
  PassiveRoot root;
  root.add_type(kP, kT);
  root.write(config_path(kU), good_config());
  root.write(config_path(kU2), "{\"mdev_type\":\"" + kT + "\",\"start\":\"auto\",\"n\":1e999}");
  auto list = root.mdevctl({"list", "-d"});
  CHECK(list.status == 0);
  CHECK(list.out == kU + " " + kP + " " + kT + " auto\n");
  CHECK_THAT(list.err, match::Contains(kU2 + ": invalid JSON: number overflow"));
}

TEST_CASE("An error line quotes a bounded piece of a huge bad token") {
  PassiveRoot root;
  root.write("huge.json", "{\"mdev_type\":\"" + std::string(500000, 'a') + "\x01\"}");
  auto run =
      root.mdevctl({"define", "-u", kU, "-p", kP, "--jsonfile", root.path("huge.json").string()});
  CHECK(run.status == 1);
  CHECK(lines_within(run.err, 1024));
  CHECK_THAT(run.err,
             match::StartsWith("Error: " + root.path("huge.json").string() + ": invalid JSON"));
}

TEST_CASE("Eleven hundred parent directories all list") {
  PassiveRoot root;
  const int parents = 1100;
  for (int n = 0; n < parents; ++n) {
    root.write("etc/mdevctl.d/parent" + std::to_string(n) + "/" + kU, good_config());
  }
  auto list = root.mdevctl({"list", "-d"});
  CHECK(list.status == 0);
  CHECK(std::count(list.out.begin(), list.out.end(), '\n') == parents);
  CHECK(list.err.empty());
}

TEST_CASE(
    "Under a low limit on open files - the whole listing or an error - never an empty success") {
  PassiveRoot root;
  const int parents = 3000;
  for (int n = 0; n < parents; ++n) {
    root.write("etc/mdevctl.d/parent" + std::to_string(n) + "/" + kU, good_config());
  }
  auto limited = [&](int files) {
    return blackbox::run_program(
        {"/bin/sh", "-c", "ulimit -n " + std::to_string(files) + " && exec \"$0\" list -d",
         blackbox::mdevctl_binary()},
        "", {"MDEVCTL_ENV_ROOT=" + root.dir().string()});
  };
  auto list = limited(260);
  CHECK(list.status == 0);
  CHECK(std::count(list.out.begin(), list.out.end(), '\n') == parents);
  CHECK(list.err.empty());
  // Too few to open a parent beside the reads: an error, not a short list.
  auto starved = limited(12);
  CAPTURE(starved.err);
  if (starved.status == 0) {
    CHECK(std::count(starved.out.begin(), starved.out.end(), '\n') == parents);
  } else {
    CHECK(starved.out.empty());
    CHECK_THAT(starved.err, match::Contains("ulimit -n"));
  }
}

TEST_CASE("A FIFO in sysfs fails fast: types does not wait on it") {
  PassiveRoot root;
  root.add_type(kP, kT);
  fs::remove(root.path(root.type_dir(kP, kT) + "available_instances"));
  REQUIRE(::mkfifo(root.path(root.type_dir(kP, kT) + "available_instances").c_str(), 0644) == 0);
  auto types = root.mdevctl({"types"});
  CHECK(types.status == 0);
  CHECK(types.out.find(kT) == std::string::npos);  // unreadable: no type to offer
}

TEST_CASE("An empty --index is no index") {
  PassiveRoot root;
  root.write(config_path(kU),
             "{\"mdev_type\":\"" + kT + "\",\"start\":\"auto\",\"attrs\":[{\"a\":\"1\"}]}");
  auto before = root.snapshot();
  auto run = root.mdevctl({"modify", "-u", kU, "--delattr", "-i", ""});
  CHECK(run.status == 2);
  CHECK(run.err ==
        "Error: invalid value '' for --index: give the attribute's position, 0 for the first "
        "(see 'mdevctl modify --help')\n");
  CHECK(blackbox::changes(before, root.snapshot()) == "");
}

TEST_CASE("A call-out timeout must be a finite number of seconds") {
  PassiveRoot root;
  for (const char* seconds : {"nan", "inf", "1e300", "-1", "0"}) {
    CAPTURE(seconds);
    auto run = root.mdevctl({"--callout-timeout", seconds, "list"});
    CHECK(run.status == 2);
    CHECK(run.out.empty());
    CHECK(run.err == "Error: invalid value '" + std::string(seconds) +
                         "' for --callout-timeout: give seconds from 0.001 to 86400, e.g. 30 "
                         "(see 'mdevctl list --help')\n");
    CHECK(std::count(run.err.begin(), run.err.end(), '\n') == 1);
  }
}

// SPDX-License-Identifier: LGPL-2.1-or-later
#include "io/script_trust.h"

#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>

#include "support/catch.h"
#include "support/temp_dir.h"

using namespace mdev;
namespace fs = std::filesystem;

namespace {

// A script, rwxr-xr-x, in a directory rwxr-xr-x (below the temp dir, 0700).
std::string script(const TempDir& tmp, const std::string& relative) {
  tmp.write(relative, "#!/bin/sh\n");
  fs::path path = tmp.path / relative;
  ::chmod(path.c_str(), 0755);
  ::chmod(path.parent_path().c_str(), 0755);
  return path.string();
}

// Owned by someone who is neither root nor the user ScriptTrust trusts: as
// root, hand the file to nobody; otherwise trust a user who is not us.
struct Stranger {
  uid_t trusted = ::geteuid() == 0 ? 0 : ::geteuid() + 1;
  uid_t owner = ::geteuid() == 0 ? 65534 : ::geteuid();
  void own(const std::string& path) const {
    if (::geteuid() == 0) REQUIRE(::chown(path.c_str(), owner, static_cast<gid_t>(-1)) == 0);
  }
};

}  // namespace

TEST_CASE("Script trust: a script only its owner can change, in directories the same, runs") {
  TempDir tmp;
  ScriptTrust trust;
  CHECK_FALSE(trust.distrust(script(tmp, "callouts/good")));
  // Also through a relative path and a link, both leading to safe places.
  fs::create_symlink(tmp.path / "callouts/good", tmp.path / "callouts/link");
  CHECK_FALSE(trust.distrust((tmp.path / "callouts/link").string()));
}

TEST_CASE("Script trust: a file or directory others can write is refused - naming it and the fix") {
  TempDir tmp;
  ScriptTrust trust;
  std::string open_file = script(tmp, "a/open");
  ::chmod(open_file.c_str(), 0777);
  CHECK(trust.distrust(open_file) == "not running " + open_file + ": " + open_file +
                                         " is writable by group or others (mode 0777); fix: "
                                         "chmod go-w " +
                                         open_file);
  std::string in_open_dir = script(tmp, "b/c/script");
  const std::string dir = (tmp.path / "b").string();
  ::chmod(dir.c_str(), 0775);
  CHECK(trust.distrust(in_open_dir) == "not running " + in_open_dir + ": directory " + dir +
                                           " is writable by group or others (mode 0775); fix: "
                                           "chmod go-w " +
                                           dir);
  // A safe link to a file in an unsafe directory is as unsafe.
  std::string link = (tmp.path / "a/link").string();
  ::chmod((tmp.path / "a").c_str(), 0755);
  fs::create_symlink(in_open_dir, link);
  CHECK_THAT(*trust.distrust(link), match::Contains("directory " + dir + " is writable"));
}

TEST_CASE("Script trust: a file owned by another user is refused") {
  TempDir tmp;
  Stranger stranger;
  ScriptTrust trust(stranger.trusted);
  std::string theirs = script(tmp, "d/theirs");
  stranger.own(theirs);
  CHECK(trust.distrust(theirs) == "not running " + theirs + ": " + theirs + " is owned by uid " +
                                      std::to_string(stranger.owner) +
                                      ", not root; fix: chown root " + theirs);
}

TEST_CASE(
    "Script trust: a sticky directory owned by root is fine - a sticky one of another user is "
    "not") {
  TempDir tmp;
  std::string in_sticky = script(tmp, "s/script");
  const std::string dir = (tmp.path / "s").string();
  ::chmod(dir.c_str(), 01777);
  ScriptTrust trust;
  if (::geteuid() == 0) {
    CHECK_FALSE(trust.distrust(in_sticky));
  } else {
    CHECK_THAT(*trust.distrust(in_sticky), match::Contains("directory " + dir + " is writable"));
  }
  ::chmod(dir.c_str(), 0755);
}

TEST_CASE("Script trust: a directory's verdict is kept for the command") {
  TempDir tmp;
  ScriptTrust trust;
  std::string first = script(tmp, "e/first");
  std::string second = script(tmp, "e/second");
  ::chmod((tmp.path / "e").c_str(), 0777);
  CHECK(trust.distrust(first));
  // Fixed after the first look: this command keeps what it saw; the next looks again.
  ::chmod((tmp.path / "e").c_str(), 0755);
  CHECK(trust.distrust(second));
  CHECK_FALSE(ScriptTrust().distrust(second));
}

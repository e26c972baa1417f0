// SPDX-License-Identifier: LGPL-2.1-or-later
#include "io/atomic_file.h"

#include <filesystem>

#include "model/error.h"
#include "support/catch.h"
#include "support/temp_dir.h"

namespace fs = std::filesystem;

TEST_CASE("An atomic write replaces the file whole and leaves no temp file") {
  TempDir tmp;
  tmp.write("d/f", "old");
  mdev::write_file_atomically(tmp.path / "d/f", "new contents");
  CHECK(tmp.read("d/f") == "new contents");
  CHECK(std::distance(fs::directory_iterator(tmp.path / "d"), fs::directory_iterator()) == 1);
  CHECK((fs::status(tmp.path / "d/f").permissions() & fs::perms::all) ==
        (fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read |
         fs::perms::others_read));
}

TEST_CASE("A failed atomic write changes nothing") {
  TempDir tmp;
  CHECK_THROWS_AS(mdev::write_file_atomically(tmp.path / "missing/f", "x"), mdev::Error);
  CHECK(fs::is_empty(tmp.path));
}

TEST_CASE("Durable directory creation says whether it made the directory") {
  TempDir tmp;
  CHECK(mdev::make_directory_durably(tmp.path / "p"));
  CHECK_FALSE(mdev::make_directory_durably(tmp.path / "p"));
  CHECK_THROWS_AS(mdev::make_directory_durably(tmp.path / "a/b"), mdev::Error);
  tmp.write("p/f", "x");
  mdev::remove_file_durably(tmp.path / "p/f");
  CHECK_FALSE(fs::exists(tmp.path / "p/f"));
  CHECK_THROWS_AS(mdev::remove_file_durably(tmp.path / "p/f"), mdev::Error);
}

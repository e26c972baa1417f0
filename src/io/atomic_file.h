// SPDX-License-Identifier: LGPL-2.1-or-later
#pragma once
#include <filesystem>
#include <string>
#include <string_view>

namespace mdev {

// Replaces `path` so that readers (and libvirt's inotify watch) only ever see
// the old or the new file whole: temp file in the same directory, fsync,
// rename, fsync the directory. Throws mdev::Error; on failure nothing changes.
void write_file_atomically(const std::filesystem::path& path, std::string_view contents);

// The file a temp file of write_file_atomically was for ("" when `name` is
// not one): what a write killed before its rename leaves behind.
std::string_view temp_file_target(std::string_view name);

// unlink + fsync of the directory.
void remove_file_durably(const std::filesystem::path& path);

// mkdir (one level) + fsync of its parent; false when it already existed.
bool make_directory_durably(const std::filesystem::path& dir);

}  // namespace mdev

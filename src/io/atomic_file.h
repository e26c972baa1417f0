#pragma once
#include <filesystem>
#include <string_view>

namespace mdev {

// Replaces `path` so that readers (and libvirt's inotify watch) only ever see
// the old or the new file whole: temp file in the same directory, fsync,
// rename, fsync the directory. Throws mdev::Error; on failure nothing changes.
void write_file_atomically(const std::filesystem::path& path, std::string_view contents);

// unlink + fsync of the directory.
void remove_file_durably(const std::filesystem::path& path);

// mkdir (one level) + fsync of its parent; false when it already existed.
bool make_directory_durably(const std::filesystem::path& dir);

}  // namespace mdev

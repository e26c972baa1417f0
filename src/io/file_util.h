#pragma once
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mdev {

// A short read of a regular file or a sysfs attribute is its end, which saves
// the second read(2) per file (a third of the syscalls of `list -d`); a pipe
// (--jsonfile /dev/stdin) delivers in pieces and is read to EOF.
enum class FileKind { kRegular, kStream };

// Whole-file read; nullopt when the file cannot be opened.
std::optional<std::string> read_file(const std::filesystem::path& path,
                                     FileKind kind = FileKind::kRegular);
std::string trim(std::string_view text);
// Names in a directory, byte-sorted; empty when it does not exist.
std::vector<std::string> list_directory(const std::filesystem::path& dir);
// readlink(2); nullopt when `path` is not a symlink.
std::optional<std::filesystem::path> read_link(const std::filesystem::path& path);
std::string errno_text(int err);

}  // namespace mdev

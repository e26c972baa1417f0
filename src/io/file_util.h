// SPDX-License-Identifier: LGPL-2.1-or-later
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

// What read_file reads at most: a config, a --jsonfile, a sysfs attribute.
inline constexpr size_t kMaxFileBytes = 1 << 20;

// Whole-file read; nullopt, with errno saying why, when the file cannot be
// opened, is a directory, is over 1 MiB, or (kRegular) is not a regular file.
std::optional<std::string> read_file(const std::filesystem::path& path,
                                     FileKind kind = FileKind::kRegular);
// A regular file of up to `limit` bytes (a vendor's catalogue); errno EFBIG past it.
std::optional<std::string> read_large_file(const std::filesystem::path& path, size_t limit);
// The same, relative to an open directory: saves walking a long path per file.
std::optional<std::string> read_file_at(int dir_fd, const char* name);
// A sysfs attribute: the kernel's are regular files of a page at most, so
// the type check of read_file is skipped (a quarter of the system calls of
// `types`). Whatever else stands there still cannot hang or grow the read:
// the open does not block, a directory fails the read, and the size is capped.
std::optional<std::string> read_attribute_at(int dir_fd, const char* name);
// errno after a failed read_file*, as an error line says it.
std::string read_error_text(int err);
std::string trim(std::string_view text);

// An open directory, for read_file_at.
class DirectoryHandle {
 public:
  explicit DirectoryHandle(const std::filesystem::path& dir);
  ~DirectoryHandle();
  DirectoryHandle(const DirectoryHandle&) = delete;
  DirectoryHandle& operator=(const DirectoryHandle&) = delete;
  int fd() const { return fd_; }

 private:
  int fd_;
};
// Names in a directory, byte-sorted; empty when it does not exist.
std::vector<std::string> list_directory(const std::filesystem::path& dir);
// The files of a directory that can run, in name order: regular (or links
// to regular), executable, not hidden. Empty when the directory is missing.
std::vector<std::filesystem::path> executable_files(const std::filesystem::path& dir);
bool is_executable_file(const std::string& path);
// readlink(2); nullopt when `path` is not a symlink.
std::optional<std::string> read_link(const char* path);
// `base`/`relative` with "." and ".." folded away, as plain strings: `list`
// resolves thousands of sysfs links and std::filesystem::path was most of it.
std::string join_normalized(std::string_view base, std::string_view relative);
std::string_view base_name(std::string_view path);
std::string errno_text(int err);

}  // namespace mdev

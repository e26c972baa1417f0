// SPDX-License-Identifier: LGPL-2.1-or-later
#include "io/file_util.h"

#include <dirent.h>
#include <fcntl.h>
#include <limits.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace mdev {

namespace {

// errno for a regular-file read that is refused: anything else (a FIFO
// would block, /dev/zero never ends) is no config and no sysfs attribute.
constexpr int kNotRegular = EINVAL;

// Reads to the end, or to the first short read of a regular file (the rest
// would be one more read that returns nothing).
std::optional<std::string> read_to_end(int fd, FileKind kind, size_t limit = kMaxFileBytes) {
  std::string out;
  char buf[16384];
  for (;;) {
    ssize_t n = ::read(fd, buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      int err = errno;
      ::close(fd);
      errno = err;
      return std::nullopt;
    }
    if (n == 0) break;
    out.append(buf, static_cast<size_t>(n));
    if (out.size() > limit) {
      ::close(fd);
      errno = EFBIG;
      return std::nullopt;
    }
    if (kind == FileKind::kRegular && static_cast<size_t>(n) < sizeof buf) break;
  }
  ::close(fd);
  return out;
}

std::optional<std::string> read_fd(int fd, FileKind kind, size_t limit = kMaxFileBytes) {
  if (fd < 0) return std::nullopt;
  struct stat st;
  int refused = 0;
  if (::fstat(fd, &st) != 0)
    refused = errno;
  else if (S_ISDIR(st.st_mode))
    refused = EISDIR;
  else if (kind == FileKind::kRegular && !S_ISREG(st.st_mode))
    refused = kNotRegular;
  else if (S_ISREG(st.st_mode) && static_cast<size_t>(st.st_size) > limit)
    refused = EFBIG;
  if (refused != 0) {
    ::close(fd);
    errno = refused;
    return std::nullopt;
  }
  return read_to_end(fd, kind, limit);
}

}  // namespace

std::optional<std::string> read_file(const std::filesystem::path& path, FileKind kind) {
  int flags = O_RDONLY | O_CLOEXEC | (kind == FileKind::kRegular ? O_NONBLOCK : 0);
  return read_fd(::open(path.c_str(), flags), kind);
}

std::optional<std::string> read_large_file(const std::filesystem::path& path, size_t limit) {
  return read_fd(::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC), FileKind::kRegular,
                 limit);
}

std::optional<std::string> read_file_at(int dir_fd, const char* name) {
  return read_fd(::openat(dir_fd, name, O_RDONLY | O_CLOEXEC | O_NONBLOCK), FileKind::kRegular);
}

std::optional<std::string> read_attribute_at(int dir_fd, const char* name) {
  int fd = ::openat(dir_fd, name, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0) return std::nullopt;
  return read_to_end(fd, FileKind::kRegular);
}

std::string read_error_text(int err) {
  if (err == kNotRegular) return "not a regular file";
  if (err == EISDIR) return "is a directory";
  if (err == EFBIG) return "larger than " + std::to_string(kMaxFileBytes >> 20) + " MiB";
  return errno_text(err);
}

DirectoryHandle::DirectoryHandle(const std::filesystem::path& dir)
    : fd_(::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC)) {}

DirectoryHandle::~DirectoryHandle() {
  if (fd_ >= 0) ::close(fd_);
}

std::string trim(std::string_view text) {
  constexpr std::string_view kSpace = " \t\r\n";
  auto first = text.find_first_not_of(kSpace);
  if (first == std::string_view::npos) return {};
  auto last = text.find_last_not_of(kSpace);
  return std::string(text.substr(first, last - first + 1));
}

std::vector<std::string> list_directory(const std::filesystem::path& dir) {
  std::vector<std::string> names;
  DIR* d = ::opendir(dir.c_str());
  if (!d) return names;
  while (dirent* entry = ::readdir(d)) {
    std::string_view name = entry->d_name;
    if (name == "." || name == "..") continue;
    names.emplace_back(name);
  }
  ::closedir(d);
  std::sort(names.begin(), names.end());
  return names;
}

bool is_executable_file(const std::string& path) {
  struct stat st;
  return ::stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode) && ::access(path.c_str(), X_OK) == 0;
}

std::vector<std::filesystem::path> executable_files(const std::filesystem::path& dir) {
  std::vector<std::filesystem::path> out;
  for (const auto& name : list_directory(dir)) {
    if (name[0] == '.') continue;
    std::filesystem::path path = dir / name;
    if (is_executable_file(path.native())) out.push_back(std::move(path));
  }
  return out;
}

std::optional<std::string> read_link(const char* path) {
  char buf[PATH_MAX];
  ssize_t n = ::readlink(path, buf, sizeof buf);
  if (n < 0 || static_cast<size_t>(n) >= sizeof buf) return std::nullopt;
  return std::string(buf, static_cast<size_t>(n));
}

std::string join_normalized(std::string_view base, std::string_view relative) {
  std::string out;
  if (relative.empty() || relative[0] != '/') out = base;
  if (relative.size() && relative[0] == '/') out.clear();
  while (!relative.empty()) {
    size_t slash = relative.find('/');
    std::string_view part = relative.substr(0, slash);
    relative.remove_prefix(slash == std::string_view::npos ? relative.size() : slash + 1);
    if (part.empty() || part == ".") continue;
    if (part == "..") {
      size_t cut = out.rfind('/');
      out.resize(cut == std::string::npos ? 0 : cut);
      continue;
    }
    out += '/';
    out += part;
  }
  return out;
}

std::string_view base_name(std::string_view path) {
  size_t slash = path.rfind('/');
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

std::string errno_text(int err) {
  return std::string(std::strerror(err));
}

}  // namespace mdev

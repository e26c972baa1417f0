// SPDX-License-Identifier: LGPL-2.1-or-later
#include "io/config_watch.h"

#include <sys/inotify.h>
#include <unistd.h>

#include <array>
#include <asio/use_awaitable.hpp>
#include <cerrno>
#include <cstring>
#include <utility>

#include "io/file_util.h"
#include "model/error.h"

namespace mdev {
namespace {

// Definitions are written to a dot file and renamed over the name.
constexpr uint32_t kParentEvents = IN_CLOSE_WRITE | IN_MOVED_TO | IN_MOVED_FROM | IN_DELETE;
constexpr uint32_t kTopEvents = IN_CREATE | IN_MOVED_TO | IN_MOVED_FROM | IN_DELETE |
                                IN_DELETE_SELF | IN_MOVE_SELF | IN_ONLYDIR;
constexpr uint32_t kAboveEvents = IN_CREATE | IN_MOVED_TO | IN_ONLYDIR;

}  // namespace

ConfigWatch::ConfigWatch(asio::any_io_executor executor, std::filesystem::path dir)
    : dir_(std::move(dir)), inotify_(executor) {
  int fd = ::inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
  if (fd < 0) throw Error("cannot watch " + dir_.string() + ": " + errno_text(errno));
  inotify_.assign(fd);
  above_ = ::inotify_add_watch(fd, dir_.parent_path().c_str(), kAboveEvents);
  watch_top();
}

// The directory and every parent directory in it; nothing when it is missing.
void ConfigWatch::watch_top() {
  top_ = ::inotify_add_watch(inotify_.native_handle(), dir_.c_str(), kTopEvents | IN_DONT_FOLLOW);
  if (top_ < 0) return;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(dir_, ec)) {
    if (entry.is_directory(ec) && !entry.is_symlink(ec)) watch_parent(entry.path().filename());
  }
}

// The directory is gone (or moved away): so are the watches on what was in it.
void ConfigWatch::forget_top() {
  for (const auto& [wd, parent] : parents_) ::inotify_rm_watch(inotify_.native_handle(), wd);
  parents_.clear();
  if (top_ >= 0) ::inotify_rm_watch(inotify_.native_handle(), top_);
  top_ = -1;
}

std::string ConfigWatch::take_notice() {
  return std::exchange(notice_, std::string());
}

ConfigWatch::~ConfigWatch() = default;

void ConfigWatch::watch_parent(const std::string& parent) {
  int wd = ::inotify_add_watch(inotify_.native_handle(), (dir_ / parent).c_str(),
                               kParentEvents | IN_ONLYDIR | IN_DONT_FOLLOW);
  if (wd >= 0) parents_[wd] = parent;
}

void ConfigWatch::read_events(std::set<std::string>& changed) {
  alignas(inotify_event) std::array<char, 16384> buffer;
  for (;;) {
    ssize_t n = ::read(inotify_.native_handle(), buffer.data(), buffer.size());
    if (n <= 0) return;  // EAGAIN: all read
    for (ssize_t at = 0; at < n;) {
      inotify_event event;
      std::memcpy(&event, buffer.data() + at, sizeof event);
      std::string name = event.len ? std::string(buffer.data() + at + sizeof event) : std::string();
      at += static_cast<ssize_t>(sizeof event + event.len);
      if (event.mask & IN_Q_OVERFLOW) {
        changed.insert("");
      } else if (event.wd == above_ && name == dir_.filename().string()) {
        // Made again, or another directory renamed into its place: watch that one.
        forget_top();
        watch_top();
        notice_ = dir_.string() + " was made anew: watching it again";
        changed.insert("");
      } else if (event.wd == top_ && (event.mask & (IN_DELETE_SELF | IN_MOVE_SELF | IN_IGNORED))) {
        forget_top();
        notice_ = dir_.string() + " is gone: watching for it to be made again";
        changed.insert("");
      } else if (event.wd == top_) {
        if (!(event.mask & IN_ISDIR) || name.empty() || name[0] == '.') continue;
        if (event.mask & (IN_CREATE | IN_MOVED_TO)) watch_parent(name);
        changed.insert(name);
      } else if (auto it = parents_.find(event.wd); it != parents_.end()) {
        if (event.mask & IN_IGNORED) {
          changed.insert(it->second);
          parents_.erase(it);
        } else if (!name.empty() && name[0] != '.') {
          changed.insert(it->second);
        }
      }
    }
  }
}

asio::awaitable<std::set<std::string>> ConfigWatch::next() {
  std::set<std::string> changed;
  while (changed.empty()) {
    co_await inotify_.async_wait(asio::posix::stream_descriptor::wait_read, asio::use_awaitable);
    read_events(changed);
  }
  co_return changed;
}

}  // namespace mdev

// SPDX-License-Identifier: LGPL-2.1-or-later
#pragma once
// Tells the monitor which parents' definitions may have changed: inotify on
// etc/mdevctl.d and each parent directory in it, read by the event loop.
// What changed is for the caller to find out by reading them again: a watch
// only says where to look.
#include <asio/any_io_executor.hpp>
#include <asio/awaitable.hpp>
#include <asio/posix/stream_descriptor.hpp>
#include <filesystem>
#include <map>
#include <set>
#include <string>

namespace mdev {

class ConfigWatch {
 public:
  // Watching starts here. A missing directory is watched for nothing.
  ConfigWatch(asio::any_io_executor executor, std::filesystem::path dir);
  ~ConfigWatch();
  ConfigWatch(const ConfigWatch&) = delete;
  ConfigWatch& operator=(const ConfigWatch&) = delete;

  // Parents whose directory changed since the last call; "" among them when
  // any parent may have (the kernel's event queue overflowed, or the
  // directory itself was removed, replaced or made).
  asio::awaitable<std::set<std::string>> next();
  // What happened to the directory itself since the last call, for the log
  // ("" when nothing did).
  std::string take_notice();

 private:
  void watch_top();
  void forget_top();
  void watch_parent(const std::string& parent);
  void read_events(std::set<std::string>& changed);

  std::filesystem::path dir_;
  // The directory above, for the directory being made (again) or renamed into place.
  int above_ = -1;
  int top_ = -1;
  std::string notice_;
  std::map<int, std::string> parents_;  // by watch descriptor
  asio::posix::stream_descriptor inotify_;
};

}  // namespace mdev

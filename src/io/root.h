// SPDX-License-Identifier: LGPL-2.1-or-later
#pragma once
#include <filesystem>
#include <optional>
#include <string>

namespace mdev {

// The directory every path of mdevctl is relative to: `/` on a host,
// a fixture tree in tests (MDEVCTL_ENV_ROOT or --root).
class Root {
 public:
  explicit Root(std::filesystem::path dir) : dir_(std::move(dir)) {}
  // --root wins over MDEVCTL_ENV_ROOT, which wins over `/`.
  static Root choose(const std::optional<std::string>& option);

  std::filesystem::path path(std::string_view relative) const { return dir_ / relative; }
  // The directories this build installs to (io/install_paths.h), under this root.
  std::filesystem::path config_dir() const;   // definitions: etc/mdevctl.d
  std::filesystem::path scripts_dir() const;  // usr/lib/mdevctl/scripts.d
  std::filesystem::path seed_dir() const;     // the seed's call-out layout: etc/mdevctl
  const std::filesystem::path& dir() const { return dir_; }
  // Throws unless etc/mdevctl.d exists, saying what is missing.
  void require_config_dir() const;

 private:
  std::filesystem::path dir_;
};

}  // namespace mdev

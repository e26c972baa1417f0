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
  const std::filesystem::path& dir() const { return dir_; }
  // Throws unless etc/mdevctl.d exists, saying what is missing.
  void require_config_dir() const;

 private:
  std::filesystem::path dir_;
};

}  // namespace mdev

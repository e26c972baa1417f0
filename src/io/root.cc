// SPDX-License-Identifier: LGPL-2.1-or-later
#include "io/root.h"

#include <sys/stat.h>

#include <cstdlib>

#include "io/install_paths.h"
#include "model/error.h"

namespace mdev {

Root Root::choose(const std::optional<std::string>& option) {
  if (option && !option->empty()) return Root(*option);
  if (const char* env = std::getenv("MDEVCTL_ENV_ROOT"); env && *env) return Root(env);
  return Root("/");
}

std::filesystem::path Root::config_dir() const {
  return path(install_paths::kConfigDir);
}
std::filesystem::path Root::scripts_dir() const {
  return path(install_paths::kScriptsDir);
}
std::filesystem::path Root::seed_dir() const {
  return path(install_paths::kSeedDir);
}

void Root::require_config_dir() const {
  struct stat st;
  auto dir = config_dir();
  if (::stat(dir.c_str(), &st) != 0 || !S_ISDIR(st.st_mode)) {
    throw Error("config directory " + dir.lexically_normal().string() +
                " does not exist (is mdevctl installed, or MDEVCTL_ENV_ROOT/--root set right?)");
  }
}

}  // namespace mdev

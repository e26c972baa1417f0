// SPDX-License-Identifier: LGPL-2.1-or-later
#include "io/script_trust.h"

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <climits>
#include <cstdio>
#include <cstdlib>
#include <filesystem>

#include "io/file_util.h"

namespace mdev {

namespace {

std::string mode_text(mode_t mode) {
  char text[8];
  std::snprintf(text, sizeof text, "%04o", static_cast<unsigned>(mode & 07777));
  return text;
}

std::string parent_of(const std::string& path) {
  size_t slash = path.rfind('/');
  if (slash == 0 || slash == std::string::npos) return "/";
  return path.substr(0, slash);
}

}  // namespace

ScriptTrust::ScriptTrust() : trusted_user_(::geteuid()) {}

std::optional<std::string> ScriptTrust::owner_or_mode_problem(const std::string& path,
                                                              const struct stat& st,
                                                              bool directory) const {
  const char* what = directory ? "directory " : "";
  if (st.st_uid != 0 && st.st_uid != trusted_user_) {
    return std::string(what) + path + " is owned by uid " + std::to_string(st.st_uid) +
           ", not root; fix: chown root " + path;
  }
  bool others_write = (st.st_mode & (S_IWGRP | S_IWOTH)) != 0;
  // /tmp: anyone may add, only the owner remove or rename.
  bool sticky_root_dir = directory && (st.st_mode & S_ISVTX) && st.st_uid == 0;
  if (others_write && !sticky_root_dir) {
    return std::string(what) + path + " is writable by group or others (mode " +
           mode_text(st.st_mode) + "); fix: chmod go-w " + path;
  }
  return std::nullopt;
}

std::optional<std::string> ScriptTrust::entry_problem(const std::string& path, bool directory) {
  struct stat st;
  if (::lstat(path.c_str(), &st) != 0) return path + " cannot be checked: " + errno_text(errno);
  if (!S_ISLNK(st.st_mode)) return owner_or_mode_problem(path, st, directory);
  // A link is as safe as where it leads; the link itself is as safe as the
  // directory it is in, which the caller checks.
  char real[PATH_MAX];
  if (!::realpath(path.c_str(), real)) return path + " cannot be resolved: " + errno_text(errno);
  if (directory) return chain_problem(real);
  if (::lstat(real, &st) != 0)
    return std::string(real) + " cannot be checked: " + errno_text(errno);
  if (auto problem = owner_or_mode_problem(real, st, false)) return problem;
  return chain_problem(parent_of(real));
}

std::optional<std::string> ScriptTrust::chain_problem(const std::string& dir) {
  if (auto known = chains_.find(dir); known != chains_.end()) return known->second;
  std::optional<std::string> problem = entry_problem(dir, true);
  if (!problem && dir != "/") problem = chain_problem(parent_of(dir));
  chains_.emplace(dir, problem);
  return problem;
}

std::optional<std::string> ScriptTrust::distrust(const std::string& path) {
  std::string absolute = std::filesystem::absolute(path).lexically_normal().string();
  std::optional<std::string> problem = entry_problem(absolute, false);
  if (!problem) problem = chain_problem(parent_of(absolute));
  if (problem) problem = "not running " + path + ": " + *problem;
  return problem;
}

}  // namespace mdev

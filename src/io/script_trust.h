// SPDX-License-Identifier: LGPL-2.1-or-later
#pragma once
// Whether a script may run as the user running mdevctl, which is root at
// boot (behaviour.md section 6, "Trust"): a script another user can change
// is a way into root. sudo, cron and systemd hold their files to the same
// rule.
#include <sys/types.h>

#include <map>
#include <optional>
#include <string>

namespace mdev {

// The file and every directory above it, up to /, must be owned by root or
// by `trusted_user`, and not writable by group or others; a directory with
// the sticky bit owned by root (/tmp) is fine. Each directory is checked
// once per ScriptTrust: one command pays for a chain once, however many
// scripts it holds. A file is checked each time it is asked about: callers
// keep their verdict.
class ScriptTrust {
 public:
  ScriptTrust();  // trusts the effective user
  explicit ScriptTrust(uid_t trusted_user) : trusted_user_(trusted_user) {}

  // Why `path` must not run, as one line that names the file and the fix;
  // nothing when it may.
  std::optional<std::string> distrust(const std::string& path);

 private:
  // The first problem of `dir` or a directory above it, links followed.
  std::optional<std::string> chain_problem(const std::string& dir);
  // Of `path` itself (lstat), a link followed to where it leads.
  std::optional<std::string> entry_problem(const std::string& path, bool directory);
  std::optional<std::string> owner_or_mode_problem(const std::string& path, const struct stat& st,
                                                   bool directory) const;

  uid_t trusted_user_;
  std::map<std::string, std::optional<std::string>> chains_;  // by directory
};

}  // namespace mdev

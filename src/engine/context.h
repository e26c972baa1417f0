// SPDX-License-Identifier: LGPL-2.1-or-later
#pragma once
#include <chrono>
#include <map>
#include <memory>
#include <string>

#include "engine/callouts.h"
#include "engine/logger.h"
#include "engine/runtime.h"
#include "io/config_store.h"
#include "io/root.h"
#include "io/sysfs_root.h"

namespace mdev {

class ParentKind;

// The options every command runs with: from the command line and the
// environment, set once by the session and passed down as one value.
struct RunOptions {
  bool force = false;  // carry on past a failing pre call-out
  unsigned jobs = 16;  // devices handled at once
  // How long start waits for the directory of a device it created before
  // writing its attributes (MDEVCTL_DEVICE_WAIT); the kernel has it at once.
  std::chrono::milliseconds device_wait{5000};
  // How long autostart waits for a type on a parent that is present (MDEVCTL_TYPE_WAIT).
  std::chrono::milliseconds type_wait{30000};
  // How long stop retries a `0` that a VF refuses while its VM goes away
  // (MDEVCTL_VGPU_CLEAR_WAIT).
  std::chrono::milliseconds vgpu_clear_wait{10000};
  // Whether autostart enables SR-IOV on a PF whose would-be VFs have auto
  // definitions (MDEVCTL_SRIOV_ENABLE=0: not), and for how long it tries
  // (MDEVCTL_SRIOV_WAIT).
  bool sriov_enable = true;
  std::chrono::milliseconds sriov_wait{120000};
  // The first pause after a failed try; pauses double up to 8 times that.
  std::chrono::milliseconds sriov_first_pause{1000};
  // How long define, modify and undefine wait for another process's change
  // of the definitions (MDEVCTL_LOCK_WAIT).
  std::chrono::milliseconds definitions_lock_wait{10000};
  // How long autostart waits for another process's autostart of the same
  // parent, which runs call-outs (MDEVCTL_AUTOSTART_LOCK_WAIT).
  std::chrono::milliseconds autostart_lock_wait{600000};
};

// What every command runs against: the session's runtime (loop, threads,
// children, the stop event), the root's disk, the call-outs, the log, and
// the options.
struct Context {
  Runtime& runtime;
  const Root& root;
  const SysfsRoot& sysfs;
  const ConfigStore& store;
  Callouts& callouts;
  Logger& log;
  RunOptions options = {};
  // Each parent's kind, decided at the first question (engine/parent_kind.h).
  std::shared_ptr<std::map<std::string, const ParentKind*>> kinds =
      std::make_shared<std::map<std::string, const ParentKind*>>();

  // The same root, options and kinds, logging to `other_log` through
  // `other_callouts` (autostart keeps each device's lines together).
  Context with(Callouts& other_callouts, Logger& other_log) const {
    return Context{runtime, root, sysfs, store, other_callouts, other_log, options, kinds};
  }
};

}  // namespace mdev

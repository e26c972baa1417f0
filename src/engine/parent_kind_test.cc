// SPDX-License-Identifier: LGPL-2.1-or-later
#include "engine/parent_kind.h"

#include "engine/mdev_parent.h"
#include "engine/nvidia_vf_parent.h"
#include "support/catch.h"
#include "support/fake_root.h"
#include "support/recording_callouts.h"

using namespace mdev;
namespace fs = std::filesystem;

TEST_CASE("A parent's kind comes from the table, once per command") {
  Runtime runtime;
  FakeRoot disk;
  RecordingCallouts callouts;
  Logger log{LogLevel::kWarn, [](std::string_view) {}};
  Context ctx{runtime, disk.root, disk.sysfs, disk.store, callouts, log};
  disk.kernel.add_type("0000:00:02.0", "i915-GVTg_V5_4");
  auto vfs = disk.kernel.nvidia().add_gpu("0000:41:00.0", 2, {{1147, "L40S-1Q", 1}}, 48);

  CHECK(&parent_kind(ctx, "0000:00:02.0") == &mdev_parent());
  CHECK(&parent_kind(ctx, vfs[0]) == &nvidia_vf_parent());
  CHECK(&parent_kind(ctx, "0000:41:00.0") == &mdev_parent());  // the PF holds no vGPU
  CHECK(&parent_kind(ctx, "0000:99:00.0") == &mdev_parent());  // absent: as upstream sees it
  CHECK(ctx.kinds->size() == 4);

  // Decided: the VF going in the middle of a command changes nothing.
  fs::remove_all(disk.sysfs.vfs().dir(vfs[0]) + "/nvidia");
  fs::remove(disk.sysfs.vfs().dir(vfs[0]) + "/driver");
  CHECK(&parent_kind(ctx, vfs[0]) == &nvidia_vf_parent());
  // Autostart's per-device contexts share the decisions; a new command decides anew.
  RecordingCallouts other;
  CHECK(ctx.with(other, log).kinds == ctx.kinds);
  Context next{runtime, disk.root, disk.sysfs, disk.store, callouts, log};
  CHECK(&parent_kind(next, vfs[0]) == &mdev_parent());
}

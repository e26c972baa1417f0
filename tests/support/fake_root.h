// SPDX-License-Identifier: LGPL-2.1-or-later
#pragma once
// A root of its own for an in-process test: a temp dir as `/`, the fake
// kernel behind the sysfs writes, and the definitions store.
#include "io/config_store.h"
#include "io/root.h"
#include "io/sysfs_root.h"
#include "support/fake_kernel.h"
#include "support/temp_dir.h"

struct FakeRoot {
  TempDir tmp;
  mdev::Root root{tmp.path};
  FakeKernel kernel{tmp.path};
  mdev::SysfsRoot sysfs{root, kernel};
  mdev::ConfigStore store{root};
};

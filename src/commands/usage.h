// SPDX-License-Identifier: LGPL-2.1-or-later
#pragma once
// The option combinations each command refuses, checked on the request alone
// before anything is read or changed: a refusal is a UsageError (exit 2).
// What depends on the disk (is the device defined, running?) stays in the
// command.
#include "commands/requests.h"

namespace mdev {

void check_usage(const DefineRequest& request);
void check_usage(const ModifyRequest& request);
void check_usage(const StartRequest& request);
void check_usage(const StartParentRequest& request);

}  // namespace mdev

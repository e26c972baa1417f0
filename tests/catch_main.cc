// SPDX-License-Identifier: LGPL-2.1-or-later
#define CATCH_CONFIG_RUNNER
#include <csignal>

#include "support/catch.h"

int main(int argc, char** argv) {
  // As mdevctl's own entry point does (run_main): a child that exits without
  // reading its stdin must not kill the process that feeds it (a call-out in
  // the in-process tests, mdevctl in the black-box ones) with SIGPIPE.
  std::signal(SIGPIPE, SIG_IGN);
  return Catch::Session().run(argc, argv);
}

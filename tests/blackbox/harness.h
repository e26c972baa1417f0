// SPDX-License-Identifier: LGPL-2.1-or-later
#pragma once
// Runs the built mdevctl against copies of fixture roots, the way an admin
// or libvirt would, and lets tests compare output, exit status and the tree.
#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace blackbox {

struct Run {
  int status = -1;
  std::string out;
  std::string err;
  std::string first_err_line() const { return err.substr(0, err.find('\n')); }
};

// A private copy of tests/fixtures/sysfs/<name> (or an empty root for "").
class FixtureRoot {
 public:
  explicit FixtureRoot(const std::string& name);
  ~FixtureRoot();
  FixtureRoot(const FixtureRoot&) = delete;
  FixtureRoot& operator=(const FixtureRoot&) = delete;

  const std::filesystem::path& dir() const { return dir_; }
  std::filesystem::path path(const std::string& relative) const { return dir_ / relative; }

  // Runs mdevctl with MDEVCTL_ENV_ROOT set to this root.
  Run mdevctl(const std::vector<std::string>& args, const std::string& stdin_text = "",
              const std::vector<std::string>& extra_env = {}) const;

  // Every file, directory and link below the root with its contents or target.
  std::map<std::string, std::string> snapshot() const;
  std::string read(const std::string& relative) const;
  void write(const std::string& relative, const std::string& text) const;
  // Waits (5 s at most) until `relative` exists (or, with present = false, is
  // gone); returns whether it came to that. The simulated kernel acts a
  // moment after mdevctl's write returns; the real one during it.
  bool wait_for(const std::string& relative, bool present = true) const;
  bool wait_for_device(const std::string& uuid, bool present = true) const;
  // A shell script, executable; $ROOT in it is this root's path.
  void write_script(const std::string& relative, const std::string& body) const;

 private:
  std::filesystem::path dir_;
};

// A root where nothing reacts to a write, shaped as upstream mdevctl's own
// tests shape theirs: parents are plain directories under sys/class/mdev_bus,
// a type has available_instances, device_api and name but no `create`, and an
// active device is a directory under its parent with an absolute `mdev_type`
// link, no `remove`, and an absolute link in sys/bus/mdev/devices.
// The parent, type and UUID that upstream's own tests use most
// (`using namespace blackbox::upstream;` in a test file).
namespace upstream {
inline const std::string kP = "0000:00:03.0";
inline const std::string kT = "arbitrary_type";
inline const std::string kU = "976d8cc2-4bfc-43b9-b9f9-f4af2de91ab9";
}  // namespace upstream

class PassiveRoot : public FixtureRoot {
 public:
  PassiveRoot() : FixtureRoot("") {}
  void add_type(const std::string& parent, const std::string& type, int instances = 1) const;
  void add_active(const std::string& uuid, const std::string& parent,
                  const std::string& type) const;
  std::string type_dir(const std::string& parent, const std::string& type) const {
    return "sys/class/mdev_bus/" + parent + "/mdev_supported_types/" + type + "/";
  }
  std::string device_dir(const std::string& parent, const std::string& uuid) const {
    return "sys/class/mdev_bus/" + parent + "/" + uuid + "/";
  }
};

// Three auto devices of p0/t1 on `root`, handled by one call-out script (so
// they take turns) whose pre takes a second; it logs each pre and post to
// ROOT/log. Returns their UUIDs, in the order they start.
std::vector<std::string> define_three_behind_a_slow_pre(const PassiveRoot& root);
// Waits (10 s at most) until ROOT/log shows the first pre under way.
bool wait_for_first_pre(const PassiveRoot& root);

// What differs between two snapshots, one line per path; empty when nothing does.
std::string changes(const std::map<std::string, std::string>& before,
                    const std::map<std::string, std::string>& after);

// A command line mdevctl must refuse, the one error line it must print and
// its exit status.
struct Refusal {
  std::vector<std::string> args;
  std::string error;
  int status = 1;
};
// A usage error: exit status 2, and the line points to the command's --help.
Refusal usage(std::vector<std::string> args, const std::string& problem);
// Checks each: its exit status, nothing on stdout, exactly `error` on
// stderr, and the tree byte for byte as it was.
void expect_refusals(const FixtureRoot& root, const std::vector<Refusal>& refusals);

// Runs any program; argv[0] is the path.
Run run_program(const std::vector<std::string>& argv, const std::string& stdin_text,
                const std::vector<std::string>& env);

// tests/sim/simkernel running on a root for the lifetime of this object.
class SimulatedKernel {
 public:
  explicit SimulatedKernel(const FixtureRoot& root);
  ~SimulatedKernel();
  SimulatedKernel(const SimulatedKernel&) = delete;
  SimulatedKernel& operator=(const SimulatedKernel&) = delete;

 private:
  int pid_ = -1;
};

std::string mdevctl_binary();

// mdevctl running in the background on a root (`monitor`), its stdout and
// stderr going to files that tests read while it runs.
class Background {
 public:
  // With `stdout_fd`, its stdout is that descriptor (a pipe, say) instead of a file.
  Background(const FixtureRoot& root, const std::vector<std::string>& args,
             const std::vector<std::string>& extra_env = {}, int stdout_fd = -1);
  ~Background();  // SIGKILL, if still running
  Background(const Background&) = delete;
  Background& operator=(const Background&) = delete;

  int pid() const { return pid_; }
  std::string out() const;
  std::string err() const;
  // Waits (10 s at most) until stdout (or stderr) has `text`.
  bool wait_for_out(const std::string& text) const;
  bool wait_for_err(const std::string& text) const;
  // Sends `signal` and waits for the exit; the exit status, or 128 + signal.
  int stop(int signal);

 private:
  std::filesystem::path out_, err_;
  int pid_ = -1;
};

// A process that holds `file` open, as a VM holds its VFIO group: `sleep`,
// with the file on a descriptor it inherits. Ready once the constructor
// returns (the process has exec'd with the file open); killed at the end.
class HeldOpen {
 public:
  explicit HeldOpen(const std::filesystem::path& file);
  ~HeldOpen();
  HeldOpen(const HeldOpen&) = delete;
  HeldOpen& operator=(const HeldOpen&) = delete;
  int pid() const { return pid_; }

 private:
  int pid_ = -1;
};

}  // namespace blackbox

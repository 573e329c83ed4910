// The number of CPUs this process may run on: its affinity mask (taskset, cgroup cpusets), not
// the machine's core count, so "one worker per core" means the cores actually granted.
//
//   int workers = plexus::availableCpus();   // 1 under `taskset -c 1 router ...`
#pragma once

#include <sched.h>

#include <algorithm>
#include <thread>

namespace plexus {

inline int availableCpus() {
  cpu_set_t set;
  CPU_ZERO(&set);
  if (sched_getaffinity(0, sizeof set, &set) == 0) {
    int count = CPU_COUNT(&set);
    if (count > 0) return count;
  }
  return static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
}

}  // namespace plexus

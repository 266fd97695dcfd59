#pragma once

namespace pc {

// What the process's hardening looks like after a call (read back from the kernel, not
// assumed), for tests and one log line.
struct ProcessHardening
{
    bool compiledIn = false;   // this build hardens (release builds: PC_HARDEN_PROCESS)
    bool coreDumpsOff = false; // RLIMIT_CORE is 0, soft and hard
    bool notDumpable = false;  // prctl(PR_GET_DUMPABLE) is 0
};

// Keeps the partner API key, which the console holds in memory, out of core files and out of
// reach of other processes of the same user (RELIABILITY.md, "Secrets"):
//  - RLIMIT_CORE 0 (soft and hard, so no library can raise it again): no core file in the
//    working directory when core_pattern is a plain file name;
//  - PR_SET_DUMPABLE 0: no core at all, also when core_pattern pipes to a collector such as
//    systemd-coredump (the kernel ignores RLIMIT_CORE for pipes), and no ptrace attach or
//    /proc/<pid>/mem, environ, maps reading by other processes of the same user (root with
//    CAP_SYS_PTRACE still can). /proc/<pid>/cmdline and status stay readable to everyone, and
//    the process keeps full access to its own /proc/self.
// Both are inherited across fork but the dumpable flag is reset by execve, so helper programs
// (QtWebEngineProcess, a browser started for a link) keep their own defaults apart from the
// core limit, which they inherit.
//
// Only release builds do this (the core library is compiled with PC_HARDEN_PROCESS for every
// configuration but Debug): developers want core files and `gdb -p` in dev and asan builds.
// Call it first in main(), before the key is read. Returns the state it left.
ProcessHardening hardenProcess();

// What hardenProcess() does in a release build, whatever this build is: for the test that
// checks the release behaviour from a Debug build.
ProcessHardening applyProcessHardening();

// The hardening in effect for this process now (no change made).
ProcessHardening currentProcessHardening();

} // namespace pc

#pragma once

class QThread;

namespace pc {

// Where order store work must never run: the window's GUI thread, which has to stay free for
// painting and input whatever the database does (a PostgreSQL server far away, a disk that
// syncs slowly). The window forbids its GUI thread once at start; every store call and every
// open checks the thread it runs on (OrderStore), so a path that still reaches the store from
// the GUI thread shows up: in the log for a user, as a failed test in the test suites, which
// ask for an abort.
class StoreThreadCheck final
{
public:
    enum class Reaction { Log, Abort };

    // Forbids `thread` (nullptr lifts the ban).
    static void forbid(QThread *thread, Reaction reaction = Reaction::Log);
    // Store work is about to run on the current thread: says so (or aborts) when forbidden.
    // `what` names the work, for the message.
    static void check(const char *what);
    // How many checks found the forbidden thread since the ban was set.
    static int violations();
};

} // namespace pc

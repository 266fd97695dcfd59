#pragma once

class QThread;

namespace pc {

// Where a store's work must never run: the window's GUI thread, which has to stay free for
// painting and input whatever the database does (a PostgreSQL server far away, a disk that
// syncs slowly). A store told its forbidden thread (OrderStore::setForbiddenThread()) checks
// every call and every open against it, so a path that still reaches the store from the GUI
// thread shows up: in the log for a user, as an abort in the test suites, which ask for one.
class StoreThreadCheck final
{
public:
    enum class Reaction { Log, Abort };

    static void setReaction(Reaction reaction);
    // Store work is about to run on the current thread; says so (or aborts) when that is
    // `forbidden`. `what` names the work, for the message.
    static void check(const QThread *forbidden, const char *what);
    // How many checks found a forbidden thread in this process.
    static int violations();
};

} // namespace pc

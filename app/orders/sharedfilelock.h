#pragma once

#include <QDeadlineTimer>
#include <QString>

namespace pc {

// An advisory lock on a file (flock(2)) that many holders may share or one may hold alone.
// The order store holds it shared for as long as it has its database open, and alone only to
// create the database or to move a damaged one aside: holding it alone proves that no other
// process (and no other store in this process) is using the database. The kernel releases it
// when its holder exits, however it exits, so a killed console never leaves it behind.
class SharedFileLock final
{
public:
    enum class Mode { Shared, Exclusive };

    explicit SharedFileLock(const QString &path);
    ~SharedFileLock();
    SharedFileLock(const SharedFileLock &) = delete;
    SharedFileLock &operator=(const SharedFileLock &) = delete;

    // Takes the lock in `mode` (or converts the lock held to it), trying again until
    // `deadline`. False when the deadline passed (timedOut()) or the lock file cannot be
    // opened (errorString()).
    bool lock(Mode mode, QDeadlineTimer deadline);
    bool tryLock(Mode mode) { return lock(mode, QDeadlineTimer(0)); }
    void unlock();

    bool isLocked() const { return m_locked; }
    bool timedOut() const { return m_timedOut; }
    QString errorString() const { return m_error; }
    QString path() const { return m_path; }

private:
    QString m_path;
    int m_fd = -1;
    bool m_locked = false;
    bool m_timedOut = false;
    QString m_error;
};

} // namespace pc

#include "orders/sharedfilelock.h"

#include <QFile>
#include <QThread>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

namespace pc {

namespace {

// How often a held lock is tried again: it is held alone only while a store is created or
// repaired, which takes milliseconds.
constexpr int kRetryMs = 10;

} // namespace

SharedFileLock::SharedFileLock(const QString &path)
    : m_path(path)
{}

SharedFileLock::~SharedFileLock()
{
    unlock();
    if (m_fd >= 0)
        ::close(m_fd);
}

bool SharedFileLock::lock(Mode mode, QDeadlineTimer deadline)
{
    m_timedOut = false;
    m_error.clear();
    if (m_fd < 0) {
        const QByteArray name = QFile::encodeName(m_path);
        do {
            m_fd = ::open(name.constData(), O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
        } while (m_fd < 0 && errno == EINTR);
        if (m_fd < 0) {
            m_error = QString::fromLocal8Bit(std::strerror(errno));
            return false;
        }
    }
    const int operation = (mode == Mode::Shared ? LOCK_SH : LOCK_EX) | LOCK_NB;
    for (;;) {
        if (::flock(m_fd, operation) == 0) {
            m_locked = true;
            return true;
        }
        if (errno != EWOULDBLOCK && errno != EINTR) {
            m_error = QString::fromLocal8Bit(std::strerror(errno));
            return false;
        }
        // A conversion that failed has let go of the lock held before (flock(2)).
        if (errno == EWOULDBLOCK)
            m_locked = false;
        if (deadline.hasExpired()) {
            m_timedOut = true;
            return false;
        }
        const qint64 left = deadline.remainingTime(); // -1: forever
        QThread::msleep(left < 0 ? kRetryMs : std::clamp<qint64>(left, 1, kRetryMs));
    }
}

void SharedFileLock::unlock()
{
    if (m_fd >= 0 && m_locked)
        ::flock(m_fd, LOCK_UN);
    m_locked = false;
}

} // namespace pc

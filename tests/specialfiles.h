#pragma once

// Files that are not regular files, for the suites that check they are refused rather than
// read: a FIFO, and a link to a device. A FIFO that some code wrongly opens for reading blocks
// that code until a writer comes; FifoWriter is that writer, so a suite that finds the
// blocking bug fails instead of hanging CTest.

#include <QByteArray>
#include <QFile>
#include <QString>

#include <atomic>
#include <chrono>
#include <fcntl.h>
#include <sys/stat.h>
#include <thread>
#include <unistd.h>

namespace pc::test {

inline bool makeFifo(const QString &path)
{
    return ::mkfifo(QFile::encodeName(path).constData(), 0600) == 0;
}

// From `after` on, and until it is destroyed, keeps opening the FIFO's writing end and
// closing it again: a reader blocked in open() (the bug under test) wakes up and reads an
// empty stream. Opening with O_NONBLOCK fails harmlessly while nobody reads, so nothing here
// ever blocks. Destruction releases any reader left for a moment, then stops.
class FifoWriter final
{
public:
    explicit FifoWriter(const QString &fifo,
                        std::chrono::milliseconds after = std::chrono::milliseconds(10000))
        : m_path(QFile::encodeName(fifo))
    {
        m_thread = std::thread([this, after] {
            const auto start = std::chrono::steady_clock::now();
            std::chrono::steady_clock::time_point stopAt{};
            for (;;) {
                const auto now = std::chrono::steady_clock::now();
                if (m_stop.load()) {
                    if (stopAt == std::chrono::steady_clock::time_point{})
                        stopAt = now + std::chrono::milliseconds(300);
                    if (now >= stopAt)
                        return;
                }
                if (m_stop.load() || now - start >= after) {
                    const int fd = ::open(m_path.constData(), O_WRONLY | O_NONBLOCK | O_CLOEXEC);
                    if (fd >= 0)
                        ::close(fd);
                }
                std::this_thread::sleep_for(std::chrono::milliseconds(20));
            }
        });
    }
    ~FifoWriter()
    {
        m_stop = true;
        m_thread.join();
    }
    FifoWriter(const FifoWriter &) = delete;
    FifoWriter &operator=(const FifoWriter &) = delete;

private:
    QByteArray m_path;
    std::atomic<bool> m_stop{false};
    std::thread m_thread;
};

} // namespace pc::test

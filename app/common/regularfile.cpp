#include "common/regularfile.h"

#include <QCoreApplication>
#include <QFile>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace pc {

namespace {

// Text::tr() for this file's function; lupdate takes the context from the macro.
struct Text
{
    Q_DECLARE_TR_FUNCTIONS(RegularFile)
};

QString describeNotRegular(const QString &path, mode_t mode)
{
    if (S_ISDIR(mode))
        return Text::tr("%1 is a folder, not a file.").arg(path);
    if (S_ISFIFO(mode))
        return Text::tr("%1 is a named pipe (FIFO), not a regular file, so it was not read. "
                        "Give the path of an ordinary file.")
            .arg(path);
    if (S_ISCHR(mode) || S_ISBLK(mode))
        return Text::tr("%1 is a device, not a regular file, so it was not read. Give the path "
                        "of an ordinary file.")
            .arg(path);
    return Text::tr("%1 is not a regular file (a socket or another special file), so it was not "
                    "read. Give the path of an ordinary file.")
        .arg(path);
}

} // namespace

bool openRegularFile(QFile &file, const QString &path, QString *error)
{
    auto fail = [error](const QString &message) {
        if (error)
            *error = message;
        return false;
    };
    const QByteArray encoded = QFile::encodeName(path);
    int fd = -1;
    do {
        fd = ::open(encoded.constData(), O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
    } while (fd < 0 && errno == EINTR);
    if (fd < 0)
        return fail(Text::tr("%1 cannot be read: %2")
                        .arg(path, QString::fromLocal8Bit(std::strerror(errno))));
    struct stat status = {};
    if (::fstat(fd, &status) != 0) {
        const QString message = Text::tr("%1 cannot be read: %2")
                                    .arg(path, QString::fromLocal8Bit(std::strerror(errno)));
        ::close(fd);
        return fail(message);
    }
    if (!S_ISREG(status.st_mode)) {
        ::close(fd);
        return fail(describeNotRegular(path, status.st_mode));
    }
    // Regular files ignore O_NONBLOCK; cleared anyway so that later reads mean what they say.
    if (const int flags = ::fcntl(fd, F_GETFL); flags >= 0)
        ::fcntl(fd, F_SETFL, flags & ~O_NONBLOCK);
    if (!file.open(fd, QIODevice::ReadOnly, QFileDevice::AutoCloseHandle)) {
        ::close(fd);
        return fail(Text::tr("%1 cannot be read: %2").arg(path, file.errorString()));
    }
    return true;
}

} // namespace pc

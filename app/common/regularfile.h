#pragma once

#include <QString>

class QFile;

namespace pc {

// Opens `path` read-only, but only when it is a regular file once links are followed. A FIFO,
// a device (/dev/zero, a terminal), a socket or a folder is refused with a message that says
// what it is: reading one would block forever or never end. The open itself never blocks
// (O_NONBLOCK, so a FIFO without a writer cannot hang it), and the type is checked on the
// opened descriptor, so the file cannot be swapped for something else between check and use.
// On success `file` owns the descriptor; its fileName() is then empty, hence `path` in every
// message.
bool openRegularFile(QFile &file, const QString &path, QString *error);

} // namespace pc

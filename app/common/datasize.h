#pragma once

#include <QLocale>
#include <QString>

namespace pc {

// The one way the console and the CLI show a number of bytes: "13.1 kB", "402.7 MB",
// "12.3 MB" (a speed is this plus "/s"). Every file size, transfer speed and free disk
// space shown anywhere goes through it, so one file never reads as 13.1 kB in one place and
// 12.78 KiB in another.
QString formatDataSize(qint64 bytes, const QLocale &locale = QLocale());

} // namespace pc

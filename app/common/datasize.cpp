#include "common/datasize.h"

#include <algorithm>

namespace pc {

QString formatDataSize(qint64 bytes, const QLocale &locale)
{
    // SI units (1 kB = 1000 bytes) with one decimal. GNOME Files, the file manager of
    // Debian's default desktop, counts in powers of 1000 too, so the size shown here is the
    // one the user saw next to the file before dropping it; and "kB" is read right by people
    // who never met "KiB". One decimal tells files apart without a precision nobody needs.
    return locale.formattedDataSize(std::max<qint64>(bytes, 0), 1, QLocale::DataSizeSIFormat);
}

} // namespace pc

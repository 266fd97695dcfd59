#pragma once

#include "common/decimal.h"

#include <QLocale>
#include <QString>

#include <array>

namespace pc {

// How every view (queue row, order table, order details, dashboard, CLI text) writes a price
// and a design's size, so the same order reads the same everywhere.

// Money with its currency, exactly as stored (never through a double), in `locale`'s format:
// the locale's own symbol for its own currency ("$12.50" in en_US, "12,50 €" in de_DE), the
// ISO code otherwise, on the side where the locale puts its symbol ("EUR 12.50" in en_US,
// "12,50 USD" in de_DE). At least the currency's usual decimals. Without a currency, the
// amount alone.
QString formatMoney(const Decimal &price, const QString &currency,
                    const QLocale &locale = QLocale());

// The bounding box of a design, width × depth × height in millimetres: "20.0 × 20.0 × 10.0 mm"
// in the locale's digits. One decimal, two when the largest side is under 10 mm (small parts
// need it to tell them apart), the same for all three sides.
QString formatDimensions(const std::array<double, 3> &size, const QLocale &locale = QLocale());

} // namespace pc

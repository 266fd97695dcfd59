#include "common/decimal.h"

#include <limits>

namespace pc {

std::optional<Decimal> Decimal::fromString(QStringView text, bool allowComma)
{
    text = text.trimmed();
    bool negative = false;
    if (!text.isEmpty() && (text.front() == u'-' || text.front() == u'+')) {
        negative = text.front() == u'-';
        text = text.mid(1);
    }
    if (text.isEmpty())
        return std::nullopt;

    qint64 mantissa = 0;
    int scale = 0;
    bool seenPoint = false;
    int digits = 0;
    for (const QChar c : text) {
        if (c == u'.' || (allowComma && c == u',')) {
            if (seenPoint)
                return std::nullopt;
            seenPoint = true;
            continue;
        }
        if (c < u'0' || c > u'9')
            return std::nullopt;
        if (seenPoint && ++scale > kMaxScale)
            return std::nullopt;
        const int digit = c.unicode() - u'0';
        if (mantissa > (std::numeric_limits<qint64>::max() - digit) / 10)
            return std::nullopt;
        mantissa = mantissa * 10 + digit;
        ++digits;
    }
    if (digits == 0)
        return std::nullopt;
    if (seenPoint && scale == 0)
        return std::nullopt; // "10." is a typo more often than a number
    return Decimal(negative ? -mantissa : mantissa, scale);
}

Decimal Decimal::fromMinorUnits(qint64 mantissa, int scale)
{
    mantissa = qMax(mantissa, std::numeric_limits<qint64>::min() + 1);
    return Decimal(mantissa, qBound(0, scale, kMaxScale));
}

QString Decimal::toString(int minScale) const
{
    qint64 mantissa = m_mantissa;
    int scale = m_scale;
    while (scale < minScale && scale < kMaxScale &&
           mantissa <= std::numeric_limits<qint64>::max() / 10 &&
           mantissa >= std::numeric_limits<qint64>::min() / 10) {
        mantissa *= 10;
        ++scale;
    }
    const bool negative = mantissa < 0;
    // The mantissa never holds INT64_MIN (fromString() bounds it), so qAbs() is safe.
    QString digits = QString::number(qAbs(mantissa));
    if (scale > 0) {
        if (digits.size() <= scale)
            digits.prepend(QString(scale - digits.size() + 1, u'0'));
        digits.insert(digits.size() - scale, u'.');
    }
    return negative ? u'-' + digits : digits;
}

bool operator==(const Decimal &a, const Decimal &b)
{
    // Compare by value: 10.5 == 10.50.
    qint64 am = a.m_mantissa;
    qint64 bm = b.m_mantissa;
    int as = a.m_scale;
    int bs = b.m_scale;
    while (as < bs) {
        am *= 10;
        ++as;
    }
    while (bs < as) {
        bm *= 10;
        ++bs;
    }
    return am == bm;
}

} // namespace pc

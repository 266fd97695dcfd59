#pragma once

#include <QMetaType>
#include <QString>

#include <optional>

namespace pc {

// An exact, non-negative-or-negative decimal number for money: an integer mantissa and a
// scale (number of digits after the point). Never a float, so 10.56 stays 10.56.
class Decimal final
{
public:
    static constexpr int kMaxScale = 6;

    Decimal() = default;

    // Parses plain decimal text: optional sign, digits, optional '.' and up to kMaxScale
    // digits ("10", "10.5", "0.99", "-3.25"). No exponent, no grouping, no NaN/Inf.
    // `allowComma` also accepts one ',' as the decimal separator ("10,50").
    static std::optional<Decimal> fromString(QStringView text, bool allowComma = false);
    static Decimal fromMinorUnits(qint64 mantissa, int scale);

    qint64 mantissa() const { return m_mantissa; }
    int scale() const { return m_scale; }
    bool isNegative() const { return m_mantissa < 0; }

    // Canonical text with a dot and at least `minScale` decimals: "10.56", "10.50", "3".
    QString toString(int minScale = 0) const;

    friend bool operator==(const Decimal &a, const Decimal &b);

private:
    Decimal(qint64 mantissa, int scale)
        : m_mantissa(mantissa)
        , m_scale(scale)
    {}

    qint64 m_mantissa = 0;
    int m_scale = 0;
};

} // namespace pc

Q_DECLARE_METATYPE(pc::Decimal)

#include "orders/displayformat.h"

#include "orders/orderform.h"

#include <QCoreApplication>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace pc {

QString formatMoney(const Decimal &price, const QString &currency, const QLocale &locale)
{
    const QString code = currency.trimmed().toUpper();
    const int decimals = std::max(code.isEmpty() ? 0 : currencyMinorDigits(code), price.scale());
    const QString plain = price.toString(decimals); // "-1234.50": exact, with a dot
    const bool negative = plain.startsWith(u'-');
    const QStringView digits = QStringView(plain).mid(negative ? 1 : 0);
    const qsizetype point = digits.indexOf(u'.');
    const QStringView whole = point < 0 ? digits : digits.left(point);

    // The whole part always fits in a qint64 (the mantissa does); the locale groups it.
    QString amount = locale.toString(whole.toLongLong());
    if (point >= 0) {
        amount += locale.decimalPoint();
        for (const QChar digit : digits.mid(point + 1))
            amount += locale.toString(digit.digitValue());
    }
    if (code.isEmpty())
        return negative ? locale.negativeSign() + amount : amount;

    const bool ownCurrency = locale.currencySymbol(QLocale::CurrencyIsoCode) == code;
    const QString symbol = ownCurrency ? locale.currencySymbol(QLocale::CurrencySymbol) : code;
    // The locale's own pattern (symbol side, spacing, negative form) for a one-digit amount,
    // with that digit then replaced by the exact amount.
    const QString one = locale.toString(1);
    QString pattern = locale.toCurrencyString(negative ? -1.0 : 1.0, symbol, 0);
    qsizetype at = pattern.indexOf(one);
    if (at < 0)
        return (negative ? locale.negativeSign() : QString()) + amount + u'\u00a0' + code;
    if (!ownCurrency) {
        // An ISO code glued to the digits ("EUR12.50") is hard to read: keep them apart.
        const qsizetype symbolAt = pattern.indexOf(symbol);
        if (symbolAt >= 0 && symbolAt + symbol.size() == at) {
            pattern.insert(at, u'\u00a0');
            ++at;
        } else if (symbolAt >= 0 && at + one.size() == symbolAt) {
            pattern.insert(symbolAt, u'\u00a0');
        }
    }
    pattern.replace(at, one.size(), amount);
    return pattern;
}

QString formatDimensions(const std::array<double, 3> &size, const QLocale &locale)
{
    const double largest = *std::max_element(size.cbegin(), size.cend());
    const int decimals = largest < 10.0 ? 2 : 1;
    //: The bounding box of a design in millimetres: width x depth x height
    return QCoreApplication::translate("DisplayFormat", "%1 \u00d7 %2 \u00d7 %3 mm")
        .arg(locale.toString(size[0], 'f', decimals), locale.toString(size[1], 'f', decimals),
             locale.toString(size[2], 'f', decimals));
}

} // namespace pc

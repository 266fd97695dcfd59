// ISO 4217 currencies as Qt's locale data knows them: the code list, display names and the
// usual number of decimals (declared in orderform.h).
#include "orders/isocurrencynames.h"
#include "orders/orderform.h"

#include <QHash>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace pc {

namespace {

struct CurrencyInfo
{
    QList<std::pair<QLocale::Language, QString>> names; // display name per language
    int minorDigits = -1;
};

struct CurrencyTable
{
    QStringList codes;
    QHash<QString, CurrencyInfo> info;
};

bool isIsoCodeShape(const QString &code)
{
    return code.size() == 3 &&
           std::all_of(code.begin(), code.end(), [](QChar c) { return c >= u'A' && c <= u'Z'; });
}

// Decimals Qt's locale data gives this locale's currency: digits after the decimal point
// of the currency-formatted 1.
int formattedMinorDigits(const QLocale &locale)
{
    const QString formatted = locale.toCurrencyString(1.0, u"X"_s);
    const QString point = locale.decimalPoint();
    const qsizetype at = formatted.indexOf(point);
    if (at < 0)
        return 0;
    int digits = 0;
    for (qsizetype i = at + point.size(); i < formatted.size() && formatted.at(i).isDigit(); ++i)
        ++digits;
    return digits;
}

const CurrencyTable &currencyTable()
{
    static const CurrencyTable table = [] {
        CurrencyTable t;
        const QList<QLocale> locales = QLocale::matchingLocales(
            QLocale::AnyLanguage, QLocale::AnyScript, QLocale::AnyTerritory);
        for (const QLocale &locale : locales) {
            const QString code = locale.currencySymbol(QLocale::CurrencyIsoCode);
            if (!isIsoCodeShape(code))
                continue;
            CurrencyInfo &info = t.info[code];
            const QString name = locale.currencySymbol(QLocale::CurrencyDisplayName);
            if (!name.isEmpty())
                info.names.append({locale.language(), name});
            info.minorDigits = std::max(info.minorDigits, formattedMinorDigits(locale));
        }
        t.codes = t.info.keys();
        t.codes.sort();
        return t;
    }();
    return table;
}

} // namespace

const QStringList &isoCurrencyCodes()
{
    return currencyTable().codes;
}

std::optional<QString> knownCurrency(QStringView code)
{
    const QString upper = code.trimmed().toString().toUpper();
    if (!isIsoCodeShape(upper) || !currencyTable().info.contains(upper))
        return std::nullopt;
    return upper;
}

bool isKnownCurrency(QStringView code)
{
    return knownCurrency(code).has_value();
}

QString currencyDisplayName(QStringView code, const QLocale &uiLocale)
{
    const std::optional<QString> known = knownCurrency(code);
    if (!known)
        return code.trimmed().toString();
    if (uiLocale.currencySymbol(QLocale::CurrencyIsoCode) == *known) {
        const QString own = uiLocale.currencySymbol(QLocale::CurrencyDisplayName);
        if (!own.isEmpty())
            return own;
    }
    const CurrencyInfo &info = currencyTable().info[*known];
    auto inLanguage = [&info](QLocale::Language language) {
        for (const auto &[lang, name] : info.names) {
            if (lang == language)
                return name;
        }
        return QString();
    };
    // Qt's data for the user's language (the currency of a country speaking it), else the
    // system's iso-codes translation, else English.
    if (QString name = inLanguage(uiLocale.language()); !name.isEmpty())
        return name;
    if (QString name = isoCurrencyName(*known, uiLocale.language()); !name.isEmpty())
        return name;
    if (QString name = inLanguage(QLocale::English); !name.isEmpty())
        return name;
    return info.names.isEmpty() ? *known : info.names.front().second;
}

int currencyMinorDigits(QStringView code)
{
    const std::optional<QString> known = knownCurrency(code);
    if (!known)
        return 2;
    const int digits = currencyTable().info.value(*known).minorDigits;
    return digits < 0 ? 2 : digits;
}

QString defaultCurrencyForLocale(const QLocale &locale)
{
    return knownCurrency(locale.currencySymbol(QLocale::CurrencyIsoCode))
        .value_or(kDefaultCurrency.toString());
}

} // namespace pc

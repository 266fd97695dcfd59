#include "orders/orderform.h"

#include <QCoreApplication>
#include <QHash>
#include <QUrl>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace pc {

namespace {

// Text::tr() for this file's functions; lupdate takes the context from the macro.
struct Text
{
    Q_DECLARE_TR_FUNCTIONS(OrderForm)
};

bool isAsciiLetter(QChar c)
{
    return (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z');
}

bool isAsciiDigit(QChar c)
{
    return c >= u'0' && c <= u'9';
}

// --- e-mail ------------------------------------------------------------------------------

// RFC 5322 "atext" plus the dot (checked separately for position).
bool isLocalPartChar(QChar c)
{
    if (isAsciiLetter(c) || isAsciiDigit(c))
        return true;
    static constexpr char16_t kSpecials[] = u"!#$%&'*+-/=?^_`{|}~.";
    return std::find(std::begin(kSpecials), std::end(kSpecials) - 1, c.unicode()) !=
           std::end(kSpecials) - 1;
}

QString emailHint()
{
    return Text::tr("Enter an address like name@example.com.");
}

// Checks an ASCII (ACE) domain; returns an error message or an empty string.
QString checkAceDomain(const QString &domain, const QString &shownDomain)
{
    if (domain.size() > kMaxEmailDomainLength)
        return Text::tr("The domain of the receiver e-mail is longer than %1 characters. "
                        "Check the address.")
            .arg(kMaxEmailDomainLength);
    if (!domain.contains(u'.'))
        return Text::tr("The domain “%1” of the receiver e-mail has no dot. "
                        "Enter the full domain, like example.com.")
            .arg(shownDomain);
    const QStringList labels = domain.split(u'.');
    for (const QString &label : labels) {
        if (label.isEmpty())
            return Text::tr("The domain “%1” of the receiver e-mail has an empty part "
                            "(two dots in a row, or a dot at the start or end). Check the address.")
                .arg(shownDomain);
        if (label.size() > 63)
            return Text::tr("A part of the domain “%1” of the receiver e-mail is longer than 63 "
                            "characters. Check the address.")
                .arg(shownDomain);
        for (const QChar c : label) {
            if (!isAsciiLetter(c) && !isAsciiDigit(c) && c != u'-')
                return Text::tr(
                           "The domain “%1” of the receiver e-mail contains “%2”; only letters, "
                           "digits, hyphens and dots are allowed. Check the address.")
                    .arg(shownDomain, QString(c));
        }
        if (label.front() == u'-' || label.back() == u'-')
            return Text::tr(
                       "A part of the domain “%1” of the receiver e-mail starts or ends with a "
                       "hyphen. Check the address.")
                .arg(shownDomain);
    }
    const QString &tld = labels.last();
    const bool letters = std::all_of(tld.begin(), tld.end(), isAsciiLetter);
    const bool idnTld = tld.startsWith(u"xn--"_s, Qt::CaseInsensitive) && tld.size() > 4;
    if (!((letters && tld.size() >= 2) || idnTld))
        return Text::tr("The domain “%1” of the receiver e-mail does not end in a valid top-level "
                        "domain (like .com or .de). Check the address.")
            .arg(shownDomain);
    return {};
}

struct EmailParts
{
    QString local;
    QString aceDomain;
    QString error;
};

EmailParts splitEmail(QStringView text)
{
    EmailParts parts;
    const QString email = text.trimmed().toString();
    if (email.isEmpty()) {
        parts.error = Text::tr("The receiver e-mail is empty. %1").arg(emailHint());
        return parts;
    }
    const qsizetype at = email.indexOf(u'@');
    if (at < 0) {
        parts.error = Text::tr("The receiver e-mail has no @. %1").arg(emailHint());
        return parts;
    }
    if (email.indexOf(u'@', at + 1) >= 0) {
        parts.error = Text::tr("The receiver e-mail has more than one @. %1").arg(emailHint());
        return parts;
    }
    const QString local = email.left(at);
    const QString domain = email.mid(at + 1);
    if (local.isEmpty()) {
        parts.error = Text::tr("The receiver e-mail has nothing before the @. %1").arg(emailHint());
        return parts;
    }
    if (domain.isEmpty()) {
        parts.error = Text::tr("The receiver e-mail has nothing after the @. %1").arg(emailHint());
        return parts;
    }
    for (const QChar c : local) {
        if (c.isSpace()) {
            parts.error =
                Text::tr("The receiver e-mail contains a space. Remove it. %1").arg(emailHint());
            return parts;
        }
        if (!isLocalPartChar(c)) {
            parts.error = Text::tr("The part before the @ of the receiver e-mail contains “%1”, "
                                   "which is not allowed there. Use letters, digits and . + - _ "
                                   "only.")
                              .arg(QString(c));
            return parts;
        }
    }
    if (local.front() == u'.' || local.back() == u'.' || local.contains(u".."_s)) {
        parts.error = Text::tr("The part before the @ of the receiver e-mail starts or ends with a "
                               "dot, or has two dots in a row. Check the address.");
        return parts;
    }
    if (local.size() > kMaxEmailLocalLength) {
        parts.error = Text::tr("The part before the @ of the receiver e-mail is longer than %1 "
                               "characters. Check the address.")
                          .arg(kMaxEmailLocalLength);
        return parts;
    }
    for (const QChar c : domain) {
        if (c.isSpace() || c.category() == QChar::Other_Control) {
            parts.error = Text::tr("The domain of the receiver e-mail contains a space or an "
                                   "invisible character. Remove it. %1")
                              .arg(emailHint());
            return parts;
        }
    }
    QString ace = domain;
    const bool ascii =
        std::all_of(domain.begin(), domain.end(), [](QChar c) { return c.unicode() < 0x80; });
    if (!ascii) {
        ace = QString::fromLatin1(QUrl::toAce(domain));
        if (ace.isEmpty()) {
            parts.error = Text::tr("The domain “%1” of the receiver e-mail is not a valid "
                                   "international domain name. Check the address.")
                              .arg(domain);
            return parts;
        }
    }
    ace = ace.toLower();
    if (const QString error = checkAceDomain(ace, domain); !error.isEmpty()) {
        parts.error = error;
        return parts;
    }
    if (local.size() + 1 + ace.size() > kMaxEmailLength) {
        parts.error =
            Text::tr("The receiver e-mail is longer than %1 characters. Check the address.")
                .arg(kMaxEmailLength);
        return parts;
    }
    parts.local = local;
    parts.aceDomain = ace;
    return parts;
}

// --- price -------------------------------------------------------------------------------

enum class Mark { None, Dot, Comma, Space, Apostrophe };

Mark markOf(QChar c)
{
    switch (c.unicode()) {
    case u'.':
        return Mark::Dot;
    case u',':
        return Mark::Comma;
    case u' ':
    case 0x00A0: // no-break space
    case 0x2009: // thin space
    case 0x202F: // narrow no-break space
        return Mark::Space;
    case u'\'':
    case 0x2019: // right single quotation mark (de_CH in CLDR)
        return Mark::Apostrophe;
    default:
        return Mark::None;
    }
}

Mark markOf(const QString &separator)
{
    return separator.size() == 1 ? markOf(separator.front()) : Mark::None;
}

QString priceHint()
{
    return Text::tr("Use a number like 12.50.");
}

// Whether `integer` (digits and group marks of one kind, already checked) is grouped the
// usual way (1-3 digits, then groups of 3) or exactly as the locale formats it (en_IN:
// 12,34,567).
bool isCorrectGrouping(const QString &integer, Mark group, const QLocale &locale)
{
    QList<qsizetype> sizes;
    qsizetype run = 0;
    for (const QChar c : integer) {
        if (isAsciiDigit(c)) {
            ++run;
        } else {
            sizes.append(run);
            run = 0;
        }
    }
    sizes.append(run);
    bool usual = sizes.front() >= 1 && sizes.front() <= 3;
    for (qsizetype i = 1; i < sizes.size(); ++i)
        usual = usual && sizes.at(i) == 3;
    if (usual)
        return true;

    if (locale.zeroDigit() != u"0"_s)
        return false;
    QString digits;
    for (const QChar c : integer) {
        if (isAsciiDigit(c))
            digits.append(c);
    }
    bool ok = false;
    const qlonglong n = digits.toLongLong(&ok);
    if (!ok)
        return false;
    QString formatted = locale.toString(n);
    QString normalised;
    for (const QChar c : std::as_const(formatted))
        normalised.append(isAsciiDigit(c) ? c : (markOf(c) == group ? u'|' : u'#'));
    QString given;
    for (const QChar c : integer)
        given.append(isAsciiDigit(c) ? c : u'|');
    // Leading zeros are not grouped by the locale; compare without them.
    while (given.size() > 1 && given.front() == u'0' && isAsciiDigit(given.at(1)))
        given.remove(0, 1);
    return normalised == given;
}

} // namespace

// --- e-mail ------------------------------------------------------------------------------

FieldCheck<QString> checkEmail(QStringView text)
{
    FieldCheck<QString> result;
    const EmailParts parts = splitEmail(text);
    if (!parts.error.isEmpty()) {
        result.error = parts.error;
        return result;
    }
    QString domain = parts.aceDomain;
    if (domain.contains(u"xn--"_s)) {
        const QString unicode = QUrl::fromAce(domain.toLatin1(), QUrl::IgnoreIDNWhitelist);
        if (!unicode.isEmpty())
            domain = unicode.toLower();
    }
    result.value = parts.local + u'@' + domain;
    return result;
}

QString emailToAce(QStringView email)
{
    const EmailParts parts = splitEmail(email);
    if (!parts.error.isEmpty())
        return {};
    return parts.local + u'@' + parts.aceDomain;
}

// --- currency ----------------------------------------------------------------------------

FieldCheck<QString> checkCurrency(QStringView text)
{
    FieldCheck<QString> result;
    const QStringView trimmed = text.trimmed();
    if (trimmed.isEmpty()) {
        result.value = kDefaultCurrency.toString();
        return result;
    }
    result.value = knownCurrency(trimmed);
    if (!result.value)
        result.error = Text::tr("“%1” is not an ISO 4217 currency code. Use a three-letter code "
                                "like USD, EUR or GBP.")
                           .arg(trimmed.toString());
    return result;
}

// --- price -------------------------------------------------------------------------------

FieldCheck<Decimal> checkPrice(QStringView text, const QLocale &locale, QStringView currency)
{
    FieldCheck<Decimal> result;
    const QString t = text.trimmed().toString();
    if (t.isEmpty()) {
        result.error = Text::tr("The price is empty. %1").arg(priceHint());
        return result;
    }
    if (t.contains(u"nan"_s, Qt::CaseInsensitive) || t.contains(u"inf"_s, Qt::CaseInsensitive) ||
        t.contains(QChar(0x221E))) {
        result.error = Text::tr("The price “%1” is not a number. %2").arg(t, priceHint());
        return result;
    }
    if (t.front() == u'-' || t.front() == QChar(0x2212)) {
        result.error =
            Text::tr("The price cannot be negative. Enter 0 or more. %1").arg(priceHint());
        return result;
    }
    if (t.contains(u'e', Qt::CaseInsensitive) && std::any_of(t.begin(), t.end(), isAsciiDigit)) {
        result.error = Text::tr("The price “%1” uses an exponent. Write the number in full, like "
                                "1500 instead of 1.5e3.")
                           .arg(t);
        return result;
    }

    const Mark group = markOf(locale.groupSeparator());
    const Mark point = locale.decimalPoint() == u","_s ? Mark::Comma : Mark::Dot;

    // Every character is a digit or a mark; collect where the marks are.
    qsizetype lastDot = -1;
    qsizetype lastComma = -1;
    int dots = 0;
    int commas = 0;
    for (qsizetype i = 0; i < t.size(); ++i) {
        const QChar c = t.at(i);
        if (isAsciiDigit(c))
            continue;
        switch (markOf(c)) {
        case Mark::Dot:
            ++dots;
            lastDot = i;
            break;
        case Mark::Comma:
            ++commas;
            lastComma = i;
            break;
        case Mark::Space:
            if (group != Mark::Space) {
                result.error = Text::tr("The price “%1” contains a space. Write it without "
                                        "thousands separators. %2")
                                   .arg(t, priceHint());
                return result;
            }
            break;
        case Mark::Apostrophe:
            if (group != Mark::Apostrophe) {
                result.error = Text::tr("The price “%1” contains an apostrophe. Write it without "
                                        "thousands separators. %2")
                                   .arg(t, priceHint());
                return result;
            }
            break;
        case Mark::None:
            result.error = Text::tr("The price “%1” contains “%2”, which is not part of a number. "
                                    "Enter digits only, without a currency sign. %3")
                               .arg(t, QString(c), priceHint());
            return result;
        }
    }

    // Decide which mark (if any) is the decimal separator; every other mark must be the
    // locale's group separator.
    qsizetype decimalAt = -1;
    Mark other = Mark::None; // the kind of '.'/',' used for grouping, if any
    const QString ambiguous =
        Text::tr("The price “%1” is ambiguous here: it could be a whole number or have decimals. "
                 "Write it as %2 for the whole number or %3 for the decimals.");
    if (dots > 0 && commas > 0) {
        const bool commaLast = lastComma > lastDot;
        const Mark decimalMark = commaLast ? Mark::Comma : Mark::Dot;
        const Mark groupMark = commaLast ? Mark::Dot : Mark::Comma;
        if ((commaLast ? commas : dots) != 1 || decimalMark != point || groupMark != group) {
            result.error = Text::tr("The price “%1” mixes “.” and “,” in a way that does not match "
                                    "the number format of %2. Write it without thousands "
                                    "separators. %3")
                               .arg(t, locale.nativeTerritoryName(), priceHint());
            return result;
        }
        decimalAt = commaLast ? lastComma : lastDot;
        other = groupMark;
    } else if (dots + commas > 1) {
        const Mark mark = dots > 0 ? Mark::Dot : Mark::Comma;
        if (mark != group) {
            result.error = Text::tr("The price “%1” has more than one “%2”. %3")
                               .arg(t, dots > 0 ? u"."_s : u","_s, priceHint());
            return result;
        }
        other = mark; // all group separators, no decimals
    } else if (dots + commas == 1) {
        const Mark mark = dots > 0 ? Mark::Dot : Mark::Comma;
        const qsizetype at = dots > 0 ? lastDot : lastComma;
        const qsizetype after = t.size() - at - 1;
        bool asDecimal = true;
        if (mark == Mark::Dot) {
            // The dot is always a decimal point (the service's own form), but "1.234" in a
            // locale that groups with dots (de_DE) may just as well mean 1234: refused.
            if (after == 3 && group == Mark::Dot && point != Mark::Dot) {
                result.error =
                    ambiguous.arg(t, QString(t).remove(at, 1), QString(t).replace(at, 1, u','));
                return result;
            }
        } else if (after >= 1 && after <= 2) {
            asDecimal = true;
        } else if (point == Mark::Comma) {
            asDecimal = true;
        } else if (after == 3 && group == Mark::Comma) {
            asDecimal = false; // en_US "1,234"
        } else if (after == 3) {
            const QString digits = QString(t).remove(at, 1);
            result.error = ambiguous.arg(t, digits, QString(t).replace(at, 1, u'.'));
            return result;
        } else {
            result.error =
                Text::tr("The price “%1” has a comma that is neither a decimal separator "
                         "nor a thousands separator. %2")
                    .arg(t, priceHint());
            return result;
        }
        if (asDecimal)
            decimalAt = at;
        else
            other = mark;
    }

    QString integer = decimalAt >= 0 ? t.left(decimalAt) : t;
    const QString fraction = decimalAt >= 0 ? t.mid(decimalAt + 1) : QString();
    if (!std::all_of(fraction.begin(), fraction.end(), isAsciiDigit)) {
        result.error = Text::tr("The price “%1” has a thousands separator after the decimal "
                                "separator. %2")
                           .arg(t, priceHint());
        return result;
    }
    if (decimalAt >= 0 && fraction.isEmpty()) {
        result.error = Text::tr("The price “%1” ends with a decimal separator. Add the decimals or "
                                "remove it. %2")
                           .arg(t, priceHint());
        return result;
    }
    if (integer.isEmpty()) {
        result.error = Text::tr("The price “%1” has no digits before the decimal separator. Write "
                                "it like 0.50.")
                           .arg(t);
        return result;
    }
    // Group marks in the integer part: all of the locale's kind, correctly placed.
    const bool grouped = !std::all_of(integer.begin(), integer.end(), isAsciiDigit);
    if (grouped) {
        const Mark used = other != Mark::None ? other : group;
        for (const QChar c : std::as_const(integer)) {
            if (!isAsciiDigit(c) && markOf(c) != used) {
                result.error = Text::tr("The price “%1” mixes different thousands separators. %2")
                                   .arg(t, priceHint());
                return result;
            }
        }
        if (!isCorrectGrouping(integer, used, locale)) {
            result.error = Text::tr("The thousands separators in the price “%1” are misplaced. "
                                    "Write the number without them. %2")
                               .arg(t, priceHint());
            return result;
        }
        integer.removeIf([](QChar c) { return !isAsciiDigit(c); });
    }

    if (fraction.size() > Decimal::kMaxScale) {
        result.error = Text::tr("The price “%1” has %2 decimals; at most %3 are allowed. Round it, "
                                "like 12.50.")
                           .arg(t)
                           .arg(fraction.size())
                           .arg(Decimal::kMaxScale);
        return result;
    }
    const QString canonical = fraction.isEmpty() ? integer : integer + u'.' + fraction;
    result.value = Decimal::fromString(canonical);
    if (!result.value) {
        result.error = Text::tr("The price “%1” is too large. Check the amount.").arg(t);
        return result;
    }

    if (const std::optional<QString> code = knownCurrency(currency)) {
        qsizetype significant = fraction.size();
        while (significant > 0 && fraction.at(significant - 1) == u'0')
            --significant;
        const int minor = currencyMinorDigits(*code);
        if (significant > minor) {
            result.warning =
                minor == 0
                    ? Text::tr("%1 is normally used without decimals, but the price %2 has some. "
                               "Check the amount.")
                          .arg(*code, result.value->toString())
                    : Text::tr("%1 normally has %2 decimals, but the price %3 has more. Check the "
                               "amount.")
                          .arg(*code)
                          .arg(minor)
                          .arg(result.value->toString());
        }
    }
    return result;
}

qint64 largePriceThreshold(QStringView currency)
{
    return currencyMinorDigits(currency) == 0 ? kLargePriceUnits * 100 : kLargePriceUnits;
}

PriceConcern priceConcern(const Decimal &price, QStringView currency)
{
    if (price.mantissa() == 0)
        return PriceConcern::Zero;
    qint64 unit = 1;
    for (int i = 0; i < price.scale(); ++i)
        unit *= 10;
    const qint64 whole = price.mantissa() / unit;
    const bool fraction = price.mantissa() % unit != 0;
    const qint64 threshold = largePriceThreshold(currency);
    return whole > threshold || (whole == threshold && fraction) ? PriceConcern::Large
                                                                 : PriceConcern::None;
}

QString priceConfirmationQuestion(const Decimal &price, QStringView currency)
{
    const QString code = currency.isEmpty() ? kDefaultCurrency.toString() : currency.toString();
    switch (priceConcern(price, code)) {
    case PriceConcern::None:
        break;
    case PriceConcern::Zero:
        //: %1 is a currency code
        return Text::tr("The price is 0 %1: the customer gets this design for free. Is that "
                        "right?")
            .arg(code);
    case PriceConcern::Large:
        //: %1 price, %2 currency code, %3 the usual upper limit
        return Text::tr("The price is %1 %2, more than %3 %2 for one design. Is that amount "
                        "right?")
            .arg(price.toString(currencyMinorDigits(code)), code,
                 QLocale().toString(largePriceThreshold(code)));
    }
    return {};
}

// --- partner job id ----------------------------------------------------------------------

FieldCheck<QString> checkPartnerJobId(QStringView text)
{
    FieldCheck<QString> result;
    const QString id = text.trimmed().toString();
    for (const char32_t ucs : id.toUcs4()) {
        const auto category = QChar::category(ucs);
        if (category == QChar::Other_Control || category == QChar::Separator_Line ||
            category == QChar::Separator_Paragraph) {
            result.error = Text::tr("The partner job id contains a control character (such as a "
                                    "line break or tab). Remove it.");
            return result;
        }
    }
    const qsizetype length = id.toUcs4().size();
    if (length > kMaxPartnerJobIdLength) {
        result.error = Text::tr("The partner job id has %1 characters; at most %2 are allowed. "
                                "Shorten it.")
                           .arg(length)
                           .arg(kMaxPartnerJobIdLength);
        return result;
    }
    result.value = id;
    return result;
}

// --- the whole form ----------------------------------------------------------------------

OrderFormResult validateOrderFacts(QStringView emailText, QStringView priceText,
                                   QStringView currencyText, QStringView jobIdText,
                                   const QLocale &locale)
{
    OrderFormResult result;
    const FieldCheck<QString> email = checkEmail(emailText);
    const FieldCheck<QString> currency = checkCurrency(currencyText);
    const FieldCheck<Decimal> price =
        checkPrice(priceText, locale, currency.ok() ? QStringView(*currency.value) : QStringView());
    const FieldCheck<QString> jobId = checkPartnerJobId(jobIdText);

    const auto collect = [&result](OrderField field, const auto &check) {
        if (!check.error.isEmpty())
            result.errors.append({field, check.error});
        if (!check.warning.isEmpty())
            result.warnings.append({field, check.warning});
    };
    collect(OrderField::ReceiverEmail, email);
    collect(OrderField::Price, price);
    collect(OrderField::Currency, currency);
    collect(OrderField::PartnerJobId, jobId);

    if (result.errors.isEmpty())
        result.facts = OrderFacts{*email.value, *price.value, *currency.value, *jobId.value};
    return result;
}

} // namespace pc

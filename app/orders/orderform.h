#pragma once

// Validation rules of the order form: the facts every upload carries (receiver e-mail,
// price, ISO 4217 currency, partner job id). Pure functions, no widgets: the GUI form, the
// CLI `upload` options and the queue's re-validation all go through these.
//
// Every refusal carries a message for a person: what is wrong and what to do.

#include "common/decimal.h"

#include <QList>
#include <QLocale>
#include <QString>
#include <QStringList>

#include <optional>

namespace pc {

// The outcome of one field's check. `value` is set when the input is acceptable (possibly
// with a `warning`, which never blocks); otherwise `error` says what is wrong.
template<typename T>
struct FieldCheck
{
    std::optional<T> value;
    QString error;
    QString warning;

    bool ok() const { return value.has_value(); }
};

// --- e-mail --------------------------------------------------------------------------------

inline constexpr int kMaxEmailLocalLength = 64;
inline constexpr int kMaxEmailDomainLength = 255;
inline constexpr int kMaxEmailLength = 254;

// A practical check of `local@domain` (no quoted local parts, no IP literals). Surrounding
// blanks are trimmed; an internationalised domain is accepted (checked in its ACE form).
// The value is the address with its domain lower-cased (Unicode form for an IDN).
FieldCheck<QString> checkEmail(QStringView text);

// The same address with the domain in ASCII (punycode) form, e.g. for a service that only
// takes ASCII; empty if `email` is not a valid address.
QString emailToAce(QStringView email);

// --- currency ------------------------------------------------------------------------------

inline constexpr QStringView kDefaultCurrency = u"USD"; // API.md: print_value_currency default

// The ISO 4217 codes known to Qt's locale data (CLDR), sorted. Built once, thread-safe.
const QStringList &isoCurrencyCodes();

// The normalised (upper-case) code if `code` (any case, surrounding blanks ignored) is a
// known ISO 4217 code; std::nullopt otherwise.
std::optional<QString> knownCurrency(QStringView code);
bool isKnownCurrency(QStringView code);

// A name for the UI: the name in `uiLocale`'s language when a locale of that language uses
// the currency, else the English name, else any name Qt has; the code itself if unknown.
QString currencyDisplayName(QStringView code, const QLocale &uiLocale = QLocale());

// The usual number of decimals of a currency (2 for USD, 0 for JPY, 3 for KWD), from Qt's
// currency formatting; 2 for an unknown code.
int currencyMinorDigits(QStringView code);

// The currency of the locale's territory when it is known, else USD.
QString defaultCurrencyForLocale(const QLocale &locale);

// Empty text means the default (USD); otherwise the code must be known.
FieldCheck<QString> checkCurrency(QStringView text);

// --- price ---------------------------------------------------------------------------------

// An exact non-negative decimal. Always accepted: plain "10", "10.56" (surrounding blanks
// ignored). Also understood, where unambiguous for `locale`:
//  - a decimal comma: "10,56" (a single comma and 1-2 digits) anywhere; "10,567" only when
//    the locale's decimal separator is a comma;
//  - the locale's group separator in a correct grouping: "1,234.56" (en_US), "1.234,56"
//    (de_DE), "1 234,56" (fr_FR: any of space, no-break space, narrow no-break space),
//    "1'234.56" (de_CH: ' or U+2019). A lone separator followed by 3 digits is read the
//    locale's way ("1,234" is 1234 in en_US, 1.234 in de_DE); when the locale uses the mark
//    for neither purpose (a comma in de_CH), it is refused as ambiguous.
// Refused: empty, negative, NaN/Inf, exponents, more than Decimal::kMaxScale decimals.
// With a `currency`, more decimals than it normally has (10.555 USD, 10.5 JPY) give a
// warning, not an error.
FieldCheck<Decimal> checkPrice(QStringView text, const QLocale &locale, QStringView currency = {});

// A price that is valid but worth a second look before anything is sent: nothing (the
// design is given away) or far above what one design sells for (a slip of the keyboard).
enum class PriceConcern { None, Zero, Large };

// Prices above this many units of the currency need a confirmation; for currencies written
// without decimals (yen, won, ...), whose unit is worth about a cent, 100 times as many.
inline constexpr qint64 kLargePriceUnits = 100'000;

qint64 largePriceThreshold(QStringView currency);
PriceConcern priceConcern(const Decimal &price, QStringView currency);
// The question to ask about such a price ("The price is 0 USD: ... free?"); empty for None.
QString priceConfirmationQuestion(const Decimal &price, QStringView currency);

// --- partner job id ------------------------------------------------------------------------

inline constexpr int kMaxPartnerJobIdLength = 128;

// Optional: empty is fine. Trimmed; at most 128 characters; no control characters.
FieldCheck<QString> checkPartnerJobId(QStringView text);

// --- the whole form ------------------------------------------------------------------------

enum class OrderField { ReceiverEmail, Price, Currency, PartnerJobId };

struct FieldMessage
{
    OrderField field;
    QString message;

    friend bool operator==(const FieldMessage &, const FieldMessage &) = default;
};

struct OrderFacts
{
    QString receiverEmail;
    Decimal price;
    QString currency;
    QString partnerJobId;
};

struct OrderFormResult
{
    std::optional<OrderFacts> facts; // set when there is no error
    QList<FieldMessage> errors;      // every field's problem, in form order
    QList<FieldMessage> warnings;    // never block; show them next to the field

    bool ok() const { return facts.has_value(); }
};

// Checks all fields at once so the form can show every problem together. The price's
// warning uses the currency when that is valid.
OrderFormResult validateOrderFacts(QStringView emailText, QStringView priceText,
                                   QStringView currencyText, QStringView jobIdText,
                                   const QLocale &locale = QLocale());

} // namespace pc

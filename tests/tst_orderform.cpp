// Order-form rules: receiver e-mail, ISO 4217 currency (from Qt's locale data), exact
// price with locale separators, partner job id, and the whole form at once.

#include "orders/orderform.h"

#include <QRegularExpression>
#include <QTest>

using namespace Qt::StringLiterals;
using pc::Decimal;
using pc::OrderField;

// A message is sentences: a capital letter never follows a semicolon.
static bool readsAsSentences(const QString &message)
{
    static const QRegularExpression capitalAfterSemicolon(u";\\s*\\p{Lu}"_s);
    return !capitalAfterSemicolon.match(message).hasMatch();
}

class TestOrderForm : public QObject
{
    Q_OBJECT

private slots:
    void email_data();
    void email();
    void emailAce();
    void currencyList();
    void currency_data();
    void currency();
    void currencyNamesAndDefaults();
    void price_data();
    void price();
    void jobId_data();
    void jobId();
    void wholeForm();
    void wholeFormCollectsEveryError();
    void reliabilityInputRow_data();
    void reliabilityInputRow();
};

// --- e-mail --------------------------------------------------------------------------------

void TestOrderForm::email_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("expected"); // empty: refused
    QTest::addColumn<QString>("messagePart");

    QTest::newRow("plain") << u"anna@example.com"_s << u"anna@example.com"_s << QString();
    QTest::newRow("trimmed") << u"  anna@example.com \t"_s << u"anna@example.com"_s << QString();
    QTest::newRow("domain lower-cased")
        << u"Anna.Smith@Example.COM"_s << u"Anna.Smith@example.com"_s << QString();
    QTest::newRow("plus dot dash underscore")
        << u"a.b+tag-x_y@mail.example.co.uk"_s << u"a.b+tag-x_y@mail.example.co.uk"_s << QString();
    QTest::newRow("hyphen in label") << u"x@my-shop.de"_s << u"x@my-shop.de"_s << QString();
    QTest::newRow("idn") << u"kunde@Bücher.Example"_s << u"kunde@bücher.example"_s << QString();
    QTest::newRow("idn tld") << u"a@пример.рф"_s << u"a@пример.рф"_s << QString();
    QTest::newRow("64 local") << QString(64, u'a') + u"@example.com"_s
                              << QString(64, u'a') + u"@example.com"_s << QString();

    QTest::newRow("empty") << QString() << QString() << u"empty"_s;
    QTest::newRow("blank") << u"   "_s << QString() << u"empty"_s;
    QTest::newRow("no at") << u"anna.example.com"_s << QString() << u"no @"_s;
    QTest::newRow("two at") << u"anna@x@example.com"_s << QString() << u"more than one @"_s;
    QTest::newRow("no local") << u"@example.com"_s << QString() << u"before the @"_s;
    QTest::newRow("no domain") << u"anna@"_s << QString() << u"after the @"_s;
    QTest::newRow("no dot") << u"anna@localhost"_s << QString() << u"no dot"_s;
    QTest::newRow("space in local") << u"an na@example.com"_s << QString() << u"space"_s;
    QTest::newRow("space in domain") << u"anna@exa mple.com"_s << QString() << u"space"_s;
    QTest::newRow("comma") << u"anna,b@example.com"_s << QString() << u"“,”"_s;
    QTest::newRow("quoted") << u"\"anna\"@example.com"_s << QString() << u"not allowed"_s;
    QTest::newRow("leading dot") << u".anna@example.com"_s << QString() << u"dot"_s;
    QTest::newRow("double dot local") << u"an..na@example.com"_s << QString() << u"dot"_s;
    QTest::newRow("double dot domain") << u"anna@example..com"_s << QString() << u"empty part"_s;
    QTest::newRow("trailing dot domain") << u"anna@example.com."_s << QString() << u"empty"_s;
    QTest::newRow("hyphen start") << u"anna@-shop.com"_s << QString() << u"hyphen"_s;
    QTest::newRow("hyphen end") << u"anna@shop-.com"_s << QString() << u"hyphen"_s;
    QTest::newRow("underscore domain") << u"anna@my_shop.com"_s << QString() << u"“_”"_s;
    QTest::newRow("numeric tld") << u"anna@example.123"_s << QString() << u"top-level"_s;
    QTest::newRow("one-letter tld") << u"anna@example.c"_s << QString() << u"top-level"_s;
    QTest::newRow("ip literal") << u"anna@[127.0.0.1]"_s << QString() << u"“[”"_s;
    QTest::newRow("65 local") << QString(65, u'a') + u"@example.com"_s << QString()
                              << u"longer than 64"_s;
    QTest::newRow("label 64") << u"a@"_s + QString(64, u'b') + u".com"_s << QString() << u"63"_s;
    QTest::newRow("total 260") << QString(64, u'a') + u"@"_s + QString(63, u'b') + u"."_s +
                                      QString(63, u'c') + u"."_s + QString(63, u'd') + u".com"_s
                               << QString() << u"254"_s;
    QTest::newRow("control") << u"anna@exa\u0001mple.com"_s << QString() << u"invisible"_s;
}

void TestOrderForm::email()
{
    QFETCH(QString, input);
    QFETCH(QString, expected);
    QFETCH(QString, messagePart);

    const pc::FieldCheck<QString> check = pc::checkEmail(input);
    if (expected.isEmpty()) {
        QVERIFY2(!check.ok(), qPrintable(*check.value));
        QVERIFY(!check.error.isEmpty());
        QVERIFY2(check.error.contains(messagePart), qPrintable(check.error));
        QVERIFY2(readsAsSentences(check.error), qPrintable(check.error));
    } else {
        QVERIFY2(check.ok(), qPrintable(check.error));
        QCOMPARE(*check.value, expected);
        QVERIFY(check.error.isEmpty());
    }
}

void TestOrderForm::emailAce()
{
    QCOMPARE(pc::emailToAce(u" kunde@Bücher.example "), u"kunde@xn--bcher-kva.example"_s);
    QCOMPARE(pc::emailToAce(u"a@Example.com"), u"a@example.com"_s);
    QVERIFY(pc::emailToAce(u"no-at-sign").isEmpty());
}

// --- currency ------------------------------------------------------------------------------

void TestOrderForm::currencyList()
{
    const QStringList &codes = pc::isoCurrencyCodes();
    QVERIFY2(codes.size() > 100, qPrintable(QString::number(codes.size())));
    QVERIFY(std::is_sorted(codes.begin(), codes.end()));
    QCOMPARE(QSet<QString>(codes.begin(), codes.end()).size(), codes.size());
    for (const QString &code : codes) {
        QCOMPARE(code.size(), 3);
        QCOMPARE(code, code.toUpper());
    }
    for (const auto code :
         {u"USD", u"EUR", u"GBP", u"JPY", u"CHF", u"SEK", u"DKK", u"CNY", u"INR", u"BRL"}) {
        QVERIFY2(codes.contains(QStringView(code)), qPrintable(QStringView(code).toString()));
    }
    // The same list object every time (built once).
    QCOMPARE(&pc::isoCurrencyCodes(), &codes);
}

void TestOrderForm::currency_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("expected"); // empty: refused

    for (const auto code :
         {u"USD", u"EUR", u"GBP", u"JPY", u"CHF", u"SEK", u"DKK", u"CNY", u"INR", u"BRL"}) {
        const QString c = QStringView(code).toString();
        QTest::newRow(qPrintable(c)) << c << c;
    }
    QTest::newRow("lower case") << u"eur"_s << u"EUR"_s;
    QTest::newRow("mixed case, blanks") << u" Chf "_s << u"CHF"_s;
    QTest::newRow("empty means USD") << QString() << u"USD"_s;
    QTest::newRow("blank means USD") << u"  "_s << u"USD"_s;
    QTest::newRow("ABC") << u"ABC"_s << QString();
    QTest::newRow("US") << u"US"_s << QString();
    QTest::newRow("EURO") << u"EURO"_s << QString();
    QTest::newRow("symbol") << u"$"_s << QString();
    QTest::newRow("digits") << u"840"_s << QString();
    QTest::newRow("non-ascii") << u"ÉUR"_s << QString();
}

void TestOrderForm::currency()
{
    QFETCH(QString, input);
    QFETCH(QString, expected);

    const pc::FieldCheck<QString> check = pc::checkCurrency(input);
    if (expected.isEmpty()) {
        QVERIFY(!check.ok());
        QVERIFY(!check.error.isEmpty());
        QVERIFY2(check.error.contains(u"ISO 4217"_s), qPrintable(check.error));
        if (!input.trimmed().isEmpty())
            QVERIFY(!pc::isKnownCurrency(input));
        QVERIFY(!pc::knownCurrency(input));
    } else {
        QVERIFY2(check.ok(), qPrintable(check.error));
        QCOMPARE(*check.value, expected);
        if (!input.trimmed().isEmpty()) {
            QVERIFY(pc::isKnownCurrency(input));
            QCOMPARE(pc::knownCurrency(input).value_or(QString()), expected);
        }
    }
}

void TestOrderForm::currencyNamesAndDefaults()
{
    const QLocale english(QLocale::English, QLocale::UnitedStates);
    const QLocale german(QLocale::German, QLocale::Germany);
    QCOMPARE(pc::currencyDisplayName(u"USD", english), u"US Dollar"_s);
    QCOMPARE(pc::currencyDisplayName(u"eur", german), u"Euro"_s);
    QCOMPARE(pc::currencyDisplayName(u"JPY", QLocale(u"ja_JP"_s)), u"\u65E5\u672C\u5186"_s);
    QVERIFY(!pc::currencyDisplayName(u"JPY", english).isEmpty());
    QVERIFY(!pc::currencyDisplayName(u"CHF", german).isEmpty());
    QCOMPARE(pc::currencyDisplayName(u"ABC", english), u"ABC"_s);
    // Currencies no German-speaking country uses, in German: from the system's iso-codes
    // (packaging/debian-packages.txt), since Qt's locale data only has "US Dollar".
    QCOMPARE(pc::currencyDisplayName(u"USD", german), u"US-Dollar"_s);
    QCOMPARE(pc::currencyDisplayName(u"SEK", german), u"Schwedische Krone"_s);
    QCOMPARE(pc::currencyDisplayName(u"USD", QLocale(QLocale::Hawaiian)), u"US Dollar"_s);
    int inGerman = 0;
    for (const QString &code : pc::isoCurrencyCodes())
        inGerman += pc::currencyDisplayName(code, german) != pc::currencyDisplayName(code, english);
    QVERIFY2(inGerman > 100, qPrintable(QString::number(inGerman)));
    for (const QString &code : pc::isoCurrencyCodes())
        QVERIFY2(!pc::currencyDisplayName(code, english).isEmpty(), qPrintable(code));

    QCOMPARE(pc::currencyMinorDigits(u"USD"), 2);
    QCOMPARE(pc::currencyMinorDigits(u"EUR"), 2);
    QCOMPARE(pc::currencyMinorDigits(u"JPY"), 0);

    QCOMPARE(pc::defaultCurrencyForLocale(english), u"USD"_s);
    QCOMPARE(pc::defaultCurrencyForLocale(german), u"EUR"_s);
    QCOMPARE(pc::defaultCurrencyForLocale(QLocale(u"de_CH"_s)), u"CHF"_s);
    QCOMPARE(pc::defaultCurrencyForLocale(QLocale(u"ja_JP"_s)), u"JPY"_s);
    QCOMPARE(pc::defaultCurrencyForLocale(QLocale::c()), u"USD"_s);
    QCOMPARE(pc::kDefaultCurrency, u"USD");
}

// --- price ---------------------------------------------------------------------------------

void TestOrderForm::price_data()
{
    QTest::addColumn<QString>("locale");
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("currency");
    QTest::addColumn<QString>("expected");    // canonical Decimal text; empty: refused
    QTest::addColumn<QString>("messagePart"); // error, or warning for an accepted price

    const QString nnbsp(QChar(0x202F));
    const QString nbsp(QChar(0x00A0));
    const QString rsquo(QChar(0x2019));

    // Plain forms: every locale.
    for (const auto l : {u"en_US", u"de_DE", u"fr_FR", u"de_CH", u"ja_JP", u"C"}) {
        const QString loc = QStringView(l).toString();
        const auto row = [&loc](const char *name) -> QTestData & {
            return QTest::addRow("%s %s", qPrintable(loc), name);
        };
        row("integer") << loc << u"10"_s << u"USD"_s << u"10"_s << QString();
        row("dot") << loc << u"10.56"_s << u"USD"_s << u"10.56"_s << QString();
        row("blanks") << loc << u" 10.5 "_s << u"USD"_s << u"10.5"_s << QString();
        row("zero") << loc << u"0"_s << u"USD"_s << u"0"_s << QString();
        row("small") << loc << u"0.99"_s << u"USD"_s << u"0.99"_s << QString();
        row("comma 2") << loc << u"10,56"_s << u"USD"_s << u"10.56"_s << QString();
        row("comma 1") << loc << u"10,5"_s << u"EUR"_s << u"10.5"_s << QString();
        row("six decimals") << loc << u"1.123456"_s << QString() << u"1.123456"_s << QString();
        row("empty") << loc << QString() << u"USD"_s << QString() << u"empty"_s;
        row("blank") << loc << u"   "_s << u"USD"_s << QString() << u"empty"_s;
        row("negative") << loc << u"-10"_s << u"USD"_s << QString() << u"negative"_s;
        row("negative comma") << loc << u"-10,5"_s << u"USD"_s << QString() << u"negative"_s;
        row("minus sign") << loc << u"\u221210"_s << u"USD"_s << QString() << u"negative"_s;
        row("nan") << loc << u"NaN"_s << u"USD"_s << QString() << u"not a number"_s;
        row("inf") << loc << u"inf"_s << u"USD"_s << QString() << u"not a number"_s;
        row("infinity") << loc << u"-Infinity"_s << u"USD"_s << QString() << u"not a number"_s;
        row("exponent") << loc << u"1e3"_s << u"USD"_s << QString() << u"exponent"_s;
        row("exponent E") << loc << u"1.5E+2"_s << u"USD"_s << QString() << u"exponent"_s;
        row("seven decimals") << loc << u"1.1234567"_s << u"USD"_s << QString() << u"at most 6"_s;
        row("currency sign") << loc << u"$10"_s << u"USD"_s << QString() << u"“$”"_s;
        row("letters") << loc << u"ten"_s << u"USD"_s << QString() << u"“t”"_s;
        row("trailing point") << loc << u"10."_s << u"USD"_s << QString() << u"ends with"_s;
        row("leading point") << loc << u".5"_s << u"USD"_s << QString() << u"0.50"_s;
        row("two dots") << loc << u"1.2.3"_s << u"USD"_s << QString() << u"1.2.3"_s;
        row("huge") << loc << u"99999999999999999999"_s << u"USD"_s << QString() << u"too large"_s;
        row("plus") << loc << u"+10"_s << u"USD"_s << QString() << u"“+”"_s;
        // "10.555" may mean 10555 where dots group (de_DE): refused there as ambiguous.
        const bool dotGroups = loc == u"de_DE"_s;
        row("usd 3 decimals") << loc << u"10.555"_s << u"USD"_s
                              << (dotGroups ? QString() : u"10.555"_s)
                              << (dotGroups ? u"ambiguous"_s : u"USD normally has 2 decimals"_s);
        row("usd trailing zeros") << loc << u"10.500"_s << u"USD"_s
                                  << (dotGroups ? QString() : u"10.5"_s)
                                  << (dotGroups ? u"10500 for the whole number"_s : QString());
        row("jpy decimals") << loc << u"10.5"_s << u"JPY"_s << u"10.5"_s << u"without decimals"_s;
        row("jpy whole") << loc << u"1000"_s << u"JPY"_s << u"1000"_s << QString();
        row("no currency, no warning")
            << loc << u"10.555"_s << QString() << (dotGroups ? QString() : u"10.555"_s)
            << (dotGroups ? u"ambiguous"_s : QString());
    }

    // en_US: comma groups, dot decimals.
    QTest::newRow("en_US grouped")
        << u"en_US"_s << u"1,234.56"_s << u"USD"_s << u"1234.56"_s << QString();
    QTest::newRow("en_US grouped millions")
        << u"en_US"_s << u"1,234,567"_s << u"USD"_s << u"1234567"_s << QString();
    QTest::newRow("en_US lone comma 3 is grouping")
        << u"en_US"_s << u"1,234"_s << u"USD"_s << u"1234"_s << QString();
    QTest::newRow("en_US bad grouping")
        << u"en_US"_s << u"12,34.5"_s << u"USD"_s << QString() << u"misplaced"_s;
    QTest::newRow("en_US comma 4")
        << u"en_US"_s << u"1,2345"_s << u"USD"_s << QString() << u"neither"_s;
    QTest::newRow("en_US german form")
        << u"en_US"_s << u"1.234,56"_s << u"USD"_s << QString() << u"mixes"_s;
    QTest::newRow("en_US space") << u"en_US"_s << u"1 234"_s << u"USD"_s << QString() << u"space"_s;
    QTest::newRow("en_US apostrophe")
        << u"en_US"_s << u"1'234"_s << u"USD"_s << QString() << u"apostrophe"_s;
    QTest::newRow("en_US comma after point")
        << u"en_US"_s << u"1.234,567"_s << u"USD"_s << QString() << u"mixes"_s;

    // de_DE: dot groups, comma decimals.
    QTest::newRow("de_DE grouped")
        << u"de_DE"_s << u"1.234,56"_s << u"EUR"_s << u"1234.56"_s << QString();
    QTest::newRow("de_DE grouped millions")
        << u"de_DE"_s << u"1.234.567"_s << u"EUR"_s << u"1234567"_s << QString();
    QTest::newRow("de_DE lone comma 3 is decimal")
        << u"de_DE"_s << u"1,234"_s << QString() << u"1.234"_s << QString();
    QTest::newRow("de_DE lone dot 3 ambiguous")
        << u"de_DE"_s << u"1.234"_s << u"EUR"_s << QString()
        << u"1234 for the whole number or 1,234 for the decimals"_s;
    QTest::newRow("de_DE dot 2 is decimal")
        << u"de_DE"_s << u"1.23"_s << u"EUR"_s << u"1.23"_s << QString();
    QTest::newRow("fr_FR lone dot 3 is decimal")
        << u"fr_FR"_s << u"1.234"_s << QString() << u"1.234"_s << QString();
    QTest::newRow("de_DE comma 4")
        << u"de_DE"_s << u"1,2345"_s << QString() << u"1.2345"_s << QString();
    QTest::newRow("de_DE english form")
        << u"de_DE"_s << u"1,234.56"_s << u"EUR"_s << QString() << u"mixes"_s;
    QTest::newRow("de_DE bad grouping")
        << u"de_DE"_s << u"12.34,5"_s << u"EUR"_s << QString() << u"misplaced"_s;
    QTest::newRow("de_DE two commas")
        << u"de_DE"_s << u"1,234,5"_s << u"EUR"_s << QString() << u"more than one"_s;
    QTest::newRow("de_DE comma 3 warns EUR")
        << u"de_DE"_s << u"10,555"_s << u"EUR"_s << u"10.555"_s << u"EUR normally has 2"_s;

    // fr_FR: narrow no-break space groups (any space typed is fine), comma decimals.
    QTest::newRow("fr_FR nnbsp") << u"fr_FR"_s << u"1"_s + nnbsp + u"234,56"_s << u"EUR"_s
                                 << u"1234.56"_s << QString();
    QTest::newRow("fr_FR nbsp") << u"fr_FR"_s << u"1"_s + nbsp + u"234,56"_s << u"EUR"_s
                                << u"1234.56"_s << QString();
    QTest::newRow("fr_FR space") << u"fr_FR"_s << u"1 234 567,5"_s << u"EUR"_s << u"1234567.5"_s
                                 << QString();
    QTest::newRow("fr_FR lone comma 3")
        << u"fr_FR"_s << u"1,234"_s << QString() << u"1.234"_s << QString();
    QTest::newRow("fr_FR bad grouping")
        << u"fr_FR"_s << u"12 34,5"_s << u"EUR"_s << QString() << u"misplaced"_s;
    QTest::newRow("fr_FR space in decimals")
        << u"fr_FR"_s << u"1,234 5"_s << u"EUR"_s << QString() << u"after the decimal"_s;
    QTest::newRow("fr_FR english form")
        << u"fr_FR"_s << u"1,234.56"_s << u"EUR"_s << QString() << u"mixes"_s;

    // de_CH: apostrophe (U+2019 in CLDR, ' typed) groups, dot decimals.
    QTest::newRow("de_CH rsquo") << u"de_CH"_s << u"1"_s + rsquo + u"234.50"_s << u"CHF"_s
                                 << u"1234.5"_s << QString();
    QTest::newRow("de_CH apostrophe")
        << u"de_CH"_s << u"1'234'567.50"_s << u"CHF"_s << u"1234567.5"_s << QString();
    QTest::newRow("de_CH lone comma 3 ambiguous")
        << u"de_CH"_s << u"1,234"_s << u"CHF"_s << QString()
        << u"1234 for the whole number or 1.234"_s;
    QTest::newRow("de_CH comma 2") << u"de_CH"_s << u"1,50"_s << u"CHF"_s << u"1.5"_s << QString();
    QTest::newRow("de_CH bad grouping")
        << u"de_CH"_s << u"12'34"_s << u"CHF"_s << QString() << u"misplaced"_s;
    QTest::newRow("de_CH space") << u"de_CH"_s << u"1 234"_s << u"CHF"_s << QString() << u"space"_s;
    QTest::newRow("de_CH mixed separators")
        << u"de_CH"_s << u"1'234,567.5"_s << u"CHF"_s << QString() << u"mixes"_s;

    // ja_JP: like en_US; yen has no decimals.
    QTest::newRow("ja_JP grouped")
        << u"ja_JP"_s << u"1,234"_s << u"JPY"_s << u"1234"_s << QString();
    QTest::newRow("ja_JP grouped decimals warn")
        << u"ja_JP"_s << u"1,234.5"_s << u"JPY"_s << u"1234.5"_s << u"without decimals"_s;
    QTest::newRow("ja_JP fullwidth digits")
        << u"ja_JP"_s << u"\uFF11\uFF10"_s << u"JPY"_s << QString() << u"not part of a number"_s;

    // en_IN: Qt's grouping 12,34,567 as well as the usual one.
    QTest::newRow("en_IN lakh grouping")
        << u"en_IN"_s << u"12,34,567.50"_s << u"INR"_s << u"1234567.5"_s << QString();
    QTest::newRow("en_IN usual grouping")
        << u"en_IN"_s << u"1,234,567.50"_s << u"INR"_s << u"1234567.5"_s << QString();
}

void TestOrderForm::price()
{
    QFETCH(QString, locale);
    QFETCH(QString, input);
    QFETCH(QString, currency);
    QFETCH(QString, expected);
    QFETCH(QString, messagePart);

    const pc::FieldCheck<Decimal> check = pc::checkPrice(input, QLocale(locale), currency);
    if (expected.isEmpty()) {
        QVERIFY2(!check.ok(), qPrintable(check.ok() ? check.value->toString() : QString()));
        QVERIFY(!check.error.isEmpty());
        QVERIFY2(check.error.contains(messagePart), qPrintable(check.error));
        QVERIFY2(readsAsSentences(check.error), qPrintable(check.error));
        return;
    }
    QVERIFY2(check.ok(), qPrintable(check.error));
    QVERIFY(check.error.isEmpty());
    QCOMPARE(*check.value, *Decimal::fromString(expected));
    QCOMPARE(check.value->toString(check.value->scale()), check.value->toString());
    QVERIFY(!check.value->isNegative());
    if (messagePart.isEmpty()) {
        QVERIFY2(check.warning.isEmpty(), qPrintable(check.warning));
    } else {
        QVERIFY2(check.warning.contains(messagePart), qPrintable(check.warning));
    }
}

// --- partner job id ------------------------------------------------------------------------

void TestOrderForm::jobId_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<bool>("accepted");
    QTest::addColumn<QString>("expected");

    QTest::newRow("empty") << QString() << true << QString();
    QTest::newRow("blank") << u"  "_s << true << QString();
    QTest::newRow("plain") << u"JOB-2024-0042"_s << true << u"JOB-2024-0042"_s;
    QTest::newRow("trimmed") << u"  job 7 \n"_s << true << u"job 7"_s;
    QTest::newRow("unicode") << u"Auftrag Größe ✓"_s << true << u"Auftrag Größe ✓"_s;
    QTest::newRow("128") << QString(128, u'x') << true << QString(128, u'x');
    QTest::newRow("128 astral") << QString(128, u'x').replace(0, 1, u"\U0001F600"_s) << true
                                << QString(128, u'x').replace(0, 1, u"\U0001F600"_s);
    QTest::newRow("129") << QString(129, u'x') << false << QString();
    QTest::newRow("tab inside") << u"a\tb"_s << false << QString();
    QTest::newRow("newline inside") << u"a\nb"_s << false << QString();
    QTest::newRow("nul") << QString::fromUtf16(u"a\0b", 3) << false << QString();
    QTest::newRow("del") << u"a\u007Fb"_s << false << QString();
    QTest::newRow("c1 control") << u"a\u0085b"_s << false << QString();
    QTest::newRow("line separator") << u"a\u2028b"_s << false << QString();
}

void TestOrderForm::jobId()
{
    QFETCH(QString, input);
    QFETCH(bool, accepted);
    QFETCH(QString, expected);

    const pc::FieldCheck<QString> check = pc::checkPartnerJobId(input);
    QCOMPARE(check.ok(), accepted);
    if (accepted) {
        QCOMPARE(*check.value, expected);
        QVERIFY(check.error.isEmpty());
    } else {
        QVERIFY(!check.error.isEmpty());
        QVERIFY(check.error.contains(u"partner job id"_s));
    }
}

// --- the whole form ------------------------------------------------------------------------

void TestOrderForm::wholeForm()
{
    const QLocale german(u"de_DE"_s);
    const pc::OrderFormResult result =
        pc::validateOrderFacts(u" Kunde@Shop.DE ", u"1.234,50", u"eur", u" J-1 ", german);
    QVERIFY(result.ok());
    QVERIFY(result.errors.isEmpty());
    QVERIFY(result.warnings.isEmpty());
    QCOMPARE(result.facts->receiverEmail, u"Kunde@shop.de"_s);
    QCOMPARE(result.facts->price, Decimal::fromMinorUnits(123450, 2));
    QCOMPARE(result.facts->currency, u"EUR"_s);
    QCOMPARE(result.facts->partnerJobId, u"J-1"_s);

    // Defaults: USD, no job id; a warning does not block.
    const pc::OrderFormResult warned =
        pc::validateOrderFacts(u"a@b.co", u"10.555", u"", u"", QLocale(u"en_US"_s));
    QVERIFY(warned.ok());
    QCOMPARE(warned.facts->currency, u"USD"_s);
    QCOMPARE(warned.facts->price.toString(), u"10.555"_s);
    QCOMPARE(warned.facts->partnerJobId, QString());
    QCOMPARE(warned.warnings.size(), 1);
    QCOMPARE(warned.warnings.front().field, OrderField::Price);
    QVERIFY(!warned.warnings.front().message.isEmpty());

    // The price warning follows the chosen currency.
    const pc::OrderFormResult yen =
        pc::validateOrderFacts(u"a@b.co", u"10.5", u"JPY", u"", QLocale(u"ja_JP"_s));
    QVERIFY(yen.ok());
    QCOMPARE(yen.warnings.size(), 1);
}

void TestOrderForm::wholeFormCollectsEveryError()
{
    const pc::OrderFormResult result = pc::validateOrderFacts(
        u"anna.example.com", u"-3", u"EURO", QString(200, u'x'), QLocale(u"en_US"_s));
    QVERIFY(!result.ok());
    QCOMPARE(result.errors.size(), 4);
    QCOMPARE(result.errors.at(0).field, OrderField::ReceiverEmail);
    QCOMPARE(result.errors.at(1).field, OrderField::Price);
    QCOMPARE(result.errors.at(2).field, OrderField::Currency);
    QCOMPARE(result.errors.at(3).field, OrderField::PartnerJobId);
    for (const pc::FieldMessage &error : result.errors)
        QVERIFY(!error.message.isEmpty());

    // One bad field: only that one is reported, the others are not lost in the report.
    const pc::OrderFormResult one =
        pc::validateOrderFacts(u"a@b.co", u"12,5", u"XYZ", u"", QLocale(u"fr_FR"_s));
    QVERIFY(!one.ok());
    QCOMPARE(one.errors.size(), 1);
    QCOMPARE(one.errors.front().field, OrderField::Currency);
    QVERIFY(one.errors.front().message.contains(u"XYZ"_s));
}

// RELIABILITY.md, "Input": invalid e-mail, a currency not in ISO 4217, a price that is
// negative, NaN or written with a locale comma. Each through the whole form: caught there
// (no facts, so nothing can be queued or sent), naming the field; a locale comma understood
// where it is unambiguous.
void TestOrderForm::reliabilityInputRow_data()
{
    QTest::addColumn<QString>("locale");
    QTest::addColumn<QString>("email");
    QTest::addColumn<QString>("price");
    QTest::addColumn<QString>("currency");
    QTest::addColumn<int>("badField");     // -1: accepted
    QTest::addColumn<QString>("expected"); // the price sent, or a part of the error

    // One field wrong in an otherwise good form; `part` is a part of the error.
    const auto badEmail = [](const char *name, const QString &email, const QString &part) {
        QTest::newRow(name) << u"en_US"_s << email << u"10"_s << u"USD"_s
                            << int(OrderField::ReceiverEmail) << part;
    };
    const auto badCurrency = [](const char *name, const QString &currency) {
        QTest::newRow(name) << u"en_US"_s << u"a@b.co"_s << u"10"_s << currency
                            << int(OrderField::Currency) << u"ISO 4217"_s;
    };
    // A price as written in `locale`: `expected` is the price sent, or a part of the error
    // when `badField` is the price.
    const auto priceRow = [](const char *name, const QString &locale, const QString &price,
                             const QString &currency, int badField, const QString &expected) {
        QTest::newRow(name) << locale << u"a@b.co"_s << price << currency << badField << expected;
    };
    const int accepted = -1;
    const int badPrice = int(OrderField::Price);

    badEmail("email without @", u"anna.example.com"_s, u"no @"_s);
    badEmail("email without domain dot", u"anna@localhost"_s, u"no dot"_s);
    badEmail("email with space", u"an na@example.com"_s, u"space"_s);
    badCurrency("currency unknown code", u"XYZ"_s);
    badCurrency("currency name", u"EURO"_s);
    badCurrency("currency symbol", u"€"_s);
    priceRow("price negative", u"en_US"_s, u"-10.50"_s, u"USD"_s, badPrice, u"negative"_s);
    priceRow("price NaN", u"en_US"_s, u"NaN"_s, u"USD"_s, badPrice, u"not a number"_s);
    priceRow("price infinity", u"de_DE"_s, u"inf"_s, u"EUR"_s, badPrice, u"not a number"_s);
    priceRow("comma decimals, English locale", u"en_US"_s, u"10,56"_s, u"USD"_s, accepted,
             u"10.56"_s);
    priceRow("comma decimals, German locale", u"de_DE"_s, u"10,56"_s, u"EUR"_s, accepted,
             u"10.56"_s);
    priceRow("comma and grouping, German", u"de_DE"_s, u"1.234,56"_s, u"EUR"_s, accepted,
             u"1234.56"_s);
    priceRow("comma and spaces, French", u"fr_FR"_s, u"1 234,5"_s, u"EUR"_s, accepted, u"1234.5"_s);
    priceRow("comma of three digits, German", u"de_DE"_s, u"1,234"_s, u"EUR"_s, accepted,
             u"1.234"_s);
    priceRow("comma of three digits, English", u"en_US"_s, u"1,234"_s, u"USD"_s, accepted,
             u"1234"_s);
    priceRow("comma of three digits, Swiss: ambiguous", u"de_CH"_s, u"1,234"_s, u"CHF"_s, badPrice,
             u"1234"_s);
}

void TestOrderForm::reliabilityInputRow()
{
    QFETCH(QString, locale);
    QFETCH(QString, email);
    QFETCH(QString, price);
    QFETCH(QString, currency);
    QFETCH(int, badField);
    QFETCH(QString, expected);

    const pc::OrderFormResult result =
        pc::validateOrderFacts(email, price, currency, u"job"_s, QLocale(locale));
    if (badField < 0) {
        QVERIFY2(result.ok(),
                 qPrintable(result.errors.isEmpty() ? QString() : result.errors.first().message));
        QCOMPARE(result.facts->price.toString(), expected);
        return;
    }
    QVERIFY(!result.ok());
    QVERIFY(!result.facts); // nothing to queue, nothing to send
    QCOMPARE(result.errors.size(), 1);
    QCOMPARE(int(result.errors.first().field), badField);
    QVERIFY2(result.errors.first().message.contains(expected),
             qPrintable(result.errors.first().message));
}

QTEST_GUILESS_MAIN(TestOrderForm)
#include "tst_orderform.moc"

// The one price format and the one dimension format every view and the CLI use.
#include "orders/displayformat.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace pc;

class TestDisplayFormat final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void priceIsExactAndLocaleAware_data();
    void priceIsExactAndLocaleAware();
    void dimensions_data();
    void dimensions();
};

void TestDisplayFormat::priceIsExactAndLocaleAware_data()
{
    QTest::addColumn<QString>("amount");
    QTest::addColumn<QString>("currency");
    QTest::addColumn<QString>("locale");
    QTest::addColumn<QString>("expected");
    QTest::newRow("own currency") << u"12.5"_s << u"USD"_s << u"en_US"_s << u"$12.50"_s;
    QTest::newRow("foreign code apart")
        << u"12.5"_s << u"EUR"_s << u"en_US"_s << u"EUR\u00a012.50"_s;
    QTest::newRow("beyond a double")
        << u"12345678901234.56"_s << u"USD"_s << u"en_US"_s << u"$12,345,678,901,234.56"_s;
    QTest::newRow("more decimals kept") << u"10.555"_s << u"USD"_s << u"en_US"_s << u"$10.555"_s;
    QTest::newRow("no minor unit") << u"1500"_s << u"JPY"_s << u"en_US"_s << u"JPY\u00a01,500"_s;
    QTest::newRow("german euro") << u"1234.5"_s << u"EUR"_s << u"de_DE"_s << u"1.234,50\u00a0€"_s;
    QTest::newRow("german dollar") << u"0.1"_s << u"usd"_s << u"de_DE"_s << u"0,10\u00a0USD"_s;
    QTest::newRow("negative") << u"-3.25"_s << u"USD"_s << u"en_US"_s << u"($3.25)"_s;
    QTest::newRow("negative german") << u"-3.25"_s << u"EUR"_s << u"de_DE"_s << u"-3,25\u00a0€"_s;
    QTest::newRow("no currency") << u"7.5"_s << QString() << u"de_DE"_s << u"7,5"_s;
}

void TestDisplayFormat::priceIsExactAndLocaleAware()
{
    QFETCH(QString, amount);
    QFETCH(QString, currency);
    QFETCH(QString, locale);
    QFETCH(QString, expected);
    QCOMPARE(formatMoney(*Decimal::fromString(amount), currency, QLocale(locale)), expected);
}

void TestDisplayFormat::dimensions_data()
{
    QTest::addColumn<double>("x");
    QTest::addColumn<double>("y");
    QTest::addColumn<double>("z");
    QTest::addColumn<QString>("locale");
    QTest::addColumn<QString>("expected");
    QTest::newRow("cube") << 20.0 << 20.0 << 10.0 << u"en_US"_s << u"20.0 × 20.0 × 10.0 mm"_s;
    QTest::newRow("german") << 20.0 << 20.04 << 10.06 << u"de_DE"_s << u"20,0 × 20,0 × 10,1 mm"_s;
    QTest::newRow("small part") << 0.918 << 1.52 << 3.24 << u"en_US"_s
                                << u"0.92 × 1.52 × 3.24 mm"_s;
    QTest::newRow("one large side: one decimal for all")
        << 0.5 << 1.26 << 120.0 << u"en_US"_s << u"0.5 × 1.3 × 120.0 mm"_s;
    QTest::newRow("grouped") << 1234.5 << 20.0 << 20.0 << u"en_US"_s
                             << u"1,234.5 × 20.0 × 20.0 mm"_s;
}

void TestDisplayFormat::dimensions()
{
    QFETCH(double, x);
    QFETCH(double, y);
    QFETCH(double, z);
    QFETCH(QString, locale);
    QFETCH(QString, expected);
    QCOMPARE(formatDimensions({x, y, z}, QLocale(locale)), expected);
}

QTEST_GUILESS_MAIN(TestDisplayFormat)
#include "tst_displayformat.moc"

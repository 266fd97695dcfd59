// Text from outside (the service, file names) made safe for a terminal, a log or a CSV file,
// and the print times the service reports kept within what a print can take.
#include "api/printstatus.h"
#include "api/responseparser.h"
#include "common/terminaltext.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include <limits>

using namespace Qt::StringLiterals;
using namespace pc;

class TestTerminalText final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void plainTextIsUnchanged();
    void controlsBecomeVisible_data();
    void controlsBecomeVisible();
    void lineBreakModes();
    void printTimesOutOfRangeAreDropped_data();
    void printTimesOutOfRangeAreDropped();
    void hmsNeverOverflows();
};

void TestTerminalText::plainTextIsUnchanged()
{
    for (const QString &text :
         {u"Nice print"_s, u"Grüße, 3D-Druck — ✓"_s, QString(), u"two\nlines\tand a tab"_s})
        QCOMPARE(terminalSafe(text), text);
}

void TestTerminalText::controlsBecomeVisible_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("safe");
    QTest::newRow("title escape") << u"\x1b]0;owned\x07"_s << u"\\x1b]0;owned\\x07"_s;
    QTest::newRow("clear screen") << u"a\x1b[2Jb"_s << u"a\\x1b[2Jb"_s;
    QTest::newRow("carriage return") << u"Done\rFAILED"_s << u"Done\\x0dFAILED"_s;
    QTest::newRow("backspace, DEL") << u"x\by\x7f"_s << u"x\\x08y\\x7f"_s;
    QTest::newRow("C1 CSI") << u"a\u009b2Jb"_s << u"a\\x9b2Jb"_s;
    QTest::newRow("right-to-left override")
        << u"file\u202Eltsexe.stl"_s << u"file\\u202eltsexe.stl"_s;
    QTest::newRow("NUL") << QString(u"a\0b"_s) << u"a\\x00b"_s;
}

void TestTerminalText::controlsBecomeVisible()
{
    QFETCH(QString, text);
    QFETCH(QString, safe);
    QCOMPARE(terminalSafe(text), safe);
}

void TestTerminalText::lineBreakModes()
{
    const QString text = u"a\r\nb\rc\nd\te"_s;
    QCOMPARE(terminalSafe(text), u"a\\x0d\nb\\x0dc\nd\te"_s);
    QCOMPARE(terminalSafe(text, LineBreaks::KeepCrLf), u"a\r\nb\\x0dc\nd\te"_s);
    QCOMPARE(terminalSafe(text, LineBreaks::Escape), u"a\\x0d\\x0ab\\x0dc\\x0ad\\x09e"_s);
    QCOMPARE(terminalSafe(u"end\r"_s, LineBreaks::KeepCrLf), u"end\\x0d"_s);
    // JSON: \u escapes, which a JSON parser reads back as the same characters.
    const QString json = u"{\"file\":\"del\x7f c1\u009b bidi\u202e\"}"_s;
    const QString safe = terminalSafe(json, LineBreaks::Json);
    QCOMPARE(safe, u"{\"file\":\"del\\u007f c1\\u009b bidi\\u202e\"}"_s);
    QJsonParseError error;
    const QJsonDocument parsed = QJsonDocument::fromJson(safe.toUtf8(), &error);
    QCOMPARE(error.error, QJsonParseError::NoError);
    QCOMPARE(parsed.object().value(u"file"_s).toString(), u"del\x7f c1\u009b bidi\u202e"_s);
}

void TestTerminalText::printTimesOutOfRangeAreDropped_data()
{
    QTest::addColumn<QJsonValue>("minutesLeft");
    QTest::addColumn<QJsonValue>("totalTime");
    QTest::addColumn<bool>("kept");
    QTest::newRow("ordinary") << QJsonValue(12) << QJsonValue(5400) << true;
    QTest::newRow("zero") << QJsonValue(0) << QJsonValue(0) << true;
    QTest::newRow("negative") << QJsonValue(-5) << QJsonValue(-1) << false;
    QTest::newRow("1e20") << QJsonValue(1e20) << QJsonValue(1e20) << false;
    QTest::newRow("strings past a year")
        << QJsonValue(u"600000"_s) << QJsonValue(u"4e7"_s) << false;
}

void TestTerminalText::printTimesOutOfRangeAreDropped()
{
    QFETCH(QJsonValue, minutesLeft);
    QFETCH(QJsonValue, totalTime);
    QFETCH(bool, kept);
    const PrintStatus status = ResponseParser::printStatusFromData(QJsonObject{
        {u"printing_job_status"_s, u"PRINTING"_s},
        {u"minutes_left"_s, minutesLeft},
        {u"total_time"_s, totalTime},
    });
    QCOMPARE(status.status, JobStatus::Printing);
    QCOMPARE(status.minutesLeft.has_value(), kept);
    QCOMPARE(status.totalTime.has_value(), kept);
}

void TestTerminalText::hmsNeverOverflows()
{
    QCOMPARE(formatHms(5400), u"1:30:00"_s);
    QCOMPARE(formatHms(-30), u"0:00:00"_s);
    QCOMPARE(formatHms(std::numeric_limits<double>::quiet_NaN()), u"0:00:00"_s);
    QVERIFY(!formatHms(1e20).startsWith(u'-'));
    QVERIFY(!formatHms(std::numeric_limits<double>::infinity()).startsWith(u'-'));
}

QTEST_GUILESS_MAIN(TestTerminalText)
#include "tst_terminaltext.moc"

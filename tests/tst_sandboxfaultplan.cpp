// The sandbox's fault plans as text: the syntax round trip, its error messages, the help, and
// the /sandbox/faults and /sandbox/stats control endpoints.
#include "sandboxclient.h"

#include <QJsonArray>
#include <QStandardPaths>

using namespace Qt::StringLiterals;
using namespace pc;
using namespace pc::test;

class TestSandboxFaultPlan final : public QObject, private SandboxClient
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void controlEndpoint();
    void faultPlanRoundTrip_data();
    void faultPlanRoundTrip();
    void faultPlanErrors_data();
    void faultPlanErrors();
    void faultPlanHelpAndActive();
};

void TestSandboxFaultPlan::controlEndpoint()
{
    auto server = start();
    const QByteArray target = "/sandbox/faults?api_key=" + key();
    const Exchange put =
        exchange(server->port(), request("PUT", target, "http5xx=1,status=500,calls=token"));
    QCOMPARE(put.status, 200);
    QCOMPARE(put.json().value(u"spec"_s).toString(), u"http5xx=1,status=500,calls=token"_s);
    QCOMPARE(server->faultPlan().serverErrorStatus, 500);
    QCOMPARE(get(*server, target).json().value(u"spec"_s).toString(),
             u"http5xx=1,status=500,calls=token"_s);
    QCOMPARE(get(*server, "/api3/api_create_partner_token?api_key=" + key()).status, 500);

    const Exchange bad = exchange(server->port(), request("PUT", target, "http5xx=7"));
    QCOMPARE(bad.status, 400);
    QVERIFY(bad.extended().contains(u"http5xx"_s));
    QCOMPARE(exchange(server->port(), request("PUT", "/sandbox/faults?api_key=wrong", "")).status,
             401);
    QCOMPARE(get(*server, "/sandbox/faults").status, 401);
    QCOMPARE(server->faultPlan().serverErrorRate, 1.0);

    const Exchange off = exchange(server->port(), request("PUT", target, ""));
    QCOMPARE(off.status, 200);
    QCOMPARE(off.json().value(u"spec"_s).toString(), QString());
    QVERIFY(!server->faultPlan().isActive());
    QCOMPARE(get(*server, "/api3/api_create_partner_token?api_key=" + key()).status, 200);

    // The statistics: every token, with its file once uploaded.
    const QString token = createToken(*server);
    QCOMPARE(upload(*server, token).code(), u"ok"_s);
    QCOMPARE(get(*server, "/sandbox/stats").status, 401);
    const Exchange stats = get(*server, "/sandbox/stats?api_key=" + key());
    QCOMPARE(stats.status, 200);
    const QJsonObject counts = stats.json();
    QCOMPARE(counts.value(u"tokens"_s).toInt(), 2);
    QCOMPARE(counts.value(u"files"_s).toInt(), 1);
    QCOMPARE(counts.value(u"api_requests"_s).toInt(), server->totalRequestCount());
    const QJsonArray transactions = counts.value(u"transactions"_s).toArray();
    QCOMPARE(transactions.size(), 2);
    int withFile = 0;
    for (const QJsonValue &entry : transactions) {
        const QJsonObject object = entry.toObject();
        if (object.value(u"token"_s).toString() == token) {
            QVERIFY(object.value(u"uploaded"_s).toBool());
            QVERIFY(object.value(u"size"_s).toInteger() > 0);
            ++withFile;
        } else {
            QVERIFY(!object.value(u"uploaded"_s).toBool());
        }
    }
    QCOMPARE(withFile, 1);
}

void TestSandboxFaultPlan::faultPlanRoundTrip_data()
{
    QTest::addColumn<QString>("spec");
    QTest::addColumn<QString>("canonical");
    QTest::newRow("empty") << QString() << QString();
    QTest::newRow("off") << u"off"_s << QString();
    QTest::newRow("example 1") << u"latency=300,http5xx=0.2,status=502"_s
                               << u"latency=300,http5xx=0.2,status=502"_s;
    QTest::newRow("example 2") << u"drop-upload=1,at=0.1,budget=1,calls=upload"_s
                               << u"drop-upload=1,at=0.1,budget=1,calls=upload"_s;
    QTest::newRow("blanks, percent, order")
        << u"  calls=status+token  stall=25%  latency=1.5s seed=42 "_s
        << u"latency=1500,stall=0.25,calls=token+status,seed=42"_s;
    QTest::newRow("everything")
        << u"latency=10ms,http5xx=0.1,status=504,429=0.2,retry-after=\"Wed, 21 Oct 2037 07:28:00 "
           u"GMT\","
           "drop-upload=0.3,at=0.99,drop-after-upload=0.4,malformed=0.5,error-envelope=0.6,"
           "stall=0.7,budget=3,calls=upload,seed=7"_s
        << u"latency=10,http5xx=0.1,status=504,429=0.2,retry-after=\"Wed, 21 Oct 2037 07:28:00 "
           u"GMT\","
           "drop-upload=0.3,at=0.99,drop-after-upload=0.4,malformed=0.5,error-envelope=0.6,"
           "stall=0.7,budget=3,calls=upload,seed=7"_s;
    QTest::newRow("upload rate") << u"upload-rate=250.5"_s << u"upload-rate=250.5"_s;
    QTest::newRow("issue 7 items")
        << u"tls=Wrong-Host,status-value=\"ON HOLD\",malformed-as=types,malformed=1,"
           "stall-upload=0.5,http4xx=0.25,status4xx=413,retry-after-503=on,http5xx=1"_s
        << u"http5xx=1,retry-after-503=1,http4xx=0.25,status4xx=413,stall-upload=0.5,"
           "malformed=1,malformed-as=types,status-value=\"ON HOLD\",tls=wrong-host"_s;
    QTest::newRow("every malformed kind") << u"malformed-as=huge"_s << u"malformed-as=huge"_s;
    QTest::newRow("tls off is the default") << u"tls=off"_s << QString();
}

void TestSandboxFaultPlan::faultPlanRoundTrip()
{
    QFETCH(QString, spec);
    QFETCH(QString, canonical);
    QString error;
    const std::optional<FaultPlan> plan = FaultPlan::parse(spec, &error);
    QVERIFY2(plan, qPrintable(error));
    QCOMPARE(plan->toSpec(), canonical);
    const std::optional<FaultPlan> again = FaultPlan::parse(plan->toSpec(), &error);
    QVERIFY2(again, qPrintable(error));
    QCOMPARE(again->toSpec(), canonical);
    QCOMPARE(again->latency, plan->latency);
    QCOMPARE(again->retryAfter, plan->retryAfter);
    QCOMPARE(again->calls, plan->calls);
}

void TestSandboxFaultPlan::faultPlanErrors_data()
{
    QTest::addColumn<QString>("spec");
    QTest::addColumn<QString>("expected");
    QTest::newRow("unknown") << u"explode=1"_s << u"unknown fault item 'explode'"_s;
    QTest::newRow("no value") << u"http5xx"_s << u"not a name=value item"_s;
    QTest::newRow("rate > 1") << u"http5xx=2"_s << u"http5xx: '2' is not a rate"_s;
    QTest::newRow("negative rate") << u"stall=-0.1"_s << u"stall: '-0.1' is not a rate"_s;
    QTest::newRow("rate text") << u"malformed=often"_s << u"malformed: 'often'"_s;
    QTest::newRow("status") << u"status=501"_s << u"not one of 500, 502, 503, 504"_s;
    QTest::newRow("latency") << u"latency=soon"_s << u"latency: 'soon'"_s;
    QTest::newRow("budget") << u"budget=-5"_s << u"budget: '-5'"_s;
    QTest::newRow("calls") << u"calls=upload+poll"_s << u"calls: 'upload+poll'"_s;
    QTest::newRow("at") << u"at=1.5"_s << u"at: '1.5'"_s;
    QTest::newRow("seed") << u"seed=x"_s << u"seed: 'x'"_s;
    QTest::newRow("upload rate") << u"upload-rate=-3"_s << u"upload-rate: '-3'"_s;
    QTest::newRow("quote") << u"retry-after=\"Wed, 21"_s << u"unterminated double quote"_s;
    QTest::newRow("status4xx") << u"status4xx=404"_s << u"not one of 400, 401, 403, 413"_s;
    QTest::newRow("retry-after-503") << u"retry-after-503=maybe"_s << u"retry-after-503: 'maybe'"_s;
    QTest::newRow("malformed-as") << u"malformed-as=xml"_s << u"malformed-as: 'xml'"_s;
    QTest::newRow("tls") << u"tls=expired"_s << u"tls: 'expired'"_s;
    QTest::newRow("status-value") << u"status-value=\"a\tb\""_s << u"status-value:"_s;
}

void TestSandboxFaultPlan::faultPlanErrors()
{
    QFETCH(QString, spec);
    QFETCH(QString, expected);
    QString error;
    QVERIFY(!FaultPlan::parse(spec, &error));
    QVERIFY2(error.contains(expected), qPrintable(error));
    QVERIFY(!FaultPlan::parse(spec, nullptr)); // no crash without an error sink
}

void TestSandboxFaultPlan::faultPlanHelpAndActive()
{
    const QString help = FaultPlan::syntaxHelp();
    for (const char *name : {"latency",
                             "http5xx",
                             "status",
                             "429",
                             "retry-after",
                             "drop-upload",
                             "at=",
                             "drop-after-upload",
                             "malformed",
                             "error-envelope",
                             "stall",
                             "budget",
                             "calls",
                             "seed",
                             "retry-after-503",
                             "http4xx",
                             "status4xx",
                             "stall-upload",
                             "malformed-as",
                             "status-value",
                             "tls="})
        QVERIFY2(help.contains(QLatin1StringView(name)), name);
    QVERIFY(!FaultPlan{}.isActive());
    QVERIFY(FaultPlan::parse(u"latency=5"_s, nullptr)->isActive());
    QVERIFY(!FaultPlan::parse(u"stall=1,budget=0"_s, nullptr)->isActive());
    QVERIFY(!FaultPlan::parse(u"status=502,retry-after=3"_s, nullptr)->isActive());
    // Conditions apply whatever the budget: they are active even with none left.
    QVERIFY(FaultPlan::parse(u"status-value=PAUSED,budget=0"_s, nullptr)->isActive());
    QVERIFY(FaultPlan::parse(u"tls=self-signed,budget=0"_s, nullptr)->isActive());
    QVERIFY(FaultPlan::parse(u"http4xx=1"_s, nullptr)->isActive());
    QVERIFY(!FaultPlan::parse(u"status4xx=403,malformed-as=html"_s, nullptr)->isActive());
}

QTEST_GUILESS_MAIN(TestSandboxFaultPlan)
#include "tst_sandboxfaultplan.moc"

// The sandbox's print simulation, its token-link page and the sandbox-only print and
// token-status endpoints: every state in order, forced outcomes, the speed factor, auto-print.
#include "sandbox/printsimulation.h"
#include "sandbox/sandboxpagetexts.h"
#include "sandboxclient.h"

#include <QSignalSpy>
#include <QStandardPaths>

using namespace Qt::StringLiterals;
using namespace pc;
using namespace pc::test;
using pc::sandbox::PrintSimulation;

class TestSandboxPrint final : public QObject, private SandboxClient
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void printRunsThroughEveryState();
    void forcedFailure();
    void realTimeWithSpeedFactor();
    void autoPrint();
    void tokenPageEscapesAndDecodesName();
    void tokenPageUnknownToken();
    void pageLanguageFromAcceptLanguage_data();
    void pageLanguageFromAcceptLanguage();
    void tokenPageSpeaksTheBrowsersLanguage();
    void sandboxPrintAndTokenStatus();
    void printSimulationUnit();
};

void TestSandboxPrint::printRunsThroughEveryState()
{
    SandboxConfig config;
    config.outcome = PrintOutcome::Success;
    auto server = start(config);
    qint64 now = 1'000'000;
    server->setClockForTesting([&now] { return now; });
    const QString token = uploadedToken(*server);
    QVERIFY(!token.isEmpty());
    QSignalSpy started(server.get(), &SandboxServer::printStarted);
    QVERIFY(server->startPrint(token, u"Prusa MK4"_s));
    QVERIFY(!server->startPrint(token, u"Prusa MK4"_s)); // already started
    QVERIFY(!server->startPrint(u"unknown"_s));
    QCOMPARE(started.size(), 1);

    QStringList seen;
    double lastPercentage = -1;
    double lastTotal = -1;
    double lastMinutes = 1e9;
    int printingSamples = 0;
    for (int step = 0; step < 400; ++step, now += 10'000) { // 10 s a step
        const QJsonObject data = status(*server, token).data();
        const QString state = data.value(u"printing_job_status"_s).toString();
        QCOMPARE(data.value(u"printing_job_status_name"_s).toString(), state);
        QCOMPARE(data.value(u"printer_model"_s).toString(), u"Prusa MK4"_s);
        QVERIFY(data.value(u"printing_percentage"_s).isDouble());
        QVERIFY(data.value(u"minutes_left"_s).isDouble());
        QVERIFY(data.value(u"total_time"_s).isDouble());
        if (seen.isEmpty() || seen.last() != state)
            seen.append(state);
        const double percentage = data.value(u"printing_percentage"_s).toDouble();
        const double total = data.value(u"total_time"_s).toDouble();
        const double minutes = data.value(u"minutes_left"_s).toDouble();
        QVERIFY(percentage >= lastPercentage);
        QVERIFY(total >= lastTotal);
        QVERIFY(minutes <= lastMinutes);
        if (state == u"PRINTING") {
            ++printingSamples;
            QVERIFY(percentage > 0 || total < 10);
        }
        if (state.startsWith(u"CONFIRMED")) {
            QCOMPARE(percentage, 100.0);
            QVERIFY(!data.value(u"message"_s).toString().isEmpty());
            break;
        }
        lastPercentage = percentage;
        lastTotal = total;
        lastMinutes = minutes;
    }
    QCOMPARE(seen,
             QStringList({u"WARMING_UP"_s, u"PRINTING"_s, u"SUCCESS"_s, u"CONFIRMED_SUCCESS"_s}));
    QVERIFY(printingSamples > 50); // 20+ simulated minutes in 10 s steps
    QCOMPARE(server->currentStatus(token)->status, JobStatus::ConfirmedSuccess);
}

void TestSandboxPrint::forcedFailure()
{
    auto server = start();
    server->setOutcome(PrintOutcome::Failure);
    qint64 now = 0;
    server->setClockForTesting([&now] { return now; });
    const QString token = uploadedToken(*server);
    QVERIFY(server->startPrint(token));
    now += 60 * 60 * 1000; // an hour: long past the end
    const QJsonObject data = status(*server, token).data();
    QCOMPARE(data.value(u"printing_job_status"_s).toString(), u"CONFIRMED_FAILURE"_s);
    QVERIFY(data.value(u"printing_percentage"_s).toDouble() < 100.0);
    QVERIFY(!data.value(u"message"_s).toString().isEmpty());
    QVERIFY(PrintSimulation::printerModels().contains(data.value(u"printer_model"_s).toString()));
}

void TestSandboxPrint::realTimeWithSpeedFactor()
{
    SandboxConfig config;
    config.speed = 20'000; // the whole print in about a tenth of a second
    auto server = start(config);
    const QString token = uploadedToken(*server);
    QVERIFY(server->startPrint(token));
    QTRY_VERIFY_WITH_TIMEOUT(isFinal(server->currentStatus(token)->status), 3000);
    const QString final = status(*server, token).data().value(u"printing_job_status"_s).toString();
    QVERIFY2(final == u"CONFIRMED_SUCCESS" || final == u"CONFIRMED_FAILURE", qPrintable(final));
}

void TestSandboxPrint::autoPrint()
{
    SandboxConfig config;
    config.autoPrintSeconds = 0.05;
    auto server = start(config);
    QSignalSpy started(server.get(), &SandboxServer::printStarted);
    const QString token = uploadedToken(*server);
    QVERIFY(!token.isEmpty());
    QVERIFY(started.wait(2000));
    const QJsonObject data = status(*server, token).data();
    QCOMPARE(data.value(u"printing_job_status"_s).toString(), u"WARMING_UP"_s);
    QVERIFY(PrintSimulation::printerModels().contains(data.value(u"printer_model"_s).toString()));
}

void TestSandboxPrint::tokenPageEscapesAndDecodesName()
{
    auto server = start();
    QSignalSpy uploaded(server.get(), &SandboxServer::fileUploaded);
    const QString name = u"<b>evil\"name Größe 测试.stl"_s;
    const QString token = createToken(*server);
    const Exchange reply = upload(*server, token, browserFileName(name));
    QCOMPARE(reply.code(), u"ok"_s);
    QCOMPARE(uploaded.at(0).at(1).toString(), name);

    const QUrl link(reply.data().value(u"token_link"_s).toString());
    const Exchange page = get(*server, link.toEncoded(QUrl::RemoveScheme | QUrl::RemoveAuthority));
    QCOMPARE(page.status, 200);
    QCOMPARE(page.header("Content-Type"), "text/html; charset=utf-8");
    QCOMPARE(page.header("Cache-Control"), "no-store");
    const QString html = QString::fromUtf8(page.body);
    QVERIFY(html.contains(u"&lt;b&gt;evil&quot;name Größe 测试.stl"_s));
    QVERIFY(!html.contains(u"<b>evil"_s));
    QVERIFY(!html.contains(u"{{"_s));
    QVERIFY(html.contains(u"data-token=\"%1\""_s.arg(token)));
    for (const QString &model : PrintSimulation::printerModels())
        QVERIFY(html.contains(model));
    QVERIFY(html.contains(u"/sandbox/token-status"_s));
    QVERIFY(html.contains(u"/sandbox/print"_s));
    QVERIFY(!html.contains(u"src=\"http"_s)); // self-contained
}

void TestSandboxPrint::tokenPageUnknownToken()
{
    auto server = start();
    for (const QByteArray &target : {QByteArray("/?token=00000000000000000000000000000000"),
                                     QByteArray("/"), QByteArray("/no/such/page")}) {
        const Exchange page = get(*server, target);
        QCOMPARE(page.status, 404);
        QCOMPARE(page.header("Content-Type"), "text/html; charset=utf-8");
        QVERIFY(page.body.contains("404"));
    }
    // A token without a design has no page yet either.
    const QString token = createToken(*server);
    QCOMPARE(get(*server, "/?token=" + token.toLatin1()).status, 404);
}

void TestSandboxPrint::pageLanguageFromAcceptLanguage_data()
{
    using pc::sandbox::PageLanguage;
    QTest::addColumn<QByteArray>("header");
    QTest::addColumn<int>("language");
    QTest::newRow("none") << QByteArray() << int(PageLanguage::English);
    QTest::newRow("de") << "de"_ba << int(PageLanguage::German);
    QTest::newRow("QtWebEngine, German") << "de-DE,de;q=0.9"_ba << int(PageLanguage::German);
    QTest::newRow("English first") << "en-US,en;q=0.9,de;q=0.8"_ba << int(PageLanguage::English);
    QTest::newRow("weights decide") << "en;q=0.4, DE-at;q=0.7"_ba << int(PageLanguage::German);
    QTest::newRow("other language first")
        << "fr-FR,fr;q=0.9,de;q=0.5"_ba << int(PageLanguage::German);
    QTest::newRow("unsupported only") << "fr,it"_ba << int(PageLanguage::English);
    QTest::newRow("refused") << "de;q=0"_ba << int(PageLanguage::English);
    QTest::newRow("garbage") << ";;,q=,de;q=abc"_ba << int(PageLanguage::English);
}

void TestSandboxPrint::pageLanguageFromAcceptLanguage()
{
    QFETCH(QByteArray, header);
    QFETCH(int, language);
    QCOMPARE(int(pc::sandbox::pageLanguage(header)), language);
}

void TestSandboxPrint::tokenPageSpeaksTheBrowsersLanguage()
{
    auto server = start();
    const QString token = uploadedToken(*server);
    const auto page = [&](const QByteArray &target, const QByteArray &acceptLanguage) {
        QByteArray head = requestHead("GET", target, -1);
        if (!acceptLanguage.isEmpty())
            head.insert(head.indexOf("\r\n") + 2, "Accept-Language: " + acceptLanguage + "\r\n");
        return exchange(server->port(), head);
    };
    const QByteArray link = "/?token=" + token.toLatin1();

    const Exchange german = page(link, "de-DE,de;q=0.9");
    QCOMPARE(german.status, 200);
    QCOMPARE(german.header("Content-Language"), "de");
    const QString de = QString::fromUtf8(german.body);
    QVERIFY(de.contains(u"<html lang=\"de\">"_s));
    QVERIFY(de.contains(u">Drucken</button>"_s));
    QVERIFY(de.contains(u">Drucker</label>"_s));
    QVERIFY(de.contains(u"nie heruntergeladen"_s));
    QVERIFY(de.contains(u"\"PRINTING\":\"Druckt\""_s));
    QVERIFY(!de.contains(u">Print</button>"_s));
    QVERIFY(!de.contains(u"{{"_s));

    for (const QByteArray &english : {QByteArray(), "en-US,en;q=0.9"_ba, "fr"_ba}) {
        const QString en = QString::fromUtf8(page(link, english).body);
        QVERIFY(en.contains(u"<html lang=\"en\">"_s));
        QVERIFY(en.contains(u">Print</button>"_s));
        QVERIFY(en.contains(u"\"PRINTING\":\"Printing\""_s));
        QVERIFY(!en.contains(u"{{"_s));
    }

    // The page that says a link does not work speaks the same language.
    const Exchange missing = page("/?token=00000000000000000000000000000000", "de");
    QCOMPARE(missing.status, 404);
    QVERIFY(QString::fromUtf8(missing.body).contains(u"Dieser Drucklink ist nicht verfügbar"_s));
    QVERIFY(page("/no/such/page", "de").body.contains("Unter dieser Adresse gibt es nichts."));
}

void TestSandboxPrint::sandboxPrintAndTokenStatus()
{
    auto server = start();
    const QString token = uploadedToken(*server);
    const QByteArray tokenQuery = "token=" + token.toLatin1();

    Exchange before = get(*server, "/sandbox/token-status?" + tokenQuery);
    QCOMPARE(before.status, 200);
    QCOMPARE(before.header("Content-Type"), "application/json");
    QCOMPARE(before.header("Cache-Control"), "no-store");
    QVERIFY(before.data().value(u"printing_job_status"_s).isNull());
    QCOMPARE(before.data().value(u"print_started"_s).toBool(), false);

    const QByteArray form = tokenQuery + "&printer_model=Ultimaker+S5";
    const Exchange started = exchange(server->port(), request("POST", "/sandbox/print", form,
                                                              "application/x-www-form-urlencoded"));
    QCOMPARE(started.status, 200);
    QCOMPARE(started.code(), u"ok"_s);
    QCOMPARE(started.data().value(u"printing_job_status"_s).toString(), u"WARMING_UP"_s);

    const Exchange after = get(*server, "/sandbox/token-status?" + tokenQuery);
    QCOMPARE(after.data().value(u"printer_model"_s).toString(), u"Ultimaker S5"_s);
    QCOMPARE(after.data().value(u"print_started"_s).toBool(), true);
    QCOMPARE(server->currentStatus(token)->printerModel, u"Ultimaker S5"_s);

    const Exchange again = exchange(server->port(), request("POST", "/sandbox/print?" + tokenQuery,
                                                            QByteArray(), "text/plain"));
    QCOMPARE(again.status, 409);
    QCOMPARE(again.code(), u"error"_s);
    QCOMPARE(exchange(server->port(), request("POST", "/sandbox/print?token=abc")).status, 404);
    QCOMPARE(get(*server, "/sandbox/token-status?token=abc").status, 404);

    // The sandbox endpoints are not api3 calls and need no key.
    QCOMPARE(server->statusRequestCount(token), 0);
    QCOMPARE(server->totalRequestCount(), 2); // the token call and the upload
}

void TestSandboxPrint::printSimulationUnit()
{
    using namespace pc::sandbox;
    const PrintSimulation::Plan plan =
        PrintSimulation::makePlan(1234, 5'000'000, u"Creality K1"_s, false);
    QVERIFY(plan.printSeconds >= 20 * 60 && plan.printSeconds <= 40 * 60);
    QVERIFY(plan.warmUpSeconds >= 45 && plan.warmUpSeconds <= 75);
    QVERIFY(plan.failAtFraction > 0 && plan.failAtFraction < 1);
    const PrintSimulation::Plan same =
        PrintSimulation::makePlan(1234, 5'000'000, u"Creality K1"_s, false);
    QCOMPARE(same.printSeconds, plan.printSeconds); // deterministic
    QCOMPARE(same.message, plan.message);

    QVERIFY(PrintSimulation().statusAt(1000).isAwaitingCustomer());
    const PrintSimulation simulation(plan, 10'000, 60.0); // one simulated minute per second
    QCOMPARE(simulation.statusAt(10'000).status, JobStatus::WarmingUp);
    const double printStartMs = 10'000 + plan.warmUpSeconds * 1000 / 60;
    const PrintStatus printing = simulation.statusAt(qint64(printStartMs + 5000)); // 300 s
    QCOMPARE(printing.status, JobStatus::Printing);
    QVERIFY(qAbs(*printing.totalTime - 300.0) <= 1.0);
    QVERIFY(*printing.percentage > 0 && *printing.percentage < 100);
    const double failMs = printStartMs + plan.printSeconds * plan.failAtFraction * 1000 / 60;
    const PrintStatus failed = simulation.statusAt(qint64(failMs + 100));
    QCOMPARE(failed.status, JobStatus::Failure);
    QCOMPARE(failed.message, plan.message);
    QCOMPARE(simulation.statusAt(qint64(failMs + 1000 * 200 / 60)).status,
             JobStatus::ConfirmedFailure);

    const QJsonObject wire = PrintSimulation::toWireData(failed);
    QCOMPARE(wire.value(u"printing_job_status"_s).toString(), u"FAILURE"_s);
    QCOMPARE(wire.value(u"printing_job_status_name"_s).toString(), u"FAILURE"_s);
    QCOMPARE(wire.value(u"printer_model"_s).toString(), u"Creality K1"_s);
    QCOMPARE(wire.value(u"minutes_left"_s).toDouble(), 0.0);
}

QTEST_GUILESS_MAIN(TestSandboxPrint)
#include "tst_sandboxprint.moc"

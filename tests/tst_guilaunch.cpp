// Starts the real partner-console executable on an X display, the way a person does, and
// checks that it comes up on the built-in sandbox, that the sandbox answers, and that it
// quits cleanly on SIGTERM. Also: command-line errors, --version, the production fallback
// and that the API key never reaches the output.

#include <QDir>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QtNetwork/QNetworkAccessManager>
#include <QtNetwork/QNetworkReply>

#include <memory>

using namespace Qt::StringLiterals;

namespace {

constexpr int kStartTimeoutMs = 60'000;
const QString kGuiPath = QStringLiteral(PC_GUI_PATH);
const QString kApiKey = u"guilaunch-Key_0123456789abcdef-XYZ=="_s;

// The line partner-console logs (category pc.ui) once its window is up.
const QRegularExpression kShownLine(uR"(Main window shown, environment (\w+) at (\S+))"_s);

} // namespace

class TestGuiLaunch final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();

    void startsOnSandboxAnswersAndQuitsOnSigterm();
    void productionWithoutKeyFallsBackToSandbox();
    void productionWithKeyNeverShowsTheKey_data();
    void productionWithKeyNeverShowsTheKey();
    void printsVersion();
    void secondStartHandsItsFilesToTheFirst();
    void rejectsBadCommandLine_data();
    void rejectsBadCommandLine();

private:
    // A started partner-console in an isolated HOME; output is collected as it arrives.
    struct Gui
    {
        QTemporaryDir home;
        QByteArray output; // stdout and stderr, merged
        QProcess process;

        Gui() = default;
        Gui(const Gui &) = delete;
        Gui &operator=(const Gui &) = delete;
        // A console that did not quit (its test has already failed) is killed here, with
        // nothing connected any more: QProcess's destructor waits for the process and would
        // otherwise still deliver output to the reader.
        ~Gui()
        {
            process.disconnect();
            if (process.state() != QProcess::NotRunning) {
                process.kill();
                process.waitForFinished(5'000);
            }
        }

        QString text() const { return QString::fromUtf8(output); }
    };
    // `sameUserAs`: run as the same user (same home and runtime folder) as that console.
    std::unique_ptr<Gui> start(const QStringList &arguments, const QString &apiKey = {},
                               const Gui *sameUserAs = nullptr);
    // Waits for the "Main window shown" line; returns its match (invalid on timeout).
    static QRegularExpressionMatch waitUntilShown(Gui &gui);
    static void terminateCleanly(Gui &gui);
};

void TestGuiLaunch::initTestCase()
{
    QVERIFY2(QFileInfo(kGuiPath).isExecutable(), qPrintable(kGuiPath));
    QVERIFY2(!qEnvironmentVariableIsEmpty("DISPLAY"),
             "tst_guilaunch needs an X display (run it through CTest or with-display.sh)");
}

std::unique_ptr<TestGuiLaunch::Gui>
TestGuiLaunch::start(const QStringList &arguments, const QString &apiKey, const Gui *sameUserAs)
{
    auto gui = std::make_unique<Gui>();
    if (!gui->home.isValid())
        return {};
    const QDir home(sameUserAs ? sameUserAs->home.path() : gui->home.path());
    for (const char *sub : {"config", "data", "cache", "state", "runtime"})
        home.mkpath(QString::fromLatin1(sub));
    QFile::setPermissions(home.filePath(u"runtime"_s),
                          QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);

    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(u"QT_QPA_PLATFORM"_s, u"xcb"_s);
    env.insert(u"HOME"_s, home.path());
    env.insert(u"XDG_CONFIG_HOME"_s, home.filePath(u"config"_s));
    env.insert(u"XDG_DATA_HOME"_s, home.filePath(u"data"_s));
    env.insert(u"XDG_CACHE_HOME"_s, home.filePath(u"cache"_s));
    env.insert(u"XDG_STATE_HOME"_s, home.filePath(u"state"_s));
    env.insert(u"XDG_RUNTIME_DIR"_s, home.filePath(u"runtime"_s));
    const QString rules = env.value(u"QT_LOGGING_RULES"_s);
    env.insert(u"QT_LOGGING_RULES"_s,
               rules.isEmpty() ? u"pc.ui.info=true"_s : rules + u";pc.ui.info=true"_s);
    env.remove(u"QT_MESSAGE_PATTERN"_s);
    env.remove(u"PARTNER_CONSOLE_API_KEY"_s);
    if (!apiKey.isEmpty())
        env.insert(u"PARTNER_CONSOLE_API_KEY"_s, apiKey);

    Gui *raw = gui.get();
    raw->process.setProcessEnvironment(env);
    raw->process.setProcessChannelMode(QProcess::MergedChannels);
    connect(&raw->process, &QProcess::readyReadStandardOutput, &raw->process,
            [raw] { raw->output += raw->process.readAllStandardOutput(); });
    raw->process.start(kGuiPath, arguments);
    if (!raw->process.waitForStarted(kStartTimeoutMs))
        return {};
    return gui;
}

QRegularExpressionMatch TestGuiLaunch::waitUntilShown(Gui &gui)
{
    QRegularExpressionMatch match;
    const bool settled = QTest::qWaitFor(
        [&] {
            match = kShownLine.match(gui.text());
            return match.hasMatch() || gui.process.state() == QProcess::NotRunning;
        },
        kStartTimeoutMs);
    return settled ? match : QRegularExpressionMatch();
}

void TestGuiLaunch::terminateCleanly(Gui &gui)
{
    gui.process.terminate(); // SIGTERM
    QVERIFY2(gui.process.waitForFinished(15'000),
             qPrintable(u"the console did not quit within 15 s of SIGTERM; its output:\n"_s +
                        gui.text()));
    gui.output += gui.process.readAll();
    // The output says why (a sanitizer's report, for one) when the exit was not clean.
    QVERIFY2(gui.process.exitStatus() == QProcess::NormalExit && gui.process.exitCode() == 0,
             qPrintable(u"the console quit with status %1, exit code %2; its output:\n"_s
                            .arg(gui.process.exitStatus())
                            .arg(gui.process.exitCode()) +
                        gui.text()));
}

void TestGuiLaunch::startsOnSandboxAnswersAndQuitsOnSigterm()
{
    std::unique_ptr<Gui> gui = start({});
    QVERIFY(gui); // on failure the QProcess destructor kills the console

    const QRegularExpressionMatch shown = waitUntilShown(*gui);
    QVERIFY2(shown.hasMatch(), qPrintable(u"no window line; output:\n"_s + gui->text()));
    QCOMPARE(shown.captured(1), u"Sandbox"_s);
    const QUrl serverUrl(shown.captured(2));
    QVERIFY2(serverUrl.isValid(), qPrintable(shown.captured(2)));
    QCOMPARE(serverUrl.scheme(), u"http"_s);
    QCOMPARE(serverUrl.host(), u"127.0.0.1"_s);
    QVERIFY(serverUrl.port() > 0);
    QCOMPARE(serverUrl.path(), u"/"_s);

    // It stays up.
    QTest::qWait(1'500);
    QCOMPARE(gui->process.state(), QProcess::Running);

    // The sandbox it started answers the real api3 surface: a wrong key gets the service's
    // error envelope.
    QNetworkAccessManager network;
    const QUrl call = serverUrl.resolved(QUrl(u"api3/api_create_partner_token?api_key=wrong"_s));
    QNetworkReply *reply = network.get(QNetworkRequest(call));
    QSignalSpy finished(reply, &QNetworkReply::finished);
    QVERIFY(finished.wait(20'000));
    const int httpStatus = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    QVERIFY2(httpStatus > 0, qPrintable(reply->errorString())); // an HTTP answer, not a refusal
    QJsonParseError parseError;
    const QJsonDocument body = QJsonDocument::fromJson(reply->readAll(), &parseError);
    reply->deleteLater();
    QVERIFY2(parseError.error == QJsonParseError::NoError, qPrintable(parseError.errorString()));
    const QJsonObject status = body.object().value(u"status"_s).toObject();
    QCOMPARE(status.value(u"code"_s).toString(), u"error"_s);
    QVERIFY(!status.value(u"description"_s).toString().isEmpty());
    QVERIFY(!body.object().contains(u"data"_s) || body.object().value(u"data"_s).isNull() ||
            !body.object().value(u"data"_s).toObject().contains(u"token"_s));
    QCOMPARE(gui->process.state(), QProcess::Running);

    terminateCleanly(*gui);
    QVERIFY2(gui->text().contains(u"Termination signal received"_s), qPrintable(gui->text()));
}

void TestGuiLaunch::productionWithoutKeyFallsBackToSandbox()
{
    std::unique_ptr<Gui> gui = start({u"--environment"_s, u"production"_s});
    QVERIFY(gui);
    const QRegularExpressionMatch shown = waitUntilShown(*gui);
    QVERIFY2(shown.hasMatch(), qPrintable(gui->text()));
    QCOMPARE(shown.captured(1), u"Sandbox"_s);
    QTRY_VERIFY2(gui->text().contains(u"PARTNER_CONSOLE_API_KEY"_s), qPrintable(gui->text()));
    terminateCleanly(*gui);
}

void TestGuiLaunch::productionWithKeyNeverShowsTheKey_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("environment");
    QTest::addColumn<QString>("location");

    QTest::newRow("key alone") << QStringList() << u"Production"_s
                               << u"widget.sendshapes.com:3443"_s;
    QTest::newRow("--environment production") << QStringList{u"--environment"_s, u"production"_s}
                                              << u"Production"_s << u"widget.sendshapes.com:3443"_s;
    QTest::newRow("--base-url") << QStringList{u"--base-url=http://127.0.0.1:9/api3"_s}
                                << u"Custom"_s << u"http://127.0.0.1:9/api3/"_s;
}

void TestGuiLaunch::productionWithKeyNeverShowsTheKey()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, environment);
    QFETCH(QString, location);

    std::unique_ptr<Gui> gui = start(arguments, kApiKey);
    QVERIFY(gui);
    const QRegularExpressionMatch shown = waitUntilShown(*gui);
    QVERIFY2(shown.hasMatch(), qPrintable(gui->text()));
    QCOMPARE(shown.captured(1), environment);
    QCOMPARE(shown.captured(2), location);
    terminateCleanly(*gui);
    QVERIFY2(!gui->text().contains(kApiKey), "the API key appeared in the output");
}

void TestGuiLaunch::printsVersion()
{
    std::unique_ptr<Gui> gui = start({u"--version"_s});
    QVERIFY(gui);
    QVERIFY(gui->process.waitForFinished(kStartTimeoutMs));
    gui->output += gui->process.readAll();
    QCOMPARE(gui->process.exitCode(), 0);
    QVERIFY2(QRegularExpression(uR"(^partner-console \d+\.\d+\.\d+)"_s,
                                QRegularExpression::MultilineOption)
                 .match(gui->text())
                 .hasMatch(),
             qPrintable(gui->text()));
}

void TestGuiLaunch::rejectsBadCommandLine_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("message");

    QTest::newRow("unknown environment")
        << QStringList{u"--environment"_s, u"mars"_s} << u"unknown environment 'mars'"_s;
    QTest::newRow("bad url") << QStringList{u"--base-url"_s, u"ftp://example.com/"_s}
                             << u"--base-url"_s;
    QTest::newRow("sandbox with url")
        << QStringList{u"--environment=sandbox"_s, u"--base-url=https://example.com/api3/"_s}
        << u"cannot be combined"_s;
}

void TestGuiLaunch::rejectsBadCommandLine()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, message);

    std::unique_ptr<Gui> gui = start(arguments);
    QVERIFY(gui);
    QVERIFY(gui->process.waitForFinished(kStartTimeoutMs));
    gui->output += gui->process.readAll();
    QCOMPARE(gui->process.exitStatus(), QProcess::NormalExit);
    QCOMPARE(gui->process.exitCode(), 2);
    QVERIFY2(gui->text().contains(message), qPrintable(gui->text()));
    QVERIFY(!kShownLine.match(gui->text()).hasMatch());
}

// Opening an STL file while the console runs (a file manager starts "partner-console FILE"):
// the new start hands the file to the running console and exits; nothing else starts.
void TestGuiLaunch::secondStartHandsItsFilesToTheFirst()
{
    const QString design = QStringLiteral(PC_TEST_DATA_DIR "/stl/microstl__box_freecad_binary.stl");
    std::unique_ptr<Gui> first = start({design});
    QVERIFY(first);
    QVERIFY2(waitUntilShown(*first).hasMatch(), qPrintable(first->text()));
    QVERIFY2(first->text().contains(u"Queueing 1 file(s) from the command line"_s),
             qPrintable(first->text()));

    std::unique_ptr<Gui> second = start({design, u"another.stl"_s}, {}, first.get());
    QVERIFY(second);
    QVERIFY(second->process.waitForFinished(kStartTimeoutMs));
    second->output += second->process.readAll();
    QCOMPARE(second->process.exitStatus(), QProcess::NormalExit);
    QCOMPARE(second->process.exitCode(), 0);
    QVERIFY2(second->text().contains(u"Handed 2 file(s) to the running console"_s),
             qPrintable(second->text()));
    QVERIFY2(!kShownLine.match(second->text()).hasMatch(), qPrintable(second->text()));
    QTRY_VERIFY2_WITH_TIMEOUT(first->text().contains(u"Another start handed over 2 file(s)"_s),
                              qPrintable(first->text()), 20'000);
    QCOMPARE(first->process.state(), QProcess::Running);
    terminateCleanly(*first);
}

QTEST_GUILESS_MAIN(TestGuiLaunch)
#include "tst_guilaunch.moc"

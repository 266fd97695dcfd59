// The work window's memory for one file, end to end: the window on its built-in sandbox (as
// main() builds it), one STL handed to it, its details confirmed, then checked, uploaded and
// saved as an order. Prints the peak resident set at each step; compare it with the CLI's
// `inspect` of the same file under /usr/bin/time -v:
//   QT_QPA_PLATFORM=offscreen /usr/bin/time -v window-file-memory FILE.stl
// The built-in sandbox runs in the window's process (it writes an upload's file to disk as it
// arrives, holding a few slices of it); with PC_BENCH_BASE_URL (and PARTNER_CONSOLE_API_KEY) set,
// the window talks to a sandbox of its own instead (`partner-console-cli sandbox`), so only the
// window's own memory counts.
#include "../workwindowfixture.h"

#include "filethumbnails.h"
#include "mainwindow.h"
#include "orderfactsbar.h"

#include "orders/uploadqueue.h"
#include "ordertablemodel.h"

#include <QApplication>
#include <QDeadlineTimer>
#include <QFile>
#include <QLineEdit>
#include <QPushButton>
#include <QTest>

#include <cstdio>
#include <functional>

namespace {

QByteArray statusField(const char *name)
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return {};
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith(name))
            return line.mid(qsizetype(qstrlen(name))).simplified();
    }
    return {};
}

void report(const char *step)
{
    std::printf("%-34s VmRSS %12s   VmHWM (peak) %12s\n", step, statusField("VmRSS:").constData(),
                statusField("VmHWM:").constData());
    std::fflush(stdout);
}

bool waitFor(const std::function<bool()> &condition, int seconds = 600)
{
    QDeadlineTimer deadline(seconds * 1000);
    while (!condition()) {
        if (deadline.hasExpired())
            return false;
        QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
    }
    return true;
}

} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    if (argc != 2) {
        std::fprintf(stderr, "usage: window-file-memory FILE.stl\n");
        return 2;
    }
    const QString path = QString::fromLocal8Bit(argv[1]);
    report("started");
    pc::test::WorkWindowRig rig;
    const QString external = qEnvironmentVariable("PC_BENCH_BASE_URL");
    pc::EnvironmentInfo environment;
    if (external.isEmpty()) {
        if (!rig.start()) {
            std::fprintf(stderr, "%s\n", qPrintable(rig.problem()));
            return 1;
        }
        environment = rig.environment();
    } else {
        pc::ServiceEndpoint endpoint;
        endpoint.baseUrl = QUrl(external);
        endpoint.apiKey = qEnvironmentVariable("PARTNER_CONSOLE_API_KEY");
        rig.session = std::make_unique<pc::ConsoleSession>(endpoint, pc::EnvironmentKind::Sandbox,
                                                           pc::ConsoleSettings());
        if (!pc::test::openAndWait(*rig.session, rig.data.path()).ok() ||
            !pc::test::startAndWait(*rig.session)) {
            std::fprintf(stderr, "the session cannot open its store\n");
            return 1;
        }
        environment = pc::EnvironmentInfo::remote(endpoint.baseUrl);
    }
    pc::MainWindow window(environment, rig.session.get(), &rig.keys);
    window.show();
    report("window shown");

    window.addPaths({path});
    auto *facts = window.findChild<pc::OrderFactsBar *>();
    if (!facts || !waitFor([facts] { return facts->pendingCount() == 1; })) {
        std::fprintf(stderr, "the file never waited for its details\n");
        return 1;
    }
    // The queue row's facts and thumbnail, computed while the file waits.
    // PC_BENCH_QUEUE_AT_ONCE=1 confirms the details at once instead, so the queue's own check
    // and the upload run while the thumbnail is still being made.
    auto *thumbnails = window.findChild<pc::FileThumbnails *>();
    const bool atOnce = qEnvironmentVariableIntValue("PC_BENCH_QUEUE_AT_ONCE") == 1;
    if (!thumbnails ||
        (!atOnce && !waitFor([thumbnails] { return thumbnails->pendingCount() == 0; }))) {
        std::fprintf(stderr, "the file's thumbnail never came\n");
        return 1;
    }
    report(atOnce ? "file waits for details" : "thumbnail and facts shown");
    static const char *const kStates[] = {
        "queued", "validating", "ready",  "creating token",  "uploading",       "done",
        "failed", "cancelled",  "paused", "needs attention", "awaiting details"};
    pc::QueueMirror &queue = rig.session->queue();
    QObject::connect(&queue, &pc::QueueMirror::itemChanged, &queue, [&queue](qint64 id) {
        if (const std::optional<pc::QueueItem> item = queue.item(id))
            report(qPrintable(
                QStringLiteral("now %1").arg(QLatin1StringView(kStates[int(item->state)]))));
    });
    facts->findChild<QLineEdit *>(QStringLiteral("receiverEmail"))
        ->setText(QStringLiteral("customer@example.com"));
    facts->findChild<QLineEdit *>(QStringLiteral("price"))->setText(QStringLiteral("14.90"));
    facts->queueButton()->click();
    if (!waitFor([&rig] { return rig.session->orders().rowCount() == 1; })) {
        std::fprintf(stderr, "no order after 10 minutes\n");
        return 1;
    }
    report("uploaded, order saved");
    if (!waitFor([thumbnails] { return thumbnails->pendingCount() == 0; })) {
        std::fprintf(stderr, "the file's thumbnail never came\n");
        return 1;
    }
    report("thumbnail shown");
    return 0;
}

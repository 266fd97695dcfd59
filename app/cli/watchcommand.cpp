#include "cli/watchcommand.h"

#include "cli/clicontext.h"
#include "cli/statuscommand.h"
#include "common/terminationsignals.h"
#include "orders/orderstore.h"
#include "orders/statuspoller.h"

#include <QEventLoop>
#include <QJsonObject>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace pc::cli {

namespace {

// A status in a few words, as the window says it: "Printing 45 %", "Waiting for customer".
QString shortStatus(const PrintStatus &status)
{
    QString text = jobStatusText(status.status, status.statusText);
    if (status.isAwaitingCustomer())
        return text;
    if (status.percentage)
        text += u' ' + QString::number(*status.percentage, 'f', 0) + u" %"_s;
    if (status.minutesLeft && !isFinal(status.status))
        text +=
            u", "_s + CliText::tr("%1 min left").arg(QString::number(*status.minutesLeft, 'f', 0));
    return text;
}

} // namespace

WatchCommand::WatchCommand()
    : m_for(u"for"_s,
            CliText::tr("Stop after this many seconds (default: once every order is final)."),
            u"SECONDS"_s)
{}

QString WatchCommand::name() const
{
    return u"watch"_s;
}

QString WatchCommand::summary() const
{
    return CliText::tr("Follow the print status of every open order and print each change.");
}

void WatchCommand::addOptions(QCommandLineParser &parser)
{
    parser.addOption(m_for);
}

int WatchCommand::run(CliContext &context, const QStringList &arguments)
{
    const CliOutput &out = context.out();
    if (!arguments.isEmpty())
        return out.usageError(CliText::tr("watch takes no arguments."));
    std::optional<int> seconds;
    if (context.parser().isSet(m_for)) {
        bool ok = false;
        seconds = context.parser().value(m_for).toInt(&ok);
        if (!ok || *seconds < 1)
            return out.usageError(CliText::tr("--for needs a number of seconds (1 or more)."));
    }
    if (const int code = context.connect(); code != ExitSuccess)
        return code;
    OrderStore store;
    if (const int code = context.openStore(store); code != ExitSuccess)
        return code;

    const QString environment = context.environmentKey();
    StatusPoller poller(&store, &context.client(), environment);
    QEventLoop loop;
    QString storeProblem;
    // The last status printed per order: in team mode another console's answers arrive
    // through the store and are printed the same way.
    QHash<qint64, PrintStatus> shown;
    if (const StoreResult<QList<Order>> orders = store.orders(environment)) {
        for (const Order &order : *orders)
            shown.insert(order.id, order.status);
    }
    const auto print = [&out, &shown](const Order &order, const PrintStatus &previous) {
        QJsonObject json = formatPrintStatusJson(order.token, order.status);
        json.insert(u"order_id"_s, order.id);
        json.insert(u"file_name"_s, order.fileName);
        json.insert(u"previous_status"_s, previous.isAwaitingCustomer()
                                              ? QJsonValue(QJsonValue::Null)
                                              : QJsonValue(previous.statusText.isEmpty()
                                                               ? jobStatusToWire(previous.status)
                                                               : previous.statusText));
        out.result(json,
                   u"%1  %2: %3 -> %4"_s.arg(order.token, oneLine(order.fileName),
                                             shortStatus(previous), shortStatus(order.status)));
        shown.insert(order.id, order.status);
    };
    QObject::connect(&poller, &StatusPoller::statusChanged, &loop, print);
    QObject::connect(store.changeFeed(), &StoreChangeFeed::orderChanged, &loop,
                     [&](qint64 orderId) {
                         const StoreResult<std::optional<Order>> order = store.order(orderId);
                         if (order && !order->has_value())
                             poller.untrack(orderId); // deleted by another console
                         if (!order || !order->has_value() || (*order)->environment != environment)
                             return;
                         poller.takeFromStore(**order);
                         const PrintStatus previous = shown.value(orderId);
                         if (!(previous == (*order)->status))
                             print(**order, previous);
                     });
    QObject::connect(&poller, &StatusPoller::networkDown, &loop, [&out](const QString &message) {
        out.note(CliText::tr("Cannot reach the service (%1); trying again later.").arg(message));
    });
    // Silence while every answer is an error page would look like a print that does not move.
    QObject::connect(&poller, &StatusPoller::statusUnusable, &loop,
                     [&out](const Order &order, const QString &message, bool unknownToService) {
                         out.note(unknownToService
                                      ? CliText::tr("%1  %2: the service refused to say how "
                                                    "this token's print is going (%3); it is "
                                                    "asked again now and then.")
                                            .arg(order.token, oneLine(order.fileName), message)
                                      : CliText::tr("%1  %2: the service's answer was not a usable "
                                                    "status (%3); asking again later.")
                                            .arg(order.token, oneLine(order.fileName), message));
                     });
    QObject::connect(&poller, &StatusPoller::networkRestored, &loop,
                     [&out] { out.note(CliText::tr("The service answers again.")); });
    QObject::connect(&poller, &StatusPoller::storeError, &loop,
                     [&storeProblem](const QString &message) { storeProblem = message; });
    QObject::connect(&poller, &StatusPoller::allFinal, &loop, &QEventLoop::quit,
                     Qt::QueuedConnection);
    TerminationSignals signalWatcher;
    QObject::connect(&signalWatcher, &TerminationSignals::terminationRequested, &loop,
                     &QEventLoop::quit);
    if (seconds)
        QTimer::singleShot(std::chrono::seconds(*seconds), &loop, &QEventLoop::quit);
    context.quitAtDeadline(loop);

    poller.start();
    if (poller.trackedCount() == 0) {
        out.note(CliText::tr("Every order is final: nothing to watch."));
    } else {
        out.note(CliText::tr("Watching %n open order(s); Ctrl+C stops.", nullptr,
                             poller.trackedCount()));
        loop.exec();
    }
    poller.stop();
    if (!storeProblem.isEmpty())
        return out.error(ExitServiceError, u"store"_s, storeProblem);
    return ExitSuccess;
}

} // namespace pc::cli

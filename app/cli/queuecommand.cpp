#include "cli/queuecommand.h"

#include "cli/clicontext.h"
#include "cli/progressreporter.h"
#include "cli/uploadcommand.h"
#include "orders/orderstore.h"
#include "orders/uploadqueue.h"

#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace pc::cli {

namespace {

QJsonObject itemToJson(const QueueItem &item)
{
    const QJsonValue null(QJsonValue::Null);
    return QJsonObject{
        {u"item_id"_s, item.id},
        {u"file"_s, item.sourcePath},
        {u"state"_s, queueStateKey(item.state)},
        {u"receiver_email"_s, item.receiverEmail},
        {u"print_value"_s, item.price.toString()},
        {u"print_value_currency"_s, item.currency},
        {u"token"_s, item.token.isEmpty() ? null : QJsonValue(item.token)},
        {u"attempts"_s, item.attemptCount},
        {u"next_retry"_s,
         item.nextRetry.isValid() ? QJsonValue(item.nextRetry.toString(Qt::ISODate)) : null},
        {u"reason"_s, item.failureReason.isEmpty() ? null : QJsonValue(item.failureReason)},
    };
}

} // namespace

QString QueueCommand::name() const
{
    return u"queue"_s;
}

QString QueueCommand::summary() const
{
    return CliText::tr("Show or work the upload queue: list, run, retry ID, cancel ID, remove ID.");
}

void QueueCommand::addOptions(QCommandLineParser &parser)
{
    parser.addPositionalArgument(u"ACTION"_s,
                                 CliText::tr("list (default), run, retry, cancel or remove."),
                                 u"[list|run|retry ID|cancel ID|remove ID]"_s);
}

int QueueCommand::run(CliContext &context, const QStringList &arguments)
{
    const CliOutput &out = context.out();
    const QString action = arguments.value(0, u"list"_s);
    const bool needsId = action == u"retry" || action == u"cancel" || action == u"remove";
    if (action != u"list" && action != u"run" && !needsId)
        return out.usageError(CliText::tr("Unknown queue action \"%1\".").arg(action));
    const qsizetype allowed = needsId ? 2 : 1;
    if (arguments.size() > allowed || (needsId && arguments.size() != 2))
        return out.usageError(
            needsId ? CliText::tr("queue %1 needs exactly one item ID.").arg(action)
                    : CliText::tr("queue %1 takes no further arguments.").arg(action));
    bool ok = true;
    const qint64 id = needsId ? arguments.at(1).toLongLong(&ok) : 0;
    if (!ok || (needsId && id <= 0))
        return out.usageError(
            CliText::tr("\"%1\" is not an item ID (see queue list).").arg(arguments.at(1)));

    if (const int code = context.connect(); code != ExitSuccess)
        return code;
    OrderStore store;
    if (const int code = context.openStore(store); code != ExitSuccess)
        return code;
    const QString environment = context.environmentKey();

    if (action == u"list") {
        const StoreResult<QList<QueueItem>> items = store.queueItems(environment);
        if (!items)
            return out.error(ExitServiceError, u"store"_s, items.error().message);
        if (items->isEmpty() && !out.isJson())
            out.note(CliText::tr("The queue is empty."));
        for (const QueueItem &item : *items) {
            out.result(itemToJson(item), u"%1  %2  %3  %4"_s.arg(item.id)
                                             .arg(queueStateKey(item.state), -15)
                                             .arg(item.fileName, item.failureReason));
        }
        return ExitSuccess;
    }

    UploadQueue queue(&store, &context.client(), environment);
    std::optional<ProgressReporter> reporter;
    if (action == u"run" || action == u"retry")
        reporter.emplace(out, queue);
    // Changing the queue while another console works it would go unnoticed there.
    if (!queue.start())
        return out.error(ExitServiceError, u"store"_s, queue.claimProblem());
    if (needsId && !queue.item(id))
        return out.invalidInput(
            CliText::tr("There is no queue item %1 here (see queue list).").arg(id));
    if (action == u"cancel" || action == u"remove") {
        const bool done = action == u"cancel" ? queue.cancel(id) : queue.remove(id);
        if (!done)
            return out.invalidInput(
                CliText::tr("Queue item %1 cannot be %2 in its state.")
                    .arg(id)
                    .arg(action == u"cancel" ? CliText::tr("cancelled") : CliText::tr("removed")));
        out.result(
            QJsonObject{{u"item_id"_s, id}, {u"action"_s, action}},
            CliText::tr("Queue item %1: %2")
                .arg(id)
                .arg(action == u"cancel" ? CliText::tr("cancelled") : CliText::tr("removed")));
        return ExitSuccess;
    }
    if (action == u"retry" && !queue.retry(id))
        return out.invalidInput(
            CliText::tr("Queue item %1 is not failed, cancelled or waiting for attention.")
                .arg(id));

    std::set<qint64> ids;
    for (const QueueItem &item : queue.items()) {
        if (!isFinalQueueState(item.state))
            ids.insert(item.id);
    }
    return runQueueAndReport(out, store, queue, environment, ids, ExitSuccess);
}

} // namespace pc::cli

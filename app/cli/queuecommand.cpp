#include "cli/queuecommand.h"

#include "cli/clicontext.h"
#include "cli/progressreporter.h"
#include "cli/uploadcommand.h"
#include "orders/orderstore.h"
#include "orders/uploadqueue.h"

#include <QJsonObject>
#include <QLocale>

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

QueueCommand::QueueCommand()
    : m_force(u"force"_s,
              CliText::tr("remove: also remove an item that holds a token; the token and its "
                          "customer are kept as an order."))
{}

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
    parser.addOption(m_force);
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
    if (context.parser().isSet(m_force) && action != u"remove")
        return out.usageError(CliText::tr("--force only goes with queue remove."));
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
                                             .arg(oneLine(item.fileName), item.failureReason));
        }
        // Tokens the service may have made that no order records: a shop reconciling the
        // service's count of tokens with its orders needs to know how many, and why.
        if (const StoreResult<LostTokenCalls> lost = store.lostTokenCalls(environment);
            lost && lost->count > 0) {
            // A note (stderr, text only): --json keeps one queue item per line on stdout.
            out.note(CliText::tr("%n token call(s) got no answer, so the service may hold "
                                 "as many unused tokens that no order records (the latest %1, "
                                 "for %2). No file was sent for them.",
                                 nullptr, lost->count)
                         .arg(QLocale().toString(lost->latest.toLocalTime(), QLocale::ShortFormat),
                              oneLine(lost->latestFileName)));
        }
        return ExitSuccess;
    }

    UploadQueue queue(&store, &context.client(), environment);
    std::optional<ProgressReporter> reporter;
    if (action == u"run" || action == u"retry")
        reporter.emplace(out, queue);
    // Changing the queue while another console works it would go unnoticed there.
    if (!queue.start())
        return out.error(queue.claimHeldElsewhere() ? ExitBusy : ExitServiceError, u"store"_s,
                         queue.claimProblem());
    if (needsId && !queue.item(id))
        return out.invalidInput(
            CliText::tr("There is no queue item %1 here (see queue list).").arg(id));
    // A token no order records yet may be the only trace of a file the service holds for a
    // paying customer. A script that removes items by habit must not lose it: removing such
    // an item takes --force, and even then the token and customer stay, as an order.
    std::optional<QueueItem> removedItem;
    if (action == u"remove") {
        removedItem = queue.item(id);
        if (queue.holdsUnrecordedToken(id) && !context.parser().isSet(m_force))
            return out.invalidInput(
                CliText::tr("Queue item %1 holds token %2, which no order records yet: its file "
                            "may be at the service for %3. Nothing was removed. To remove it "
                            "anyway, run queue remove %1 --force: the token and its customer are "
                            "then kept as an order (links built from the token page address).")
                    .arg(id)
                    .arg(removedItem->token, removedItem->receiverEmail));
    }
    if (action == u"cancel" || action == u"remove") {
        const bool keptAsOrder = action == u"remove" && queue.holdsUnrecordedToken(id);
        const bool done = action == u"cancel" ? queue.cancel(id) : queue.remove(id);
        if (!done)
            return out.invalidInput(
                CliText::tr("Queue item %1 cannot be %2 in its state.")
                    .arg(id)
                    .arg(action == u"cancel" ? CliText::tr("cancelled") : CliText::tr("removed")));
        QJsonObject json{{u"item_id"_s, id}, {u"action"_s, action}};
        if (keptAsOrder) {
            const auto order = store.orderByToken(environment, removedItem->token);
            if (order && *order) {
                json.insert(u"order_id"_s, (*order)->id);
                json.insert(u"token"_s, (*order)->token);
                json.insert(u"token_link"_s, (*order)->tokenLink);
                json.insert(u"links_reconstructed"_s, true);
                out.result(json, CliText::tr("Queue item %1: removed; its token %2 is kept as "
                                             "order %3 (link %4, built from the token page "
                                             "address), which watch follows.")
                                     .arg(id)
                                     .arg((*order)->token)
                                     .arg((*order)->id)
                                     .arg((*order)->tokenLink));
                return ExitSuccess;
            }
        }
        out.result(json, CliText::tr("Queue item %1: %2")
                             .arg(id)
                             .arg(action == u"cancel" ? CliText::tr("cancelled")
                                                      : CliText::tr("removed")));
        return ExitSuccess;
    }
    if (action == u"retry" && !queue.retry(id))
        return out.invalidInput(
            CliText::tr("Queue item %1 is not failed, cancelled or waiting for attention.")
                .arg(id));

    std::set<qint64> ids;
    for (const QueueItem &item : queue.items()) {
        if (!isFinalQueueItem(item))
            ids.insert(item.id);
    }
    return runQueueAndReport(context, store, queue, environment, ids, ExitSuccess);
}

} // namespace pc::cli

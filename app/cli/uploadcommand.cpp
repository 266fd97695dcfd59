#include "cli/uploadcommand.h"

#include "cli/clicontext.h"
#include "cli/progressreporter.h"
#include "cli/stlfilelist.h"
#include "orders/orderform.h"
#include "orders/orderstore.h"
#include "orders/uploadqueue.h"

#include <QDir>
#include <QEventLoop>
#include <QFileInfo>
#include <QJsonObject>
#include <QLocale>

#include <set>

using namespace Qt::StringLiterals;

namespace pc::cli {

bool isFinalQueueItem(const QueueItem &item)
{
    const QueueState state = item.state;
    // A failed item with a retry due is still the queue's work: the run waits for it and
    // reports how it ended.
    if (state == QueueState::Failed)
        return !item.nextRetry.isValid();
    return state == QueueState::Done || state == QueueState::Cancelled ||
           state == QueueState::NeedsAttention || state == QueueState::Paused ||
           // Only a person at the window can give such an item its details.
           state == QueueState::AwaitingDetails;
}

int runQueueAndReport(const CliContext &context, OrderStore &store, UploadQueue &queue,
                      const QString &environment, const std::set<qint64> &ids, int code)
{
    const CliOutput &out = context.out();
    QString storeProblem;
    QObject::connect(&queue, &UploadQueue::storeError, &queue,
                     [&storeProblem](const QString &message) { storeProblem = message; });
    if (!queue.isIdle()) {
        QEventLoop loop;
        QObject::connect(&queue, &UploadQueue::idle, &loop, &QEventLoop::quit);
        context.quitAtDeadline(loop);
        loop.exec();
    }

    for (const qint64 id : ids) {
        const auto item = queue.item(id);
        if (!item)
            continue;
        QJsonObject json{{u"event"_s, u"result"_s},
                         {u"file"_s, item->sourcePath},
                         {u"item_id"_s, item->id},
                         {u"state"_s, queueStateKey(item->state)}};
        if (!item->token.isEmpty())
            json.insert(u"token"_s, item->token);
        if (item->state == QueueState::Done) {
            const auto order = store.orderByToken(environment, item->token);
            if (order && *order) {
                json.insert(u"token_link"_s, (*order)->tokenLink);
                json.insert(u"ssl_token_link"_s, (*order)->sslTokenLink);
            }
            if (order && *order && (*order)->linksReconstructed) {
                json.insert(u"links_reconstructed"_s, true);
                out.result(json, CliText::tr("%1: at the service (the answer of an earlier "
                                             "attempt was lost), token %2, link %3 (built from "
                                             "the token page address)")
                                     .arg(oneLine(item->fileName), item->token,
                                          json.value(u"token_link"_s).toString()));
                continue;
            }
            out.result(json, CliText::tr("%1: uploaded, token %2, link %3")
                                 .arg(oneLine(item->fileName), item->token,
                                      json.value(u"token_link"_s).toString()));
            continue;
        }
        if (const std::optional<ArrivedLinks> arrived = queue.unsavedLinks(id)) {
            // The file is at the service; only its order could not be written (a full disk).
            // Saying "not uploaded" would invite a second upload by hand.
            json.insert(u"token_link"_s, arrived->tokenLink);
            json.insert(u"ssl_token_link"_s, arrived->sslTokenLink);
            json.insert(u"error"_s, item->failureReason);
            out.result(json, CliText::tr("%1: uploaded, token %2, link %3, but not recorded: %4")
                                 .arg(oneLine(item->fileName), item->token, arrived->tokenLink,
                                      item->failureReason));
            if (code == ExitSuccess)
                code = ExitServiceError;
            continue;
        }
        const QString reason =
            item->failureReason.isEmpty()
                ? CliText::tr("stopped in state %1").arg(queueStateKey(item->state))
                : item->failureReason;
        json.insert(u"error"_s, reason);
        out.result(json, CliText::tr("%1: not uploaded: %2").arg(oneLine(item->fileName), reason));
        // A file the console refuses is invalid input; anything else is the service's side.
        if (code == ExitSuccess)
            code = item->token.isEmpty() && item->state != QueueState::Cancelled &&
                           item->attemptCount == 0
                       ? ExitInvalidInput
                       : ExitServiceError;
    }
    if (!storeProblem.isEmpty())
        return out.error(ExitServiceError, u"store"_s, storeProblem);
    return code;
}

UploadCommand::UploadCommand()
    : m_email(u"email"_s, CliText::tr("The customer's e-mail address (receiver_email)."), u"E"_s)
    , m_value(u"value"_s, CliText::tr("The price of the design, e.g. 12.50 (print_value)."), u"V"_s)
    , m_currency(u"currency"_s, CliText::tr("ISO 4217 currency code (default USD)."), u"C"_s,
                 u"USD"_s)
    , m_jobId(u"job-id"_s, CliText::tr("Your own order or job reference (partner_job_id)."),
              u"ID"_s)
    , m_parallel(u"parallel"_s, CliText::tr("Uploads at the same time (default 2)."), u"N"_s,
                 u"2"_s)
    , m_confirmPrice(u"confirm-price"_s,
                     CliText::tr("Send a price of 0, or one over 100,000 (10,000,000 in a "
                                 "currency without decimals, like JPY): it is meant."))
{}

QString UploadCommand::name() const
{
    return u"upload"_s;
}

QString UploadCommand::summary() const
{
    return CliText::tr("Upload STL files: one transaction (token + upload) per file, resumable.");
}

void UploadCommand::addOptions(QCommandLineParser &parser)
{
    parser.addPositionalArgument(u"FILE"_s, CliText::tr("STL files or folders of STL files."),
                                 u"FILE|FOLDER..."_s);
    parser.addOptions({m_email, m_value, m_currency, m_jobId, m_parallel, m_confirmPrice});
}

int UploadCommand::run(CliContext &context, const QStringList &arguments)
{
    const CliOutput &out = context.out();
    const QCommandLineParser &parser = context.parser();
    if (arguments.isEmpty())
        return out.usageError(CliText::tr("upload needs at least one FILE or FOLDER."));
    if (!parser.isSet(m_email) || !parser.isSet(m_value))
        return out.usageError(CliText::tr("upload needs --email and --value."));
    bool ok = false;
    const int parallel = parser.value(m_parallel).toInt(&ok);
    if (!ok || parallel < 1 || parallel > 16)
        return out.usageError(CliText::tr("--parallel needs a number from 1 to 16."));

    // The order facts are checked before anything is queued: nothing is sent for a bad form.
    const OrderFormResult form =
        validateOrderFacts(parser.value(m_email), parser.value(m_value), parser.value(m_currency),
                           parser.value(m_jobId), QLocale::system());
    if (!form.facts) {
        QStringList messages;
        for (const auto &[field, message] : form.errors)
            messages.append(message);
        return out.invalidInput(messages.join(u' '));
    }
    for (const auto &[field, message] : form.warnings)
        out.note(CliText::tr("Warning: %1").arg(message));
    // The window asks about these prices; a script has to say up front that it means them.
    if (const QString question = priceConfirmationQuestion(form.facts->price, form.facts->currency);
        !question.isEmpty() && !parser.isSet(m_confirmPrice)) {
        return out.invalidInput(CliText::tr("%1 Nothing was sent. If the price is right, run "
                                            "the command again with --confirm-price.")
                                    .arg(question));
    }

    const StlFileList list = StlFileList::collect(arguments, true);
    for (const auto &[path, why] : list.skipped) {
        out.result(QJsonObject{{u"event"_s, u"skipped"_s}, {u"file"_s, path}, {u"skipped"_s, why}},
                   CliText::tr("%1: skipped (%2)").arg(oneLine(path), why));
    }

    if (const int code = context.connect(); code != ExitSuccess)
        return code;
    OrderStore store;
    if (const int code = context.openStore(store); code != ExitSuccess)
        return code;

    const QString environment = context.environmentKey();
    UploadQueue queue(&store, &context.client(), environment);
    queue.setMaxParallel(parallel);
    QObject::connect(&queue, &UploadQueue::duplicateFound, &queue,
                     [&out, &queue](qint64 id, const QString &other, bool otherWasSent) {
                         const auto item = queue.item(id);
                         const QString name = oneLine(item ? item->fileName : QString());
                         out.note(otherWasSent
                                      ? CliText::tr("Warning: %1 was already sent to this "
                                                    "receiver: %2")
                                            .arg(name, oneLine(other))
                                      : CliText::tr("Warning: %1 is queued twice for this "
                                                    "receiver (also as %2, not sent yet); both "
                                                    "are sent.")
                                            .arg(name, oneLine(other)));
                     });
    ProgressReporter reporter(out, queue);

    // What this run answers for: the new files and whatever an earlier run left unfinished.
    // Nothing is queued while another console works this data folder: it would not upload
    // the files, and this run could not report on them.
    if (!queue.start())
        return out.error(queue.claimHeldElsewhere() ? ExitBusy : ExitServiceError, u"store"_s,
                         queue.claimProblem());
    std::set<qint64> ours;
    for (const QueueItem &item : queue.items()) {
        if (!isFinalQueueItem(item))
            ours.insert(item.id);
    }
    if (!ours.empty())
        out.note(CliText::tr("Resuming %n unfinished upload(s) of an earlier run.", nullptr,
                             int(ours.size())));
    for (const QString &file : list.files) {
        const StoreResult<qint64> added = queue.addFile(file, *form.facts);
        if (!added)
            return out.error(ExitServiceError, u"store"_s, added.error().message);
        ours.insert(*added);
    }

    return runQueueAndReport(context, store, queue, environment, ours,
                             list.skipped.isEmpty() ? ExitSuccess : ExitInvalidInput);
}

} // namespace pc::cli

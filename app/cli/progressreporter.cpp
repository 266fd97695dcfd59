#include "cli/progressreporter.h"

#include "api/printstatus.h"
#include "cli/clioutput.h"
#include "orders/uploadqueue.h"

#include <QJsonObject>
#include <QLocale>

#include <cstdio>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace pc::cli {

namespace {

constexpr qint64 kJsonProgressEveryMs = 1000;
constexpr qint64 kRedrawEveryMs = 200;

QString dataSize(qint64 bytes)
{
    return QLocale::system().formattedDataSize(bytes, 1, QLocale::DataSizeSIFormat);
}

} // namespace

ProgressReporter::ProgressReporter(const CliOutput &out, UploadQueue &queue, QObject *parent)
    : QObject(parent)
    , m_out(out)
    , m_queue(queue)
    , m_terminal(!out.isJson() && ::isatty(::fileno(stderr)) == 1)
{
    m_clock.start();
    for (const QueueItem &item : queue.items())
        m_seen[item.id] = Seen{item.state, item.attemptCount, -1};
    connect(&queue, &UploadQueue::itemAdded, this, &ProgressReporter::onItemChanged);
    connect(&queue, &UploadQueue::itemChanged, this, &ProgressReporter::onItemChanged);
    connect(&queue, &UploadQueue::uploadProgress, this,
            [this](qint64 id, qint64, qint64) { onUploadProgress(id); });
}

ProgressReporter::~ProgressReporter()
{
    finish();
}

void ProgressReporter::finish()
{
    clearProgressLine();
}

void ProgressReporter::onItemChanged(qint64 id)
{
    const std::optional<QueueItem> item = m_queue.item(id);
    if (!item)
        return;
    auto [it, added] = m_seen.try_emplace(id);
    Seen &seen = it->second;
    // Progress alone (bytes written to the store) is not a state change.
    if (!added && seen.state == item->state && seen.attempts == item->attemptCount)
        return;
    seen.state = item->state;
    seen.attempts = item->attemptCount;

    QJsonObject json{{u"event"_s, u"state"_s},
                     {u"item_id"_s, item->id},
                     {u"file"_s, item->sourcePath},
                     {u"state"_s, queueStateKey(item->state)},
                     {u"attempts"_s, item->attemptCount}};
    QString text = u"%1: %2"_s.arg(oneLine(item->fileName), queueStateKey(item->state));
    if (!item->token.isEmpty())
        json.insert(u"token"_s, item->token);
    const bool troubled =
        item->state == QueueState::Failed || item->state == QueueState::NeedsAttention;
    if (troubled && !item->failureReason.isEmpty()) {
        json.insert(u"reason"_s, item->failureReason);
        text += u" - "_s + item->failureReason;
    }
    if (item->nextRetry.isValid()) {
        json.insert(u"next_retry"_s, item->nextRetry.toUTC().toString(Qt::ISODate));
        text += u" ("_s +
                CliText::tr("next try at %1")
                    .arg(QLocale::system().toString(item->nextRetry.toLocalTime().time(),
                                                    QLocale::ShortFormat)) +
                u')';
    }
    if (m_out.isJson()) {
        m_out.result(json, {});
        return;
    }
    clearProgressLine();
    m_out.note(text);
    drawProgressLine();
}

void ProgressReporter::onUploadProgress(qint64 id)
{
    const qint64 nowMs = m_clock.elapsed();
    if (!m_out.isJson()) {
        if (m_terminal && (m_lastDrawMs < 0 || nowMs - m_lastDrawMs >= kRedrawEveryMs))
            drawProgressLine();
        return;
    }
    Seen &seen = m_seen[id];
    const std::optional<UploadTransfer> transfer = m_queue.transfer(id);
    if (!transfer)
        return;
    const bool complete = transfer->bytesTotal > 0 && transfer->bytesSent >= transfer->bytesTotal;
    if (!complete && seen.lastProgressMs >= 0 && nowMs - seen.lastProgressMs < kJsonProgressEveryMs)
        return;
    seen.lastProgressMs = nowMs;
    QJsonObject json{{u"event"_s, u"progress"_s},
                     {u"item_id"_s, id},
                     {u"bytes_sent"_s, transfer->bytesSent},
                     {u"bytes_total"_s, transfer->bytesTotal}};
    if (transfer->bytesPerSecond)
        json.insert(u"bytes_per_second"_s, qRound64(*transfer->bytesPerSecond));
    if (transfer->secondsLeft)
        json.insert(u"seconds_left"_s, *transfer->secondsLeft);
    m_out.result(json, {});
}

void ProgressReporter::drawProgressLine()
{
    if (!m_terminal)
        return;
    qint64 sent = 0;
    qint64 total = 0;
    double speed = 0;
    bool speedKnown = false;
    int running = 0;
    for (const auto &[id, seen] : m_seen) {
        const std::optional<UploadTransfer> transfer = m_queue.transfer(id);
        if (!transfer)
            continue;
        ++running;
        sent += transfer->bytesSent;
        total += transfer->bytesTotal;
        if (transfer->bytesPerSecond) {
            speed += *transfer->bytesPerSecond;
            speedKnown = true;
        }
    }
    if (running == 0) {
        clearProgressLine();
        return;
    }
    QString line = CliText::tr("Uploading %n file(s): %1 of %2", nullptr, running)
                       .arg(dataSize(sent), dataSize(total));
    if (total > 0)
        line += u" (%1 %)"_s.arg(sent * 100 / total);
    if (speedKnown) {
        line += u", "_s + CliText::tr("%1/s").arg(dataSize(qRound64(speed)));
        if (speed >= 1.0)
            line += u", "_s + CliText::tr("%1 left").arg(
                                  formatHms(double(qMax<qint64>(0, total - sent)) / speed));
    }
    const QByteArray bytes = "\r\033[K" + line.toUtf8();
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stderr);
    std::fflush(stderr);
    m_lineShown = true;
    m_lastDrawMs = m_clock.elapsed();
}

void ProgressReporter::clearProgressLine()
{
    if (!m_lineShown)
        return;
    std::fwrite("\r\033[K", 1, 4, stderr);
    std::fflush(stderr);
    m_lineShown = false;
}

} // namespace pc::cli

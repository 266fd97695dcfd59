// QueueViewModel's cells: what each column shows, its header, and in-place editing. The
// structure and the following of the source model are in queueviewmodel.cpp.

#include "queueviewmodel.h"

#include "common/datasize.h"
#include "filethumbnails.h"
#include "orders/displayformat.h"

#include "orders/orderform.h"
#include "orders/uploadqueue.h"
#include "queuemirror.h"

#include <QIcon>
#include <QLocale>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace pc {

namespace {

using Source = UploadQueueModel;

QString ellipsis()
{
    return u"\u2026"_s;
}

QString emDash()
{
    return u"\u2014"_s;
}

bool passesThrough(int role)
{
    return role == Source::ItemIdRole || role == Source::TokenRole;
}

} // namespace

QString QueueViewModel::stateIcon(QueueState state, bool retryScheduled)
{
    switch (state) {
    case QueueState::Queued:
        return u":/icons/queue-state-queued.svg"_s;
    case QueueState::Validating:
        return u":/icons/queue-state-checking.svg"_s;
    case QueueState::Ready:
        return u":/icons/queue-state-ready.svg"_s;
    case QueueState::CreatingToken:
    case QueueState::Uploading:
        return u":/icons/queue-state-uploading.svg"_s;
    case QueueState::Done:
        return u":/icons/status-success.svg"_s;
    case QueueState::Failed:
        return retryScheduled ? u":/icons/queue-state-waiting.svg"_s
                              : u":/icons/status-failure.svg"_s;
    case QueueState::Cancelled:
        return u":/icons/queue-state-cancelled.svg"_s;
    case QueueState::Paused:
        return u":/icons/queue-state-paused.svg"_s;
    case QueueState::NeedsAttention:
        return u":/icons/notice.svg"_s;
    case QueueState::AwaitingDetails:
        return u":/icons/queue-pending.svg"_s;
    }
    return {};
}

QString QueueViewModel::likelyUnitsText(const FileFacts &facts, const QLocale &locale)
{
    const double scale = facts.likelyMillimetresPerUnit;
    const std::array<double, 3> size{facts.dimensions[0] * scale, facts.dimensions[1] * scale,
                                     facts.dimensions[2] * scale};
    const QString inMillimetres = formatDimensions(size, locale);
    if (scale == 25.4)
        //: %1 is the size the design would have, e.g. "23.4 × 38.6 × 82.3 mm"
        return tr("Probably drawn in inches, not millimetres: it would be %1.").arg(inMillimetres);
    if (scale > 1.0)
        return tr("Probably drawn in metres, not millimetres: it would be %1.").arg(inMillimetres);
    return tr("Probably drawn in micrometres, not millimetres: it would be %1.").arg(inMillimetres);
}

QVariant QueueViewModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() ||
        !checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const QueueItem *item = itemAt(index.row());
    if (!item)
        return {};
    if (passesThrough(role))
        return mapToSource(index).data(role);
    switch (index.column()) {
    case Name:
    case Size:
    case Triangles:
    case Dimensions:
        return fileData(*item, index.column(), role);
    case State:
        return stateData(index, *item, role);
    case Receiver:
    case Price:
        if (role == Qt::EditRole) {
            if (index.column() == Receiver)
                return item->receiverEmail;
            QString amount = item->price.toString(currencyMinorDigits(item->currency));
            return amount.replace(u'.', QLocale().decimalPoint());
        }
        if (item->state == QueueState::AwaitingDetails) {
            // Its details are not chosen yet: no placeholder receiver or price that could
            // be read as the one it will be sent with.
            if (role == Qt::DisplayRole)
                return emDash();
            if (role == Qt::ToolTipRole)
                return tr("Not sent until you confirm the order details for this file.");
        }
        if (role == Qt::ToolTipRole && !UploadQueue::canEditFacts(item->state))
            return tr("Sent with the upload; it can no longer be changed.");
        return mapToSource(index).data(role);
    case JobId:
        switch (role) {
        case Qt::DisplayRole:
        case Qt::EditRole:
        case Source::RawValueRole:
            return item->partnerJobId;
        default:
            return {};
        }
    default:
        return {};
    }
}

QVariant QueueViewModel::fileData(const QueueItem &item, int column, int role) const
{
    const FileFacts *facts = m_thumbnails.facts(item.sourcePath, item.modified);
    const bool ready = facts && facts->status == FileFacts::Status::Ready;
    const bool unusable = facts && facts->status == FileFacts::Status::Unusable;
    const QLocale locale;
    if (role == Qt::TextAlignmentRole)
        // Counts line up on the right; names and the "w × d × h" text read from the left.
        return column == Size || column == Triangles
                   ? QVariant((Qt::AlignRight | Qt::AlignVCenter).toInt())
                   : QVariant();
    if (role == Qt::ToolTipRole &&
        !(column == Dimensions && ready && facts->likelyMillimetresPerUnit != 1.0)) {
        QStringList lines{item.sourcePath};
        if (unusable)
            lines << facts->error;
        else if (ready && !facts->warnings.isEmpty())
            lines << facts->warnings;
        return lines.join(u'\n');
    }
    switch (column) {
    case Name:
        switch (role) {
        case Qt::DisplayRole:
        case Source::RawValueRole:
            return item.fileName;
        case Qt::DecorationRole:
            if (ready && !facts->thumbnail.isNull())
                return facts->thumbnail;
            return QIcon(unusable ? u":/icons/queue-file-unusable.svg"_s
                                  : u":/icons/queue-file.svg"_s);
        case Source::SourcePathRole:
            return item.sourcePath;
        default:
            return {};
        }
    case Size: {
        const qint64 bytes = item.size > 0 ? item.size : (facts ? facts->fileSize : -1);
        if (role == Source::RawValueRole)
            return bytes >= 0 ? QVariant(bytes) : QVariant();
        if (role == Qt::DisplayRole)
            return bytes >= 0 ? formatDataSize(bytes, locale) : (unusable ? emDash() : ellipsis());
        return {};
    }
    case Triangles:
        if (role == Source::RawValueRole)
            return ready ? QVariant(qulonglong(facts->triangles)) : QVariant();
        if (role == Qt::DisplayRole)
            return ready ? locale.toString(qulonglong(facts->triangles))
                         : (unusable ? emDash() : ellipsis());
        return {};
    case Dimensions:
        if (role == Source::RawValueRole)
            return ready ? QVariant(*std::max_element(facts->dimensions.cbegin(),
                                                      facts->dimensions.cend()))
                         : QVariant();
        if (role == Qt::DisplayRole)
            return ready ? formatDimensions(facts->dimensions, locale)
                         : (unusable ? emDash() : ellipsis());
        // A size no design has in millimetres: flagged, with the size in the likely unit.
        if (ready && facts->likelyMillimetresPerUnit != 1.0) {
            // A pixmap, not an icon: it keeps its text size while the row is as tall as
            // the thumbnails.
            if (role == Qt::DecorationRole)
                return QIcon(u":/icons/notice.svg"_s).pixmap(QSize(16, 16));
            if (role == Qt::ToolTipRole)
                return likelyUnitsText(*facts, locale);
        }
        return {};
    default:
        return {};
    }
}

QVariant QueueViewModel::stateData(const QModelIndex &index, const QueueItem &item, int role) const
{
    const QModelIndex source = mapToSource(index);
    const auto sourceCell = [&](int column, int sourceRole) {
        return source.siblingAtColumn(column).data(sourceRole);
    };
    const bool retryScheduled = item.nextRetry.isValid();
    const bool showsReason =
        item.state == QueueState::Failed || item.state == QueueState::NeedsAttention;
    switch (role) {
    case Qt::DisplayRole:
    case Source::RawValueRole:
    case Source::QueueStateRole:
        return source.data(role);
    case ProgressRole:
        return sourceCell(Source::Progress, Source::RawValueRole);
    case SpeedTextRole:
        return sourceCell(Source::Speed, Qt::DisplayRole);
    case TimeLeftTextRole:
        return sourceCell(Source::TimeLeft, Qt::DisplayRole);
    case ReasonRole:
        return showsReason ? item.failureReason.simplified() : QString();
    case StateIconRole:
        return stateIcon(item.state, retryScheduled);
    case RetryScheduledRole:
        return retryScheduled;
    case Qt::ToolTipRole: {
        QStringList lines{source.data().toString()};
        if (showsReason && !item.failureReason.isEmpty())
            lines << item.failureReason;
        if (retryScheduled)
            lines << tr("Next attempt: %1")
                         .arg(sourceCell(Source::NextRetry, Qt::DisplayRole).toString());
        if (item.attemptCount > 0)
            lines << tr("Attempts so far: %1").arg(item.attemptCount);
        return lines.join(u'\n');
    }
    default:
        return {};
    }
}

QVariant QueueViewModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= ColumnCount)
        return QAbstractItemModel::headerData(section, orientation, role);
    if (role == Qt::DisplayRole) {
        switch (section) {
        case Name:
            return tr("File");
        case Size:
            return tr("Size");
        case Triangles:
            return tr("Triangles");
        case Dimensions:
            return tr("Dimensions");
        case Receiver:
            return tr("Receiver");
        case Price:
            return tr("Price");
        case JobId:
            return tr("Job ID");
        case State:
            return tr("State");
        default:
            return {};
        }
    }
    if (role == Qt::ToolTipRole) {
        switch (section) {
        case Dimensions:
            return tr("Width \u00d7 depth \u00d7 height of the design, in millimetres");
        case JobId:
            return tr("Your own reference for the order (partner job ID), sent with it");
        case Receiver:
            return tr("The customer's e-mail address: the print page is for them");
        default:
            return {};
        }
    }
    if (role == Qt::TextAlignmentRole &&
        (section == Size || section == Triangles || section == Price))
        return (Qt::AlignRight | Qt::AlignVCenter).toInt();
    return {};
}

Qt::ItemFlags QueueViewModel::flags(const QModelIndex &index) const
{
    // Views ask about the (invalid) root too.
    if (!index.isValid() ||
        !checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return Qt::NoItemFlags;
    Qt::ItemFlags flags = Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemNeverHasChildren;
    const int column = index.column();
    if ((column == Receiver || column == Price || column == JobId) &&
        UploadQueue::canEditFacts(itemAt(index.row())->state))
        flags |= Qt::ItemIsEditable;
    return flags;
}

bool QueueViewModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (role != Qt::EditRole || !(flags(index) & Qt::ItemIsEditable))
        return false;
    const QueueItem &item = *itemAt(index.row());
    // An edit of this row the queue has not stored yet is the base for this one, so a quick
    // second edit does not send the first cell's old value back.
    OrderFacts facts = m_unstoredEdits.value(
        item.id, OrderFacts{item.receiverEmail, item.price, item.currency, item.partnerJobId});
    const QString text = value.toString();
    QString error;
    switch (index.column()) {
    case Receiver:
        if (const FieldCheck<QString> email = checkEmail(text); email.ok())
            facts.receiverEmail = *email.value;
        else
            error = email.error;
        break;
    case Price:
        if (const FieldCheck<Decimal> price = checkPrice(text, QLocale(), item.currency);
            price.ok())
            facts.price = *price.value;
        else
            error = price.error;
        break;
    case JobId:
        if (const FieldCheck<QString> job = checkPartnerJobId(text); job.ok())
            facts.partnerJobId = *job.value;
        else
            error = job.error;
        break;
    default:
        return false;
    }
    if (!error.isEmpty()) {
        Q_EMIT editRejected(error);
        return false;
    }
    if (facts.receiverEmail == item.receiverEmail && facts.price == item.price &&
        facts.partnerJobId == item.partnerJobId && !m_unstoredEdits.contains(item.id))
        return true;
    // The row shows the change once the queue has stored it; a refusal is said then.
    const quint64 edit = ++m_lastEdit;
    m_unstoredEdits.insert(item.id, facts);
    m_unstoredEditSerials.insert(item.id, edit);
    m_queue.editFacts(
        {item.id}, facts, this,
        [this, id = item.id, edit, fileName = item.fileName](const QList<qint64> &changed) {
            if (m_unstoredEditSerials.value(id) == edit) {
                m_unstoredEdits.remove(id);
                m_unstoredEditSerials.remove(id);
            }
            if (changed.isEmpty())
                Q_EMIT editRejected(tr("The details of \u201c%1\u201d could not be changed: it "
                                       "is uploading or done, or the order store refused the "
                                       "change.")
                                        .arg(fileName));
        });
    return true;
}

} // namespace pc

#include "ordertablemodel.h"

#include "common/datasize.h"
#include "orders/displayformat.h"
#include "orders/orderform.h"
#include "statuspresentation.h"

#include <QFile>
#include <QFont>

#include <algorithm>
#include <cmath>
#include <vector>

using namespace Qt::StringLiterals;

namespace pc {

namespace {

// A status tooltip lists at most this many history entries (the newest ones).
constexpr qsizetype kMaxTooltipEntries = 12;

QString emDash()
{
    return u"\u2014"_s;
}

bool isKnown(std::optional<double> value)
{
    return value && std::isfinite(*value);
}

double decimalToDouble(const Decimal &d)
{
    return double(d.mantissa()) / std::pow(10.0, d.scale());
}

bool sameDecimal(const Decimal &a, const Decimal &b)
{
    // 10.5 and 10.50 are equal amounts but are shown differently.
    return a.mantissa() == b.mantissa() && a.scale() == b.scale();
}

QVariant optionalNumber(std::optional<double> value)
{
    return isKnown(value) ? QVariant(*value) : QVariant();
}

QVariant optionalTime(const QDateTime &when)
{
    return when.isValid() ? QVariant(when) : QVariant();
}

} // namespace

OrderTableModel::OrderTableModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

OrderTableModel::~OrderTableModel() = default;

int OrderTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_orders.size());
}

int OrderTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

Qt::ItemFlags OrderTableModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    return Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemNeverHasChildren;
}

QVariant OrderTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Order &order = m_orders.at(index.row());
    const int column = index.column();
    switch (role) {
    case Qt::DisplayRole:
        return displayData(order, column);
    case Qt::ToolTipRole:
        return toolTipData(order, column);
    case Qt::DecorationRole:
        return column == Status ? QVariant(statusIcon(order.status.status)) : QVariant();
    case Qt::TextAlignmentRole: // figures line up on the right
        if (column == Price || column == Progress || column == PrintTime)
            return (Qt::AlignRight | Qt::AlignVCenter).toInt();
        return {};
    case RawValueRole:
        return rawData(order, column);
    case OrderIdRole:
        return order.id;
    case TokenRole:
        return order.token;
    case TokenLinkRole:
        return order.tokenLink;
    case SslTokenLinkRole:
        return order.sslTokenLink;
    case ArchivedRole:
        return optionalTime(order.archived);
    case NoteRole:
        return order.note;
    case Qt::FontRole:
        if (order.isArchived()) {
            QFont font;
            font.setItalic(true);
            return font;
        }
        return {};
    default:
        break;
    }
    if (column == Price) {
        if (role == PriceRole)
            return QVariant::fromValue(order.price);
        if (role == CurrencyRole)
            return order.currency;
    } else if (column == Status) {
        switch (role) {
        case JobStatusRole:
            return int(order.status.status);
        case StatusColorRole:
            return statusColor(order.status.status);
        case StatusIconRole:
            return statusIconResource(order.status.status);
        case UnknownToServiceRole:
            return order.unknownToService;
        case PrintStartedRole:
            return optionalTime(order.printStarted);
        case PrintFinishedRole:
            return optionalTime(order.printFinished);
        default:
            break;
        }
    }
    return {};
}

QVariant OrderTableModel::displayData(const Order &order, int column) const
{
    const PrintStatus &status = order.status;
    switch (column) {
    case Created:
        return formatDateTime(order.created);
    case File:
        return order.fileName;
    case Receiver:
        return order.receiverEmail;
    case Price:
        return formatMoney(order.price, order.currency);
    case Status:
        return statusText(order);
    case Progress:
        return formatPercentage(status.percentage);
    case MinutesLeft:
        // A print that has ended has no time left, whatever number the service still sends.
        if (status.status == JobStatus::Success || status.status == JobStatus::Failure ||
            isFinal(status.status))
            return formatMinutesLeft(std::nullopt);
        return formatMinutesLeft(status.minutesLeft);
    case PrintTime:
        return formatPrintTime(status.totalTime);
    case Printer:
        return status.printerModel;
    case Message:
        // One line in the cell; the tooltip keeps the printer owner's line breaks.
        return status.message.simplified();
    case LastChecked:
        return formatDateTime(order.lastChecked);
    case JobId:
        return order.partnerJobId;
    case Currency:
        return order.currency;
    case Note:
        return order.note.simplified();
    default:
        return {};
    }
}

QVariant OrderTableModel::rawData(const Order &order, int column) const
{
    const PrintStatus &status = order.status;
    switch (column) {
    case Created:
        return optionalTime(order.created);
    case File:
        return order.fileName;
    case Receiver:
        return order.receiverEmail;
    case Price:
        return decimalToDouble(order.price);
    case Status:
        return int(status.status);
    case Progress:
        return optionalNumber(status.percentage);
    case MinutesLeft:
        return optionalNumber(status.minutesLeft);
    case PrintTime:
        return optionalNumber(status.totalTime);
    case Printer:
        return status.printerModel;
    case Message:
        return status.message;
    case LastChecked:
        return optionalTime(order.lastChecked);
    case JobId:
        return order.partnerJobId;
    case Currency:
        return order.currency;
    case Note:
        return order.note;
    default:
        return {};
    }
}

QVariant OrderTableModel::toolTipData(const Order &order, int column) const
{
    const QLocale locale;
    switch (column) {
    case Created:
        return order.created.isValid()
                   ? locale.toString(order.created.toLocalTime(), QLocale::LongFormat)
                   : QVariant();
    case File: {
        QStringList lines{order.fileName};
        if (order.size > 0)
            lines << formatDataSize(order.size, locale);
        if (!order.sha256.isEmpty())
            lines << tr("SHA-256: %1").arg(order.sha256);
        if (order.isArchived())
            lines << tr("Archived on %1")
                         .arg(locale.toString(order.archived.toLocalTime(), QLocale::ShortFormat));
        if (!order.note.isEmpty())
            lines << tr("Note: %1").arg(order.note);
        return lines.join(u'\n');
    }
    case Message:
        return order.status.message.isEmpty() ? QVariant() : QVariant(order.status.message);
    case Note:
        return order.note.isEmpty() ? QVariant() : QVariant(order.note);
    case Status:
        break;
    default:
        return {};
    }

    QStringList lines{statusText(order)};
    if (order.unknownToService)
        lines << tr("The service no longer knows this token, so its status is not updated.");
    const auto known = m_history.constFind(order.id);
    if (known == m_history.cend()) {
        if (m_historyRequester && !m_historyAsked.contains(order.id)) {
            m_historyAsked.insert(order.id);
            // Posted: the owner may answer at once, and data() must not change the model.
            QMetaObject::invokeMethod(
                const_cast<OrderTableModel *>(this),
                [this, id = order.id] {
                    if (m_historyRequester)
                        m_historyRequester(id);
                },
                Qt::QueuedConnection);
        }
        return lines.join(u'\n');
    }
    QList<StatusHistoryEntry> history = *known;
    if (history.isEmpty())
        return lines.join(u'\n');
    std::stable_sort(
        history.begin(), history.end(),
        [](const StatusHistoryEntry &a, const StatusHistoryEntry &b) { return a.time < b.time; });
    lines << tr("History:");
    const qsizetype first = std::max<qsizetype>(0, history.size() - kMaxTooltipEntries);
    if (first > 0)
        lines << tr("%n earlier change(s)", nullptr, int(first));
    for (qsizetype i = first; i < history.size(); ++i) {
        const PrintStatus &entry = history.at(i).status;
        QString line = formatDateTime(history.at(i).time) + u"  "_s +
                       statusLabel(entry.status, entry.statusText);
        if (isKnown(entry.percentage))
            line += u" ("_s + formatPercentage(entry.percentage, locale) + u')';
        lines << line;
    }
    return lines.join(u'\n');
}

QString OrderTableModel::statusText(const Order &order) const
{
    const QString label = statusLabel(order.status.status, order.status.statusText);
    if (!order.unknownToService)
        return label;
    //: %1 is the last status the service reported
    return tr("%1 (unknown to the service)").arg(label);
}

QIcon OrderTableModel::statusIcon(JobStatus status) const
{
    const auto slot = std::size_t(status);
    if (slot >= m_icons.size())
        return {};
    // The icons live in the ui library's resources; a program without them (the CLI, model
    // tests) gets an empty icon instead of a warning per row. Made once per status.
    if (!(m_iconsMade & (1u << slot))) {
        const QString path = statusIconResource(status);
        m_icons[slot] = QFile::exists(path) ? QIcon(path) : QIcon();
        m_iconsMade |= 1u << slot;
    }
    return m_icons[slot];
}

QVariant OrderTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= ColumnCount)
        return QAbstractTableModel::headerData(section, orientation, role);
    if (role != Qt::DisplayRole)
        return {};
    static constexpr std::array<const char *, ColumnCount> kTitles{
        QT_TR_NOOP("Created"),   QT_TR_NOOP("File"),         QT_TR_NOOP("Receiver"),
        QT_TR_NOOP("Price"),     QT_TR_NOOP("Status"),       QT_TR_NOOP("Progress"),
        QT_TR_NOOP("Time left"), QT_TR_NOOP("Print time"),   QT_TR_NOOP("Printer"),
        QT_TR_NOOP("Message"),   QT_TR_NOOP("Last checked"), QT_TR_NOOP("Job ID"),
        QT_TR_NOOP("Currency"),  QT_TR_NOOP("Note"),
    };
    return tr(kTitles[std::size_t(section)]);
}

QHash<int, QByteArray> OrderTableModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractTableModel::roleNames();
    names.insert(RawValueRole, "rawValue");
    names.insert(OrderIdRole, "orderId");
    names.insert(TokenRole, "token");
    names.insert(TokenLinkRole, "tokenLink");
    names.insert(SslTokenLinkRole, "sslTokenLink");
    names.insert(PriceRole, "price");
    names.insert(CurrencyRole, "currency");
    names.insert(JobStatusRole, "jobStatus");
    names.insert(StatusColorRole, "statusColor");
    names.insert(StatusIconRole, "statusIcon");
    names.insert(UnknownToServiceRole, "unknownToService");
    names.insert(PrintStartedRole, "printStarted");
    names.insert(PrintFinishedRole, "printFinished");
    names.insert(ArchivedRole, "archived");
    names.insert(NoteRole, "note");
    return names;
}

// --- changes ------------------------------------------------------------------------------

void OrderTableModel::setOrders(QList<Order> orders)
{
    beginResetModel();
    m_orders = std::move(orders);
    m_history.clear();
    m_historyAsked.clear();
    m_rowById.clear();
    m_rowById.reserve(m_orders.size());
    bool duplicates = false;
    for (int row = 0; row < m_orders.size() && !duplicates; ++row) {
        const qint64 id = m_orders.at(row).id;
        duplicates = m_rowById.contains(id);
        m_rowById.insert(id, row);
    }
    if (duplicates) {
        // Rare (a caller's mistake): keep each id once, at its first place, with its last value.
        QList<Order> unique;
        unique.reserve(m_orders.size());
        m_rowById.clear();
        for (Order &order : m_orders) {
            if (const auto it = m_rowById.constFind(order.id); it != m_rowById.constEnd()) {
                unique[*it] = std::move(order);
            } else {
                m_rowById.insert(order.id, int(unique.size()));
                unique.append(std::move(order));
            }
        }
        m_orders = std::move(unique);
    }
    endResetModel();
}

void OrderTableModel::updateOrders(const QList<Order> &orders)
{
    QList<std::pair<int, CellChanges>> changes;
    QList<Order> added;
    QHash<qint64, qsizetype> addedIndex;
    for (const Order &order : orders) {
        const int row = rowOfOrder(order.id);
        if (row < 0) {
            if (const auto it = addedIndex.constFind(order.id); it != addedIndex.constEnd()) {
                added[*it] = order;
            } else {
                addedIndex.insert(order.id, added.size());
                added.append(order);
            }
            continue;
        }
        const CellChanges cells = diff(m_orders.at(row), order);
        if (std::all_of(cells.begin(), cells.end(), [](quint32 bits) { return bits == 0; })) {
            // Nothing shown changed; still keep what is not shown (environment, queue item).
            if (m_orders.at(row).queueItemId != order.queueItemId ||
                m_orders.at(row).environment != order.environment)
                m_orders[row] = order;
            continue;
        }
        if (!(m_orders.at(row).status == order.status))
            m_history.remove(order.id); // a new entry may have been written
        m_orders[row] = order;
        changes.append({row, cells});
    }

    if (!changes.isEmpty()) {
        std::sort(changes.begin(), changes.end(),
                  [](const auto &a, const auto &b) { return a.first < b.first; });
        // The same order twice in one batch: one row, the union of its changes.
        QList<std::pair<int, CellChanges>> merged;
        merged.reserve(changes.size());
        for (const auto &change : std::as_const(changes)) {
            if (!merged.isEmpty() && merged.last().first == change.first) {
                for (int c = 0; c < ColumnCount; ++c)
                    merged.last().second[c] |= change.second[c];
            } else {
                merged.append(change);
            }
        }
        emitChanges(merged);
    }

    if (!added.isEmpty()) {
        const int first = int(m_orders.size());
        beginInsertRows({}, first, first + int(added.size()) - 1);
        m_orders.append(std::move(added));
        rebuildIndex(first);
        endInsertRows();
    }
}

void OrderTableModel::removeOrder(qint64 id)
{
    const int row = rowOfOrder(id);
    if (row < 0)
        return;
    beginRemoveRows({}, row, row);
    m_orders.removeAt(row);
    m_rowById.remove(id);
    m_history.remove(id);
    rebuildIndex(row);
    endRemoveRows();
}

const Order *OrderTableModel::orderAt(int row) const
{
    if (row < 0 || row >= m_orders.size())
        return nullptr;
    return &m_orders.at(row);
}

int OrderTableModel::rowOfOrder(qint64 id) const
{
    return m_rowById.value(id, -1);
}

void OrderTableModel::setHistoryRequester(HistoryRequester requester)
{
    m_historyRequester = std::move(requester);
    m_historyAsked.clear();
}

void OrderTableModel::setHistory(qint64 orderId, const QList<StatusHistoryEntry> &history)
{
    m_historyAsked.remove(orderId);
    const int row = rowOfOrder(orderId);
    if (row < 0)
        return;
    m_history.insert(orderId, history);
    Q_EMIT dataChanged(index(row, Status), index(row, Status), {Qt::ToolTipRole});
}

void OrderTableModel::rebuildIndex(int fromRow)
{
    for (int row = fromRow; row < m_orders.size(); ++row)
        m_rowById.insert(m_orders.at(row).id, row);
}

OrderTableModel::CellChanges OrderTableModel::diff(const Order &before, const Order &after)
{
    constexpr quint32 text = DisplayBit | RawValueBit;
    CellChanges cells{};
    if (before.created != after.created)
        cells[Created] |= text | ToolTipBit;
    if (before.fileName != after.fileName)
        cells[File] |= text | ToolTipBit;
    if (before.size != after.size || before.sha256 != after.sha256)
        cells[File] |= ToolTipBit;
    if (before.receiverEmail != after.receiverEmail)
        cells[Receiver] |= text;
    if (!sameDecimal(before.price, after.price))
        cells[Price] |= text | PriceBit;
    if (before.currency != after.currency)
        cells[Price] |= text | CurrencyBit;

    const PrintStatus &was = before.status;
    const PrintStatus &is = after.status;
    if (was.status != is.status) {
        cells[Status] |=
            text | DecorationBit | ToolTipBit | JobStatusBit | StatusColorBit | StatusIconBit;
    } else if (is.status == JobStatus::Unknown && was.statusText != is.statusText) {
        cells[Status] |= DisplayBit | ToolTipBit; // an unknown status shows its raw text
    }
    if (before.unknownToService != after.unknownToService)
        cells[Status] |= DisplayBit | ToolTipBit | UnknownBit;
    if (before.printStarted != after.printStarted)
        cells[Status] |= PrintStartedBit;
    if (before.printFinished != after.printFinished)
        cells[Status] |= PrintFinishedBit;
    if (was.percentage != is.percentage)
        cells[Progress] |= text;
    if (was.minutesLeft != is.minutesLeft)
        cells[MinutesLeft] |= text;
    if (was.totalTime != is.totalTime)
        cells[PrintTime] |= text;
    if (was.printerModel != is.printerModel)
        cells[Printer] |= text;
    if (was.message != is.message)
        cells[Message] |= text | ToolTipBit;
    if (before.lastChecked != after.lastChecked)
        cells[LastChecked] |= text;
    if (before.partnerJobId != after.partnerJobId)
        cells[JobId] |= text;
    if (before.currency != after.currency)
        cells[Currency] |= text;
    if (before.note != after.note) {
        cells[Note] |= text | ToolTipBit;
        cells[File] |= ToolTipBit;
    }
    if (before.archived != after.archived)
        cells[File] |= ToolTipBit;

    // The identity roles are served on every column.
    quint32 identity = 0;
    if (before.token != after.token)
        identity |= TokenBit;
    if (before.tokenLink != after.tokenLink)
        identity |= TokenLinkBit;
    if (before.sslTokenLink != after.sslTokenLink)
        identity |= SslTokenLinkBit;
    if (before.archived != after.archived)
        identity |= ArchivedBit;
    if (before.note != after.note)
        identity |= NoteBit;
    if (identity) {
        for (quint32 &bits : cells)
            bits |= identity;
    }
    return cells;
}

QList<int> OrderTableModel::rolesOf(quint32 bits)
{
    static constexpr std::array<std::pair<quint32, int>, 17> kRoles{{
        {DisplayBit, Qt::DisplayRole},
        {DecorationBit, Qt::DecorationRole},
        {ToolTipBit, Qt::ToolTipRole},
        {RawValueBit, RawValueRole},
        {TokenBit, TokenRole},
        {TokenLinkBit, TokenLinkRole},
        {SslTokenLinkBit, SslTokenLinkRole},
        {PriceBit, PriceRole},
        {CurrencyBit, CurrencyRole},
        {JobStatusBit, JobStatusRole},
        {StatusColorBit, StatusColorRole},
        {StatusIconBit, StatusIconRole},
        {UnknownBit, UnknownToServiceRole},
        {PrintStartedBit, PrintStartedRole},
        {PrintFinishedBit, PrintFinishedRole},
        {ArchivedBit, ArchivedRole},
        {NoteBit, NoteRole},
    }};
    QList<int> roles;
    for (const auto &[bit, role] : kRoles) {
        if (bits & bit)
            roles.append(role);
    }
    if (bits & ArchivedBit)
        roles.append(Qt::FontRole);
    return roles;
}

void OrderTableModel::emitChanges(const QList<std::pair<int, CellChanges>> &changes)
{
    // A rectangle grows downwards while the next row changed the same columns in the same
    // way; columns side by side with the same roles share a rectangle. Every cell inside a
    // rectangle changed exactly its roles, so nothing unchanged is announced.
    struct Rect
    {
        int left = 0;
        int right = 0;
        quint32 bits = 0;
        int top = 0;
        int bottom = 0;
        bool continued = false;
    };
    std::vector<Rect> open;
    std::vector<Rect> next;
    auto flush = [this](const Rect &r) {
        Q_EMIT dataChanged(index(r.top, r.left), index(r.bottom, r.right), rolesOf(r.bits));
    };
    for (const auto &[row, cells] : changes) {
        next.clear();
        for (int left = 0; left < ColumnCount;) {
            const quint32 bits = cells[left];
            int right = left;
            while (right + 1 < ColumnCount && cells[right + 1] == bits)
                ++right;
            if (bits != 0) {
                const auto it = std::find_if(open.begin(), open.end(), [&](const Rect &r) {
                    return r.left == left && r.right == right && r.bits == bits &&
                           r.bottom == row - 1;
                });
                if (it != open.end()) {
                    it->continued = true;
                    next.push_back({left, right, bits, it->top, row, false});
                } else {
                    next.push_back({left, right, bits, row, row, false});
                }
            }
            left = right + 1;
        }
        for (const Rect &r : open) {
            if (!r.continued)
                flush(r);
        }
        open.swap(next);
    }
    for (const Rect &r : open)
        flush(r);
}

// --- formatting ---------------------------------------------------------------------------

QString OrderTableModel::formatPercentage(std::optional<double> percent, const QLocale &locale)
{
    if (!isKnown(percent))
        return emDash();
    const int whole = int(std::floor(std::clamp(*percent, 0.0, 100.0)));
    //: A progress percentage, e.g. "45 %"
    return tr("%1 %").arg(locale.toString(whole));
}

QString OrderTableModel::formatDateTime(const QDateTime &when, const QLocale &locale)
{
    if (!when.isValid())
        return emDash();
    return locale.toString(when.toLocalTime(), QLocale::ShortFormat);
}

} // namespace pc

#include "ordersummarymodel.h"

#include "ordertablemodel.h"
#include "statuspresentation.h"

#include <QLocale>
#include <QMap>
#include <QTimer>

#include <cmath>

namespace pc {

namespace {

bool isSuccess(JobStatus status)
{
    return status == JobStatus::Success || status == JobStatus::ConfirmedSuccess;
}

bool isFailure(JobStatus status)
{
    return status == JobStatus::Failure || status == JobStatus::ConfirmedFailure;
}

// The local date of UTC times, converted once per 15-minute slot: converting each order's
// time (a mktime() each) made a recompute of 10,000 orders cost about 15 ms. Every UTC
// offset in use is a multiple of 15 minutes and changes at such a boundary, so local
// midnight and any offset change fall on slot boundaries and a slot has one local date.
class LocalDays final
{
public:
    QDate dayOf(const QDateTime &time)
    {
        constexpr qint64 kSlotMs = 15 * 60 * 1000;
        const qint64 ms = time.toMSecsSinceEpoch();
        const qint64 slot = ms / kSlotMs - (ms % kSlotMs < 0 ? 1 : 0); // rounded down
        const auto it = m_days.constFind(slot);
        if (it != m_days.constEnd())
            return *it;
        const QDate day =
            QDateTime::fromMSecsSinceEpoch(slot * kSlotMs, Qt::UTC).toLocalTime().date();
        m_days.insert(slot, day);
        return day;
    }

private:
    QHash<qint64, QDate> m_days;
};

// a + b exactly, at the larger of their scales.
Decimal add(const Decimal &a, const Decimal &b)
{
    const int scale = std::max(a.scale(), b.scale());
    auto scaled = [scale](const Decimal &d) {
        qint64 mantissa = d.mantissa();
        for (int i = d.scale(); i < scale; ++i)
            mantissa *= 10;
        return mantissa;
    };
    return Decimal::fromMinorUnits(scaled(a) + scaled(b), scale);
}

} // namespace

bool orderNeedsAttention(const Order &order)
{
    if (isFinal(order.status.status))
        return false;
    return order.unknownToService || order.status.status == JobStatus::Unknown ||
           (order.tokenLink.trimmed().isEmpty() && order.sslTokenLink.trimmed().isEmpty());
}

OrderSummaryModel::OrderSummaryModel(QObject *parent)
    : QAbstractTableModel(parent)
    , m_recomputeTimer(new QTimer(this))
{
    // Interval 0: runs once the current event-loop pass is done, after every signal of a
    // poll round has arrived.
    m_recomputeTimer->setSingleShot(true);
    m_recomputeTimer->setInterval(0);
    connect(m_recomputeTimer, &QTimer::timeout, this, &OrderSummaryModel::recomputeNow);
}

OrderSummaryModel::~OrderSummaryModel() = default;

void OrderSummaryModel::setSourceModel(OrderTableModel *source)
{
    for (const QMetaObject::Connection &connection : std::as_const(m_connections))
        disconnect(connection);
    m_connections.clear();
    m_source = source;
    if (source) {
        m_connections << connect(source, &QAbstractItemModel::dataChanged, this,
                                 &OrderSummaryModel::onSourceDataChanged)
                      << connect(source, &QAbstractItemModel::rowsInserted, this,
                                 &OrderSummaryModel::scheduleRecompute)
                      << connect(source, &QAbstractItemModel::rowsRemoved, this,
                                 &OrderSummaryModel::scheduleRecompute)
                      << connect(source, &QAbstractItemModel::modelReset, this,
                                 &OrderSummaryModel::scheduleRecompute)
                      << connect(source, &QObject::destroyed, this,
                                 &OrderSummaryModel::scheduleRecompute);
    }
    recomputeNow();
}

void OrderSummaryModel::onSourceDataChanged(const QModelIndex &topLeft,
                                            const QModelIndex &bottomRight, const QList<int> &roles)
{
    // Progress, times left and the like change on every poll; only what the figures read
    // counts here: the status, the finish time, whether the order can still move (on the
    // Status column) and the price (on the Price column).
    const auto covers = [&](int column) {
        return topLeft.column() <= column && bottomRight.column() >= column;
    };
    if (roles.isEmpty())
        return scheduleRecompute();
    const bool status =
        covers(OrderTableModel::Status) && (roles.contains(OrderTableModel::JobStatusRole) ||
                                            roles.contains(OrderTableModel::PrintFinishedRole) ||
                                            roles.contains(OrderTableModel::UnknownToServiceRole) ||
                                            roles.contains(OrderTableModel::TokenLinkRole) ||
                                            roles.contains(OrderTableModel::SslTokenLinkRole));
    const bool price =
        covers(OrderTableModel::Price) && (roles.contains(OrderTableModel::PriceRole) ||
                                           roles.contains(OrderTableModel::CurrencyRole));
    if (status || price)
        scheduleRecompute();
}

void OrderSummaryModel::setDateRange(QDate first, QDate last)
{
    if (first == m_first && last == m_last)
        return;
    m_first = first;
    m_last = last;
    recomputeNow();
}

bool OrderSummaryModel::inRange(const Order &order) const
{
    if (!m_first.isValid() && !m_last.isValid())
        return true;
    const QDate day = order.created.toLocalTime().date();
    return (!m_first.isValid() || day >= m_first) && (!m_last.isValid() || day <= m_last);
}

QList<Order> OrderSummaryModel::ordersInRange() const
{
    QList<Order> result;
    if (!m_source)
        return result;
    for (const Order &order : m_source->orders()) {
        if (inRange(order))
            result.append(order);
    }
    return result;
}

void OrderSummaryModel::scheduleRecompute()
{
    if (!m_recomputeTimer->isActive())
        m_recomputeTimer->start();
}

void OrderSummaryModel::recomputeNow()
{
    m_recomputeTimer->stop();
    std::array<int, kStatusCount> counts{};
    int successes = 0;
    int failures = 0;
    QHash<QDate, DaySummary> days;
    LocalDays localDays;
    const QList<Order> empty;
    const QList<Order> &orders = m_source ? m_source->orders() : empty;
    int printingNow = 0;
    int needingAttention = 0;
    int awaitingCustomer = 0;
    int total = 0;
    QMap<QString, CurrencyRevenue> revenue;
    const bool ranged = m_first.isValid() || m_last.isValid();
    for (const Order &order : orders) {
        const JobStatus status = order.status.status;
        const bool stuck = orderNeedsAttention(order);
        needingAttention += stuck;
        printingNow += !stuck && (status == JobStatus::WarmingUp || status == JobStatus::Printing);
        awaitingCustomer += !stuck && status == JobStatus::AwaitingCustomer;
        if (ranged && !inRange(order))
            continue;
        ++total;
        CurrencyRevenue &money = revenue[order.currency];
        money.currency = order.currency;
        money.total = add(money.total, order.price);
        ++money.orders;
        ++counts[std::size_t(rowOfStatus(status))];
        const bool success = isSuccess(status);
        const bool failure = isFailure(status);
        successes += success;
        failures += failure;
        if ((success || failure) && order.printFinished.isValid()) {
            const QDate day = localDays.dayOf(order.printFinished);
            DaySummary &summary = days[day];
            summary.day = day;
            summary.successes += success;
            summary.failures += failure;
        }
    }

    const QList<CurrencyRevenue> revenueList = revenue.values();
    bool changed = successes != m_successes || failures != m_failures || days != m_days ||
                   printingNow != m_printingNow || needingAttention != m_needingAttention ||
                   awaitingCustomer != m_awaitingCustomer || revenueList != m_revenue ||
                   total != m_total;
    m_successes = successes;
    m_failures = failures;
    m_days = std::move(days);
    m_total = total;
    m_printingNow = printingNow;
    m_needingAttention = needingAttention;
    m_awaitingCustomer = awaitingCustomer;
    m_revenue = revenueList;
    // Announce the counts that changed, neighbouring rows together.
    for (int row = 0; row < kStatusCount;) {
        if (counts[std::size_t(row)] == m_counts[std::size_t(row)]) {
            ++row;
            continue;
        }
        int last = row;
        while (last + 1 < kStatusCount &&
               counts[std::size_t(last + 1)] != m_counts[std::size_t(last + 1)])
            ++last;
        std::copy(counts.begin() + row, counts.begin() + last + 1, m_counts.begin() + row);
        Q_EMIT dataChanged(index(row, Count), index(last, Count), {Qt::DisplayRole, RawValueRole});
        changed = true;
        row = last + 1;
    }
    if (changed)
        Q_EMIT summaryChanged();
}

JobStatus OrderSummaryModel::statusOfRow(int row)
{
    return static_cast<JobStatus>(row);
}

int OrderSummaryModel::rowOfStatus(JobStatus status)
{
    const int row = int(status);
    return row >= 0 && row < kStatusCount ? row : int(JobStatus::Unknown);
}

int OrderSummaryModel::count(JobStatus status) const
{
    return m_counts[std::size_t(rowOfStatus(status))];
}

std::optional<double> OrderSummaryModel::successRate() const
{
    const int finished = m_successes + m_failures;
    if (finished == 0)
        return std::nullopt;
    return double(m_successes) / double(finished);
}

QList<DaySummary> OrderSummaryModel::printsPerDay(int lastDays, QDate lastDay) const
{
    QList<DaySummary> result;
    if (lastDays <= 0)
        return result;
    if (!lastDay.isValid())
        lastDay = QDate::currentDate();
    result.reserve(lastDays);
    for (int back = lastDays - 1; back >= 0; --back) {
        const QDate day = lastDay.addDays(-back);
        DaySummary summary = m_days.value(day);
        summary.day = day;
        result.append(summary);
    }
    return result;
}

int OrderSummaryModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : kStatusCount;
}

int OrderSummaryModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

Qt::ItemFlags OrderSummaryModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    return Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemNeverHasChildren;
}

QVariant OrderSummaryModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const JobStatus status = statusOfRow(index.row());
    const int count = m_counts[std::size_t(index.row())];
    switch (role) {
    case Qt::DisplayRole:
        return index.column() == Status ? QVariant(statusLabel(status))
                                        : QVariant(QLocale().toString(count));
    case Qt::DecorationRole:
        // A colour swatch beside the label, as in a chart legend.
        return index.column() == Status ? QVariant(statusColor(status)) : QVariant();
    case Qt::TextAlignmentRole:
        return index.column() == Count ? QVariant((Qt::AlignRight | Qt::AlignVCenter).toInt())
                                       : QVariant();
    case RawValueRole:
        return index.column() == Status ? int(status) : count;
    case JobStatusRole:
        return int(status);
    case ColorRole:
        return statusColor(status);
    case StatusIconRole:
        return statusIconResource(status);
    default:
        return {};
    }
}

QVariant OrderSummaryModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= ColumnCount)
        return QAbstractTableModel::headerData(section, orientation, role);
    if (role != Qt::DisplayRole)
        return {};
    return section == Status ? tr("Status") : tr("Orders");
}

QHash<int, QByteArray> OrderSummaryModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractTableModel::roleNames();
    names.insert(RawValueRole, "rawValue");
    names.insert(JobStatusRole, "jobStatus");
    names.insert(ColorRole, "color");
    names.insert(StatusIconRole, "statusIcon");
    return names;
}

} // namespace pc

#include "orderfilterproxymodel.h"

#include "ordersummarymodel.h"
#include "ordertablemodel.h"

#include <algorithm>
#include <array>
#include <cmath>

using namespace Qt::StringLiterals;

namespace pc {

namespace {

constexpr std::array kAllStatuses{
    JobStatus::AwaitingCustomer, JobStatus::WarmingUp, JobStatus::Printing,
    JobStatus::Failure,          JobStatus::Success,   JobStatus::ConfirmedSuccess,
    JobStatus::ConfirmedFailure, JobStatus::Unknown,
};

bool isKnown(std::optional<double> value)
{
    return value && std::isfinite(*value);
}

int sign(qint64 value)
{
    return value < 0 ? -1 : (value > 0 ? 1 : 0);
}

// Unknown values sort after known ones, as QSortFilterProxyModel orders an invalid QVariant.
int compareNumbers(std::optional<double> a, std::optional<double> b)
{
    const bool knownA = isKnown(a);
    const bool knownB = isKnown(b);
    if (!knownA || !knownB)
        return int(!knownA) - int(!knownB);
    return *a < *b ? -1 : (*b < *a ? 1 : 0);
}

int compareTimes(const QDateTime &a, const QDateTime &b)
{
    const bool knownA = a.isValid();
    const bool knownB = b.isValid();
    if (!knownA || !knownB)
        return int(!knownA) - int(!knownB);
    return a < b ? -1 : (b < a ? 1 : 0);
}

int compareText(const QString &a, const QString &b, Qt::CaseSensitivity cs, bool localeAware)
{
    return sign(localeAware ? QString::localeAwareCompare(a, b) : QString::compare(a, b, cs));
}

// Exact: whole units first, then the fraction scaled to Decimal::kMaxScale digits. Truncating
// division keeps the fraction's sign equal to the value's, so the pair orders correctly.
int compareDecimals(const Decimal &a, const Decimal &b)
{
    auto split = [](const Decimal &d) {
        qint64 unit = 1;
        for (int i = 0; i < d.scale(); ++i)
            unit *= 10;
        qint64 fraction = d.mantissa() % unit;
        for (int i = d.scale(); i < Decimal::kMaxScale; ++i)
            fraction *= 10;
        return std::pair{d.mantissa() / unit, fraction};
    };
    const auto [wholeA, fractionA] = split(a);
    const auto [wholeB, fractionB] = split(b);
    if (wholeA != wholeB)
        return wholeA < wholeB ? -1 : 1;
    return sign(fractionA - fractionB);
}

bool matches(const Order &order, const QString &term)
{
    return order.fileName.contains(term, Qt::CaseInsensitive) ||
           order.receiverEmail.contains(term, Qt::CaseInsensitive) ||
           order.partnerJobId.contains(term, Qt::CaseInsensitive) ||
           order.token.contains(term, Qt::CaseInsensitive) ||
           order.note.contains(term, Qt::CaseInsensitive);
}

} // namespace

OrderFilterProxyModel::OrderFilterProxyModel(QObject *parent)
    : QSortFilterProxyModel(parent)
{
    setSortRole(OrderTableModel::RawValueRole);
    setSortCaseSensitivity(Qt::CaseInsensitive);
    setDynamicSortFilter(true);
}

OrderFilterProxyModel::~OrderFilterProxyModel() = default;

void OrderFilterProxyModel::setSourceModel(QAbstractItemModel *sourceModel)
{
    m_orders = qobject_cast<OrderTableModel *>(sourceModel);
    QSortFilterProxyModel::setSourceModel(sourceModel);
}

void OrderFilterProxyModel::setSearchText(const QString &text)
{
    // Any blank separates words (tabs, no-break spaces pasted from a mail).
    QStringList terms = text.simplified().split(u' ', Qt::SkipEmptyParts);
    m_searchText = text;
    if (terms == m_terms)
        return; // only blanks changed: the result is the same, skip the full pass
    m_terms = std::move(terms);
    invalidateFilter();
}

void OrderFilterProxyModel::setStatusFilter(std::optional<QSet<JobStatus>> statuses)
{
    if (statuses == m_statuses)
        return;
    m_statuses = std::move(statuses);
    invalidateFilter();
}

void OrderFilterProxyModel::setShowArchived(bool show)
{
    if (show == m_showArchived)
        return;
    m_showArchived = show;
    invalidateFilter();
}

void OrderFilterProxyModel::setNeedsAttentionOnly(bool only)
{
    if (only == m_attentionOnly)
        return;
    m_attentionOnly = only;
    invalidateFilter();
}

void OrderFilterProxyModel::setFinishedOn(std::optional<QDate> day)
{
    if (day == m_finishedOn)
        return;
    m_finishedOn = day;
    invalidateFilter();
}

QSet<JobStatus> OrderFilterProxyModel::openStatuses()
{
    QSet<JobStatus> open;
    for (const JobStatus status : kAllStatuses) {
        if (!isFinal(status))
            open.insert(status);
    }
    return open;
}

QSet<JobStatus> OrderFilterProxyModel::finalStatuses()
{
    QSet<JobStatus> confirmed;
    for (const JobStatus status : kAllStatuses) {
        if (isFinal(status))
            confirmed.insert(status);
    }
    return confirmed;
}

const Order *OrderFilterProxyModel::orderAt(int row) const
{
    if (!m_orders || row < 0 || row >= rowCount())
        return nullptr;
    return m_orders->orderAt(mapToSource(index(row, 0)).row());
}

bool OrderFilterProxyModel::accepts(const Order &order) const
{
    if (m_statuses && !m_statuses->contains(order.status.status))
        return false;
    if (!m_showArchived && order.isArchived())
        return false;
    if (m_attentionOnly && !orderNeedsAttention(order))
        return false;
    if (m_finishedOn && (!order.printFinished.isValid() ||
                         order.printFinished.toLocalTime().date() != *m_finishedOn))
        return false;
    return std::all_of(m_terms.cbegin(), m_terms.cend(),
                       [&order](const QString &term) { return matches(order, term); });
}

bool OrderFilterProxyModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    if (!m_orders)
        return QSortFilterProxyModel::filterAcceptsRow(sourceRow, sourceParent);
    const Order *order = m_orders->orderAt(sourceRow);
    return order && accepts(*order);
}

bool OrderFilterProxyModel::lessThan(const QModelIndex &left, const QModelIndex &right) const
{
    if (!m_orders || sortRole() != OrderTableModel::RawValueRole)
        return QSortFilterProxyModel::lessThan(left, right);
    const Order *a = m_orders->orderAt(left.row());
    const Order *b = m_orders->orderAt(right.row());
    if (!a || !b)
        return QSortFilterProxyModel::lessThan(left, right);
    return compareOrders(*a, *b, left.column(), sortCaseSensitivity(), isSortLocaleAware()) < 0;
}

int OrderFilterProxyModel::compareOrders(const Order &a, const Order &b, int column,
                                         Qt::CaseSensitivity cs, bool localeAware)
{
    switch (column) {
    case OrderTableModel::Created:
        return compareTimes(a.created, b.created);
    case OrderTableModel::File:
        return compareText(a.fileName, b.fileName, cs, localeAware);
    case OrderTableModel::Receiver:
        return compareText(a.receiverEmail, b.receiverEmail, cs, localeAware);
    case OrderTableModel::Price:
        return compareDecimals(a.price, b.price);
    case OrderTableModel::Status:
        return sign(qint64(a.status.status) - qint64(b.status.status));
    case OrderTableModel::Progress:
        return compareNumbers(a.status.percentage, b.status.percentage);
    case OrderTableModel::MinutesLeft:
        return compareNumbers(a.status.minutesLeft, b.status.minutesLeft);
    case OrderTableModel::PrintTime:
        return compareNumbers(a.status.totalTime, b.status.totalTime);
    case OrderTableModel::Printer:
        return compareText(a.status.printerModel, b.status.printerModel, cs, localeAware);
    case OrderTableModel::Message:
        return compareText(a.status.message, b.status.message, cs, localeAware);
    case OrderTableModel::LastChecked:
        return compareTimes(a.lastChecked, b.lastChecked);
    case OrderTableModel::JobId:
        return compareText(a.partnerJobId, b.partnerJobId, cs, localeAware);
    case OrderTableModel::Currency:
        return compareText(a.currency, b.currency, cs, localeAware);
    case OrderTableModel::Note:
        return compareText(a.note, b.note, cs, localeAware);
    default:
        return 0;
    }
}

} // namespace pc

#pragma once

#include "api/printstatus.h"

#include <QDate>
#include <QHashFunctions>
#include <QPointer>
#include <QSet>
#include <QSortFilterProxyModel>
#include <QStringList>

#include <optional>

namespace pc {

class OrderTableModel;
struct Order;

// For QSet<JobStatus> (Qt 6.4 has no qHash for scoped enums); found by argument lookup.
inline size_t qHash(JobStatus status, size_t seed = 0) noexcept
{
    return ::qHash(int(status), seed);
}

// Search, status filter and sorting over an OrderTableModel.
//
// - Search: every whitespace-separated word of the text must occur (ignoring case) in the
//   file name, receiver, partner job id, token or note; "teapot anna" finds Anna's teapot.
// - Status filter: only the given JobStatus values, or every status (std::nullopt).
// - Archived orders are left out unless setShowArchived(true).
// - Narrower views the dashboard opens: the orders that need attention (they cannot move
//   any more by themselves, see orderNeedsAttention()), the prints finished on one day.
// - Sorting: on RawValueRole (set by the constructor). Over an OrderTableModel the orders
//   are compared directly (compareOrders()), which gives the same order as comparing the
//   raw values without building two QVariants per comparison.
// Rows are re-filtered and re-sorted as the source changes (dynamic sort filter).
class OrderFilterProxyModel final : public QSortFilterProxyModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OrderFilterProxyModel)

public:
    explicit OrderFilterProxyModel(QObject *parent = nullptr);
    ~OrderFilterProxyModel() override;

    void setSourceModel(QAbstractItemModel *sourceModel) override;
    OrderTableModel *orderModel() const { return m_orders; }

    void setSearchText(const QString &text);
    QString searchText() const { return m_searchText; }

    void setStatusFilter(std::optional<QSet<JobStatus>> statuses);
    const std::optional<QSet<JobStatus>> &statusFilter() const { return m_statuses; }
    // Conveniences: orders still under way (not confirmed), confirmed ones, or all.
    void showOpenOnly() { setStatusFilter(openStatuses()); }
    void showFinalOnly() { setStatusFilter(finalStatuses()); }
    void showAll() { setStatusFilter(std::nullopt); }
    static QSet<JobStatus> openStatuses();  // every status for which isFinal() is false
    static QSet<JobStatus> finalStatuses(); // ConfirmedSuccess, ConfirmedFailure

    void setShowArchived(bool show);
    bool showsArchived() const { return m_showArchived; }
    // Only the orders for which orderNeedsAttention() holds (false: no such restriction).
    void setNeedsAttentionOnly(bool only);
    bool needsAttentionOnly() const { return m_attentionOnly; }
    // Only the prints that finished on `day` (local time); nullopt: any.
    void setFinishedOn(std::optional<QDate> day);
    const std::optional<QDate> &finishedOn() const { return m_finishedOn; }

    // The order shown in proxy row `row`, or nullptr.
    const Order *orderAt(int row) const;

    // Whether `order` passes the search and every filter.
    bool accepts(const Order &order) const;

    // The order this proxy sorts `column` of an OrderTableModel in: negative, zero or
    // positive, the same order as comparing the column's RawValueRole (with prices compared
    // exactly rather than as doubles). Unknown values sort after known ones, as an invalid
    // QVariant does.
    static int compareOrders(const Order &a, const Order &b, int column,
                             Qt::CaseSensitivity cs = Qt::CaseInsensitive,
                             bool localeAware = false);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;
    bool lessThan(const QModelIndex &left, const QModelIndex &right) const override;

private:
    QPointer<OrderTableModel> m_orders;
    QString m_searchText;
    QStringList m_terms; // the search words, as typed
    std::optional<QSet<JobStatus>> m_statuses;
    bool m_showArchived = false;
    bool m_attentionOnly = false;
    std::optional<QDate> m_finishedOn;
};

} // namespace pc

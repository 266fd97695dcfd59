#pragma once

#include "api/printstatus.h"
#include "common/decimal.h"

#include <QAbstractTableModel>
#include <QDate>
#include <QHash>
#include <QList>
#include <QPointer>

#include <array>
#include <optional>

class QTimer;

namespace pc {

class OrderTableModel;
struct Order;

// Whether an order can no longer move by itself and needs a person: it is not confirmed yet,
// but the service no longer knows its token, its status is one this console does not know, or
// it has no link the customer could print with. Such orders are never "printing now".
bool orderNeedsAttention(const Order &order);

// What the orders of one currency are worth (never summed across currencies).
struct CurrencyRevenue
{
    QString currency; // ISO 4217 code, as stored
    Decimal total;
    int orders = 0;

    friend bool operator==(const CurrencyRevenue &, const CurrencyRevenue &) = default;
};

// The finished prints of one day (local time of printFinished).
struct DaySummary
{
    QDate day;
    int successes = 0; // SUCCESS or CONFIRMED_SUCCESS
    int failures = 0;  // FAILURE or CONFIRMED_FAILURE

    friend bool operator==(const DaySummary &, const DaySummary &) = default;
};

// Figures for the dashboard's charts, kept up to date from an OrderTableModel.
//
// As a table: one row per JobStatus (in JobStatus order, always all eight, so a chart's
// series never change shape) with the status and its number of orders. Beside the table:
// prints per day, the success rate and the revenue per currency. These figures count the
// orders created within the date range (setDateRange(); every order by default). What is
// happening now - printing, waiting, needing attention - counts every order whatever the
// range. The figures are recomputed once per event-loop pass
// however many source signals arrived (a poll round is one recompute), and only when a
// status, finish time or the set of orders changed; summaryChanged() follows a recompute
// that changed anything.
class OrderSummaryModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OrderSummaryModel)

public:
    enum Column { Status, Count, ColumnCount };
    Q_ENUM(Column)

    enum Role {
        RawValueRole = Qt::UserRole + 1, // int: the JobStatus (Status), the count (Count)
        JobStatusRole,                   // int (pc::JobStatus), every column
        ColorRole,                       // QColor of the status, every column
        StatusIconRole,                  // QString resource path of the status icon
    };
    Q_ENUM(Role)

    static constexpr int kStatusCount = 8;

    explicit OrderSummaryModel(QObject *parent = nullptr);
    ~OrderSummaryModel() override;

    // Follows `source` (nullptr: none); the figures are computed at once.
    void setSourceModel(OrderTableModel *source);
    OrderTableModel *sourceModel() const { return m_source; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QHash<int, QByteArray> roleNames() const override;

    static JobStatus statusOfRow(int row);
    static int rowOfStatus(JobStatus status);

    // Only orders created from `first` to `last` (local dates, both included; an invalid
    // date leaves that end open) count in the table, the success rate, prints per day and
    // the revenue. Recomputes at once.
    void setDateRange(QDate first, QDate last);
    QDate rangeFirst() const { return m_first; }
    QDate rangeLast() const { return m_last; }
    // Whether the order was created within the range.
    bool inRange(const Order &order) const;
    // The source's orders within the range, in the source's order.
    QList<Order> ordersInRange() const;

    int count(JobStatus status) const;
    int totalOrders() const { return m_total; }
    // Now, whatever the range: warming up or printing and able to move; not confirmed but
    // stuck (orderNeedsAttention()); waiting for the customer to press Print.
    int printingNow() const { return m_printingNow; }
    int needingAttention() const { return m_needingAttention; }
    int awaitingCustomer() const { return m_awaitingCustomer; }
    // One entry per currency, by currency code.
    const QList<CurrencyRevenue> &revenue() const { return m_revenue; }
    int successes() const { return m_successes; }
    int failures() const { return m_failures; }
    // successes / (successes + failures); nullopt while no print has finished.
    std::optional<double> successRate() const;
    // One entry per day for the `lastDays` days ending with `lastDay` (default: today),
    // oldest first, days without finished prints included with zeros.
    QList<DaySummary> printsPerDay(int lastDays, QDate lastDay = {}) const;

    // Recomputes right away instead of on the next event-loop pass.
    void recomputeNow();

Q_SIGNALS:
    void summaryChanged();

private:
    void scheduleRecompute();
    void onSourceDataChanged(const QModelIndex &topLeft, const QModelIndex &bottomRight,
                             const QList<int> &roles);

    QPointer<OrderTableModel> m_source;
    QList<QMetaObject::Connection> m_connections;
    QTimer *m_recomputeTimer;
    std::array<int, kStatusCount> m_counts{};
    int m_total = 0;
    int m_successes = 0;
    int m_failures = 0;
    int m_printingNow = 0;
    int m_needingAttention = 0;
    int m_awaitingCustomer = 0;
    QList<CurrencyRevenue> m_revenue;
    QDate m_first;
    QDate m_last;
    QHash<QDate, DaySummary> m_days;
};

} // namespace pc

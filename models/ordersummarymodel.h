#pragma once

#include "api/printstatus.h"

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
// prints per day and the success rate. The figures are recomputed once per event-loop pass
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

    int count(JobStatus status) const;
    int totalOrders() const { return m_total; }
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
    QHash<QDate, DaySummary> m_days;
};

} // namespace pc

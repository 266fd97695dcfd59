#pragma once

#include "api/printstatus.h"

#include <QDate>
#include <QList>
#include <QWidget>

QT_BEGIN_NAMESPACE
class QBarCategoryAxis;
class QBarSet;
class QChart;
class QChartView;
class QHorizontalStackedBarSeries;
class QLabel;
class QStackedBarSeries;
class QTimer;
class QValueAxis;
QT_END_NAMESPACE

namespace pc {

class OrderSummaryModel;

// The dashboard: charts, not tables (UX.md). Three cards, kept up to date from an
// OrderSummaryModel as it changes:
// - the success rate: a big percentage with the counts behind it, or a dash while no print
//   has finished;
// - orders by status: one horizontal bar per status in its colour, the label and count on the
//   axis (so the colour is never the only signal); an "unknown status" bar only when there
//   is such an order;
// - prints per day over the last 14 days: successes and failures stacked, with a legend.
// The charts take their colours from the widget palette (and follow its changes), so they
// read on light and dark desktops alike.
class Dashboard final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Dashboard)

public:
    static constexpr int kDays = 14;

    explicit Dashboard(OrderSummaryModel &summary, QWidget *parent = nullptr);
    ~Dashboard() override;

    // The last day of "prints per day": today by default (moving on at midnight). A fixed
    // day for tests and screenshots; an invalid date goes back to today.
    void setReferenceDate(QDate day);
    QDate referenceDate() const;

    // Reads the summary again (the summary's own signal does this by itself).
    void refresh();

    QChartView *statusChartView() const { return m_statusView; }
    QChartView *perDayChartView() const { return m_perDayView; }
    // The statuses the status chart shows, top to bottom.
    const QList<JobStatus> &shownStatuses() const { return m_shownStatuses; }
    // The success-rate card: the big figure ("83 %" or "—") and the line below it.
    QString successRateText() const;
    QString successRateDetail() const;

protected:
    void changeEvent(QEvent *event) override;

private:
    QWidget *createCard(const QString &title, QWidget *content, const QString &objectName);
    QWidget *createSuccessRate();
    QChartView *createStatusChart();
    QChartView *createPerDayChart();
    void updateSuccessRate();
    void updateStatusChart();
    void updatePerDayChart();
    void applyPalette();
    void scheduleMidnight();

    OrderSummaryModel &m_summary;
    QLabel *m_rateFigure = nullptr;
    QLabel *m_rateDetail = nullptr;
    QLabel *m_rateTotals = nullptr;
    QChartView *m_statusView = nullptr;
    QHorizontalStackedBarSeries *m_statusSeries = nullptr;
    QBarCategoryAxis *m_statusAxis = nullptr;
    QValueAxis *m_countAxis = nullptr;
    QChartView *m_perDayView = nullptr;
    QStackedBarSeries *m_perDaySeries = nullptr;
    QBarSet *m_successSet = nullptr;
    QBarSet *m_failureSet = nullptr;
    QBarCategoryAxis *m_dayAxis = nullptr;
    QValueAxis *m_perDayAxis = nullptr;
    QList<JobStatus> m_shownStatuses;
    QList<QDate> m_days;
    QDate m_referenceDate;
    QTimer *m_midnight = nullptr;
};

} // namespace pc

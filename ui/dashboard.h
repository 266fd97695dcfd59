#pragma once

#include "api/printstatus.h"

#include <QDate>
#include <QList>
#include <QWidget>

#include <functional>

QT_BEGIN_NAMESPACE
class QBarCategoryAxis;
class QBarSet;
class QChart;
class QChartView;
class QComboBox;
class QDateEdit;
class QPushButton;
class QHorizontalStackedBarSeries;
class QLabel;
class QStackedBarSeries;
class QTimer;
class QValueAxis;
QT_END_NAMESPACE

namespace pc {

class OrderSummaryModel;

// The dashboard: charts, not tables. Four cards, kept up to date from an OrderSummaryModel as
// it changes, for the period chosen above them (today, 7 or 30 days, all, or custom dates):
// - the success rate: a big percentage with the counts behind it, or a dash while no print
//   has finished; below it what happens now: printing, waiting for the customer, and the
//   orders that need attention because they cannot move by themselves (a link to them);
// - orders by status: one horizontal bar per status in its colour, the label and count on the
//   axis (so the colour is never the only signal); an "unknown status" bar only when there
//   is such an order;
// - the revenue per currency (never added up across currencies);
// - prints per day over the period (the last 14 days for "all"): successes and failures
//   stacked, with a legend.
// A bar, clicked or chosen with the arrow keys and Enter, shows its orders in the table
// (statusActivated(), dayActivated()). "Export Orders as CSV" writes every order of the
// period, archived ones included.
// The charts take their colours from the widget palette (and follow its changes), so they
// read on light and dark desktops alike.
class Dashboard final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Dashboard)

public:
    static constexpr int kDays = 14;
    // The most days "prints per day" shows for a long custom period (its last ones).
    static constexpr int kMaxDays = 92;

    enum Period { Today, Last7Days, Last30Days, AllTime, Custom };
    Q_ENUM(Period)

    // Asks for the file to export to; `suggested` is a full path. Empty: cancelled.
    using FileNameProvider = std::function<QString(const QString &suggested)>;
    using ErrorReporter = std::function<void(const QString &title, const QString &text)>;

    explicit Dashboard(OrderSummaryModel &summary, QWidget *parent = nullptr);
    ~Dashboard() override;

    // The last day of "prints per day": today by default (moving on at midnight). A fixed
    // day for tests and screenshots; an invalid date goes back to today.
    void setReferenceDate(QDate day);
    QDate referenceDate() const;

    // Reads the summary again (the summary's own signal does this by itself).
    void refresh();

    // The period the figures count (the summary's date range follows). Custom takes
    // setCustomRange()'s dates.
    void setPeriod(Period period);
    Period period() const;
    void setCustomRange(QDate first, QDate last);
    // The days "prints per day" shows, oldest first.
    const QList<QDate> &shownDays() const { return m_days; }

    // The figures of "now" and the revenue lines, as shown.
    QString totalsText() const;
    QStringList revenueLines() const;

    // Writes every order of the period to a CSV file the user picks. False when nothing was
    // written (cancelled, no orders, or failed; a failure has been reported).
    bool exportOrders();
    void setFileNameProvider(FileNameProvider provider);
    void setErrorReporter(ErrorReporter reporter);

    // The bar the keyboard is on (-1: none) and choosing it, as Enter does.
    int currentStatusBar() const { return m_statusCursor; }
    int currentDayBar() const { return m_dayCursor; }
    void activateStatusBar(int index);
    void activateDayBar(int index);

    QChartView *statusChartView() const { return m_statusView; }
    QChartView *perDayChartView() const { return m_perDayView; }
    // The statuses the status chart shows, top to bottom.
    const QList<JobStatus> &shownStatuses() const { return m_shownStatuses; }
    // The success-rate card: the big figure ("83 %" or "—") and the line below it.
    QString successRateText() const;
    QString successRateDetail() const;

Q_SIGNALS:
    // A bar of "orders by status" was chosen: show the orders with that status.
    void statusActivated(pc::JobStatus status);
    // "Need attention" was chosen: show the orders that cannot move by themselves.
    void needsAttentionActivated();
    // A day of "prints per day" was chosen: show the prints finished that day.
    void dayActivated(QDate day);
    // A short confirmation for the status bar.
    void statusMessage(const QString &message);

protected:
    void changeEvent(QEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    QWidget *createPeriodBar();
    QWidget *createRevenue();
    void onPeriodChanged();
    void applyRange();
    void updateRevenue();
    void highlightBars();
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
    QComboBox *m_period = nullptr;
    QDateEdit *m_firstDay = nullptr;
    QDateEdit *m_lastDay = nullptr;
    QPushButton *m_exportButton = nullptr;
    QLabel *m_perDayTitle = nullptr;
    QLabel *m_revenue = nullptr;
    int m_statusCursor = -1;
    int m_dayCursor = -1;
    FileNameProvider m_fileNameProvider;
    ErrorReporter m_errorReporter;
    QString m_lastExportFolder;
};

} // namespace pc

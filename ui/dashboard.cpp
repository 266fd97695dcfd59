#include "dashboard.h"

#include "ordersummarymodel.h"
#include "ordertablemodel.h" // ordersummarymodel.h needs it complete
#include "statuspresentation.h"

#include <QBarCategoryAxis>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QDateTime>
#include <QEvent>
#include <QFileDialog>
#include <QFrame>
#include <QGraphicsLayout>
#include <QGridLayout>
#include <QHorizontalStackedBarSeries>
#include <QLabel>
#include <QLegend>
#include <QLegendMarker>
#include <QMessageBox>
#include <QStackedBarSeries>
#include <QTimer>
#include <QToolTip>
#include <QVBoxLayout>
#include <QValueAxis>

#include <algorithm>
#include <cmath>

using namespace Qt::StringLiterals;

namespace pc {

namespace {

constexpr int kChartMinHeight = 240;

bool isDark(const QPalette &palette)
{
    return palette.color(QPalette::Base).lightness() < 128;
}

QColor withAlpha(QColor color, float alpha)
{
    color.setAlphaF(alpha);
    return color;
}

// A bar's outline: a lighter edge on dark backgrounds, so the dark "confirmed" shades keep
// their shape there; a slightly darker one on light backgrounds.
QColor borderFor(const QColor &fill, const QPalette &palette)
{
    return isDark(palette) ? fill.lighter(160) : fill.darker(115);
}

// An integer axis from 0 with at most about six ticks at 1, 2, 5, 10, 20, 50... steps.
void setCountRange(QValueAxis *axis, int largest)
{
    int top = std::max(4, largest);
    int step = 1;
    for (int factor = 1; top / step > 6; factor *= 10) {
        for (int candidate : {1, 2, 5}) {
            step = candidate * factor;
            if (top / step <= 6)
                break;
        }
    }
    top = (top + step - 1) / step * step;
    axis->setRange(0, top);
    axis->setTickType(QValueAxis::TicksDynamic);
    axis->setTickAnchor(0);
    axis->setTickInterval(step);
    axis->setMinorTickCount(0);
    axis->setLabelFormat(u"%d"_s);
}

QChartView *makeChartView(QChart *chart, QWidget *parent)
{
    chart->setAnimationOptions(QChart::NoAnimation);
    chart->setBackgroundRoundness(0);
    chart->setMargins(QMargins(2, 2, 2, 2));
    chart->layout()->setContentsMargins(0, 0, 0, 0);
    auto *view = new QChartView(chart, parent);
    view->setRenderHint(QPainter::Antialiasing);
    view->setFrameShape(QFrame::NoFrame);
    view->setMinimumHeight(kChartMinHeight);
    return view;
}

} // namespace

Dashboard::Dashboard(OrderSummaryModel &summary, QWidget *parent)
    : QWidget(parent)
    , m_summary(summary)
    , m_midnight(new QTimer(this))
{
    setObjectName(u"dashboard"_s);
    setAccessibleName(tr("Dashboard"));
    m_midnight->setSingleShot(true);
    m_midnight->setTimerType(Qt::VeryCoarseTimer);
    connect(m_midnight, &QTimer::timeout, this, [this] {
        applyRange(); // "today" and "last 7 days" move on
        updatePerDayChart();
        scheduleMidnight();
    });

    m_fileNameProvider = [this](const QString &suggested) {
        return QFileDialog::getSaveFileName(this, tr("Export Orders as CSV"), suggested,
                                            tr("CSV files (*.csv);;All files (*)"));
    };
    m_errorReporter = [this](const QString &title, const QString &text) {
        QMessageBox::warning(this, title, text);
    };

    QWidget *periodBar = createPeriodBar();
    QWidget *rate = createCard(tr("Success rate"), createSuccessRate(), u"successRateCard"_s);
    QWidget *byStatus =
        createCard(tr("Orders by status"), createStatusChart(), u"statusChartCard"_s);
    QWidget *revenue = createCard(tr("Revenue"), createRevenue(), u"revenueCard"_s);
    QWidget *perDay = createCard(tr("Prints per day"), createPerDayChart(), u"perDayChartCard"_s);
    m_perDayTitle = perDay->findChild<QLabel *>(u"perDayChartCardTitle"_s);

    auto *layout = new QGridLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setHorizontalSpacing(12);
    layout->setVerticalSpacing(12);
    // The success rate and the revenue share the left column; "prints per day" keeps the
    // whole width, so two weeks of day labels fit.
    auto *left = new QVBoxLayout;
    left->setSpacing(12);
    left->addWidget(rate, 3);
    left->addWidget(revenue, 2);
    layout->addWidget(periodBar, 0, 0, 1, 2);
    layout->addLayout(left, 1, 0);
    layout->addWidget(byStatus, 1, 1);
    layout->addWidget(perDay, 2, 0, 1, 2);
    layout->setColumnStretch(0, 1);
    layout->setColumnStretch(1, 3);
    layout->setRowStretch(1, 1);
    layout->setRowStretch(2, 1);

    connect(&m_summary, &OrderSummaryModel::summaryChanged, this, &Dashboard::refresh);
    applyPalette();
    applyRange();
    refresh();
    scheduleMidnight();
}

Dashboard::~Dashboard() = default;

QWidget *Dashboard::createCard(const QString &title, QWidget *content, const QString &objectName)
{
    auto *card = new QFrame(this);
    card->setObjectName(objectName);
    card->setAccessibleName(title);
    card->setStyleSheet(u"QFrame#%1 { background-color: palette(base); border: 1px solid "
                        "palette(mid); border-radius: 8px; }"_s.arg(objectName));
    auto *heading = new QLabel(title, card);
    heading->setObjectName(objectName + u"Title"_s);
    QFont font = heading->font();
    font.setBold(true);
    heading->setFont(font);
    content->setParent(card);
    auto *layout = new QVBoxLayout(card);
    layout->setContentsMargins(14, 12, 14, 12);
    layout->setSpacing(8);
    layout->addWidget(heading);
    layout->addWidget(content, 1);
    return card;
}

QWidget *Dashboard::createSuccessRate()
{
    auto *box = new QWidget(this);
    m_rateFigure = new QLabel(box);
    m_rateFigure->setObjectName(u"successRateFigure"_s);
    QFont big = m_rateFigure->font();
    big.setPointSizeF(big.pointSizeF() * 3.0);
    big.setBold(true);
    m_rateFigure->setFont(big);
    m_rateDetail = new QLabel(box);
    m_rateDetail->setObjectName(u"successRateDetail"_s);
    m_rateDetail->setWordWrap(true);
    m_rateTotals = new QLabel(box);
    m_rateTotals->setObjectName(u"successRateTotals"_s);
    m_rateTotals->setWordWrap(true);
    m_rateTotals->setTextFormat(Qt::RichText);
    m_rateTotals->setTextInteractionFlags(Qt::LinksAccessibleByMouse |
                                          Qt::LinksAccessibleByKeyboard);
    connect(m_rateTotals, &QLabel::linkActivated, this,
            [this] { Q_EMIT needsAttentionActivated(); });
    QPalette muted = m_rateTotals->palette();
    muted.setColor(QPalette::WindowText, muted.color(QPalette::PlaceholderText));
    m_rateTotals->setPalette(muted);

    auto *layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    layout->addStretch(1);
    layout->addWidget(m_rateFigure);
    layout->addWidget(m_rateDetail);
    layout->addSpacing(8);
    layout->addWidget(m_rateTotals);
    layout->addStretch(2);
    box->setMinimumWidth(fontMetrics().averageCharWidth() * 24);
    return box;
}

QChartView *Dashboard::createStatusChart()
{
    auto *chart = new QChart;
    m_statusSeries = new QHorizontalStackedBarSeries(chart);
    m_statusSeries->setBarWidth(0.7);
    chart->addSeries(m_statusSeries);
    m_statusAxis = new QBarCategoryAxis(chart);
    m_countAxis = new QValueAxis(chart);
    chart->addAxis(m_statusAxis, Qt::AlignLeft);
    chart->addAxis(m_countAxis, Qt::AlignBottom);
    m_statusSeries->attachAxis(m_statusAxis);
    m_statusSeries->attachAxis(m_countAxis);
    // The axis names every bar with its label and count, which the legend would only repeat.
    chart->legend()->setVisible(false);
    m_statusView = makeChartView(chart, this);
    m_statusView->setObjectName(u"statusChart"_s);
    m_statusView->setAccessibleName(tr("Orders by status"));
    m_statusView->setFocusPolicy(Qt::StrongFocus);
    m_statusView->setCursor(Qt::PointingHandCursor);
    m_statusView->setToolTip(tr("Click a bar, or choose one with the arrow keys and Enter, to "
                                "see its orders"));
    m_statusView->installEventFilter(this);
    connect(m_statusSeries, &QAbstractBarSeries::clicked, this, [this](int, QBarSet *set) {
        const int index = int(m_statusSeries->barSets().indexOf(set));
        m_statusCursor = index;
        highlightBars();
        activateStatusBar(index);
    });
    connect(m_statusSeries, &QAbstractBarSeries::hovered, this, [](bool on, int, QBarSet *set) {
        if (!on) {
            QToolTip::hideText();
            return;
        }
        double count = 0;
        for (int i = 0; i < set->count(); ++i)
            count += set->at(i);
        QToolTip::showText(QCursor::pos(), tr("%1: %2").arg(set->label()).arg(count));
    });
    return m_statusView;
}

QChartView *Dashboard::createPerDayChart()
{
    auto *chart = new QChart;
    m_perDaySeries = new QStackedBarSeries(chart);
    m_perDaySeries->setBarWidth(0.65);
    m_successSet = new QBarSet(tr("Succeeded"));
    m_failureSet = new QBarSet(tr("Failed"));
    m_perDaySeries->append(m_successSet);
    m_perDaySeries->append(m_failureSet);
    chart->addSeries(m_perDaySeries);
    m_dayAxis = new QBarCategoryAxis(chart);
    m_perDayAxis = new QValueAxis(chart);
    chart->addAxis(m_dayAxis, Qt::AlignBottom);
    chart->addAxis(m_perDayAxis, Qt::AlignLeft);
    m_perDaySeries->attachAxis(m_dayAxis);
    m_perDaySeries->attachAxis(m_perDayAxis);
    chart->legend()->setAlignment(Qt::AlignTop);
    m_perDayView = makeChartView(chart, this);
    m_perDayView->setObjectName(u"perDayChart"_s);
    m_perDayView->setAccessibleName(tr("Prints per day"));
    m_perDayView->setFocusPolicy(Qt::StrongFocus);
    m_perDayView->setCursor(Qt::PointingHandCursor);
    m_perDayView->setToolTip(tr("Click a day, or choose one with the arrow keys and Enter, to "
                                "see the prints that finished on it"));
    m_perDayView->installEventFilter(this);
    connect(m_perDaySeries, &QAbstractBarSeries::clicked, this, [this](int index, QBarSet *) {
        m_dayCursor = index;
        highlightBars();
        activateDayBar(index);
    });
    connect(
        m_perDaySeries, &QAbstractBarSeries::hovered, this, [this](bool on, int index, QBarSet *) {
            if (!on || index < 0 || index >= m_days.size()) {
                QToolTip::hideText();
                return;
            }
            QToolTip::showText(QCursor::pos(),
                               tr("%1: %2 succeeded, %3 failed")
                                   .arg(QLocale().toString(m_days.at(index), QLocale::LongFormat))
                                   .arg(m_successSet->at(index))
                                   .arg(m_failureSet->at(index)));
        });
    return m_perDayView;
}

void Dashboard::setReferenceDate(QDate day)
{
    m_referenceDate = day;
    scheduleMidnight();
    applyRange();
    updatePerDayChart();
}

QDate Dashboard::referenceDate() const
{
    return m_referenceDate.isValid() ? m_referenceDate : QDate::currentDate();
}

void Dashboard::scheduleMidnight()
{
    if (m_referenceDate.isValid()) {
        m_midnight->stop();
        return;
    }
    const QDateTime now = QDateTime::currentDateTime();
    const QDateTime next(now.date().addDays(1), QTime(0, 0, 5));
    m_midnight->start(std::chrono::milliseconds(std::max<qint64>(1000, now.msecsTo(next))));
}

void Dashboard::refresh()
{
    updateSuccessRate();
    updateStatusChart();
    updatePerDayChart();
    updateRevenue();
}

QString Dashboard::successRateText() const
{
    return m_rateFigure->text();
}

QString Dashboard::successRateDetail() const
{
    return m_rateDetail->text();
}

void Dashboard::updateSuccessRate()
{
    const int successes = m_summary.successes();
    const int failures = m_summary.failures();
    const std::optional<double> rate = m_summary.successRate();
    // The dash of "no figure yet" is muted, so it does not read as a bar of some value.
    m_rateFigure->setForegroundRole(rate ? QPalette::WindowText : QPalette::PlaceholderText);
    if (!rate) {
        m_rateFigure->setText(u"\u2014"_s);
        m_rateDetail->setText(tr("No print has finished yet."));
    } else {
        const int percent = int(std::lround(*rate * 100.0));
        //: The success rate as a percentage
        m_rateFigure->setText(tr("%1 %").arg(percent));
        m_rateDetail->setText(tr("%1 succeeded, %2 failed").arg(successes).arg(failures));
    }
    // "Label: figure" lines need no plural forms. Printing and waiting count only orders
    // that can still move; the stuck ones are counted apart, with a way to them.
    const int attention = m_summary.needingAttention();
    const QString attentionLine = tr("Need attention: %1").arg(attention).toHtmlEscaped();
    m_rateTotals->setText(
        tr("Orders: %1").arg(m_summary.totalOrders()).toHtmlEscaped() + u"<br>"_s +
        tr("Printing now: %1").arg(m_summary.printingNow()).toHtmlEscaped() + u"<br>"_s +
        tr("Waiting for the customer: %1").arg(m_summary.awaitingCustomer()).toHtmlEscaped() +
        u"<br>"_s +
        (attention > 0 ? u"<a href=\"attention\">%1</a>"_s.arg(attentionLine) : attentionLine));
    m_rateTotals->setToolTip(tr("Need attention: orders that are not confirmed but cannot move "
                                "by themselves - the service no longer knows the token, the "
                                "status is unknown, or the order has no print link."));
    m_rateFigure->setAccessibleName(tr("Success rate %1").arg(m_rateFigure->text()));
}

void Dashboard::updateStatusChart()
{
    QList<JobStatus> statuses;
    for (int row = 0; row < OrderSummaryModel::kStatusCount; ++row) {
        const JobStatus status = OrderSummaryModel::statusOfRow(row);
        if (status != JobStatus::Unknown || m_summary.count(status) > 0)
            statuses.append(status);
    }
    m_shownStatuses = statuses;

    // Horizontal bar categories run bottom-up, so the list is reversed to read top-down in
    // the order a print goes through. Each status is its own set (one colour each) with its
    // count in its own category and zero elsewhere; stacked, that is one bar per row.
    const int n = int(statuses.size());
    QStringList categories;
    for (int i = n - 1; i >= 0; --i) {
        const JobStatus status = statuses.at(i);
        //: A bar of the "orders by status" chart: the status and its number of orders
        categories.append(tr("%1 (%2)").arg(statusLabel(status)).arg(m_summary.count(status)));
    }
    m_statusSeries->clear();
    int largest = 0;
    QStringList description;
    for (int i = 0; i < n; ++i) {
        const JobStatus status = statuses.at(i);
        const int count = m_summary.count(status);
        largest = std::max(largest, count);
        auto *set = new QBarSet(statusLabel(status));
        for (int c = 0; c < n; ++c)
            set->append(c == n - 1 - i ? count : 0);
        m_statusSeries->append(set);
        description.append(tr("%1: %2").arg(statusLabel(status)).arg(count));
    }
    m_statusAxis->setCategories(categories);
    setCountRange(m_countAxis, largest);
    m_statusView->setAccessibleDescription(description.join(u", "_s));
    if (m_statusCursor >= n)
        m_statusCursor = n - 1;
    applyPalette();
    highlightBars();
}

void Dashboard::updatePerDayChart()
{
    // The period's days (its last kMaxDays); "all" shows the last kDays days.
    QDate last = m_summary.rangeLast().isValid() ? m_summary.rangeLast() : referenceDate();
    int count = kDays;
    if (m_summary.rangeFirst().isValid())
        count = int(std::clamp<qint64>(m_summary.rangeFirst().daysTo(last) + 1, 1, kMaxDays));
    const QList<DaySummary> days = m_summary.printsPerDay(count, last);
    const QLocale locale;
    QStringList categories;
    QList<qreal> successes;
    QList<qreal> failures;
    m_days.clear();
    int largest = 0;
    for (const DaySummary &day : days) {
        m_days.append(day.day);
        // Day of the month, with the month where it starts and on the first bar.
        const bool withMonth = categories.isEmpty() || day.day.day() == 1;
        categories.append(locale.toString(day.day, withMonth ? u"d MMM"_s : u"d"_s));
        successes.append(day.successes);
        failures.append(day.failures);
        largest = std::max(largest, day.successes + day.failures);
    }
    m_successSet->remove(0, m_successSet->count());
    m_failureSet->remove(0, m_failureSet->count());
    m_successSet->append(successes);
    m_failureSet->append(failures);
    m_dayAxis->setCategories(categories);
    setCountRange(m_perDayAxis, largest);
    int totalSuccesses = 0;
    int totalFailures = 0;
    for (const DaySummary &day : days) {
        totalSuccesses += day.successes;
        totalFailures += day.failures;
    }
    m_perDayView->setAccessibleDescription(tr("Over %1 days: %2 prints succeeded, %3 failed")
                                               .arg(days.size())
                                               .arg(totalSuccesses)
                                               .arg(totalFailures));
    if (m_perDayTitle) {
        const QLocale locale;
        m_perDayTitle->setText(
            days.size() == 1
                ? tr("Prints on %1").arg(locale.toString(days.first().day, QLocale::ShortFormat))
                : tr("Prints per day, %1 to %2")
                      .arg(locale.toString(days.first().day, QLocale::ShortFormat),
                           locale.toString(days.last().day, QLocale::ShortFormat)));
    }
    if (m_dayCursor >= days.size())
        m_dayCursor = int(days.size()) - 1;
    highlightBars();
}

void Dashboard::applyPalette()
{
    const QPalette pal = palette();
    const QColor base = pal.color(QPalette::Base);
    const QColor text = pal.color(QPalette::Text);
    const QColor grid = withAlpha(text, 0.12f);
    const QColor axisLine = withAlpha(text, 0.35f);
    for (QChartView *view : {m_statusView, m_perDayView}) {
        if (!view)
            continue;
        QChart *chart = view->chart();
        chart->setBackgroundBrush(base);
        chart->setBackgroundPen(Qt::NoPen);
        chart->setPlotAreaBackgroundVisible(false);
        chart->legend()->setLabelColor(text);
        chart->legend()->setFont(font());
        view->setBackgroundBrush(base);
        const QList<QAbstractAxis *> axes = chart->axes();
        for (QAbstractAxis *axis : axes) {
            axis->setLabelsBrush(text);
            axis->setLabelsFont(font());
            axis->setGridLineColor(grid);
            axis->setLinePenColor(axisLine);
            axis->setShadesVisible(false);
        }
    }
    if (m_statusSeries) {
        const QList<QBarSet *> sets = m_statusSeries->barSets();
        for (qsizetype i = 0; i < sets.size() && i < m_shownStatuses.size(); ++i) {
            const QColor fill = statusColor(m_shownStatuses.at(i));
            sets.at(i)->setColor(fill);
            sets.at(i)->setBorderColor(borderFor(fill, pal));
        }
        // Category lines add nothing between the bars; the counts keep their grid.
        m_statusAxis->setGridLineVisible(false);
    }
    if (m_successSet) {
        const QColor success = statusColor(JobStatus::Success);
        const QColor failure = statusColor(JobStatus::Failure);
        m_successSet->setColor(success);
        m_successSet->setBorderColor(borderFor(success, pal));
        m_failureSet->setColor(failure);
        m_failureSet->setBorderColor(borderFor(failure, pal));
        m_dayAxis->setGridLineVisible(false);
    }
}

void Dashboard::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::FontChange)
        applyPalette();
}

} // namespace pc

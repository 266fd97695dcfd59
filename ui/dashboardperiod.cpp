// Dashboard, continued: the period the figures count, the revenue per currency, the CSV export
// of the period's orders, and choosing a bar with the keyboard.
#include "dashboard.h"

#include "ordersummarymodel.h"
#include "ordertablemodel.h"
#include "uilogging.h"

#include "orders/displayformat.h"
#include "orders/ordercsv.h"

#include <QBarSet>
#include <QChartView>
#include <QComboBox>
#include <QDateEdit>
#include <QDir>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHorizontalStackedBarSeries>
#include <QKeyEvent>
#include <QLabel>
#include <QPushButton>
#include <QSaveFile>
#include <QStackedBarSeries>
#include <QStandardPaths>
#include <QTextDocumentFragment>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace pc {

QWidget *Dashboard::createPeriodBar()
{
    auto *bar = new QWidget(this);
    bar->setObjectName(u"dashboardPeriodBar"_s);
    m_period = new QComboBox(bar);
    m_period->setObjectName(u"dashboardPeriod"_s);
    m_period->setAccessibleName(tr("Period of the figures"));
    m_period->addItem(tr("Today"), int(Today));
    m_period->addItem(tr("Last 7 days"), int(Last7Days));
    m_period->addItem(tr("Last 30 days"), int(Last30Days));
    m_period->addItem(tr("All time"), int(AllTime));
    m_period->addItem(tr("Custom dates"), int(Custom));
    m_period->setCurrentIndex(m_period->findData(int(AllTime)));
    auto *label = new QLabel(tr("Perio&d:"), bar);
    label->setBuddy(m_period);

    m_firstDay = new QDateEdit(bar);
    m_firstDay->setObjectName(u"dashboardFirstDay"_s);
    m_firstDay->setAccessibleName(tr("First day"));
    m_firstDay->setCalendarPopup(true);
    m_lastDay = new QDateEdit(bar);
    m_lastDay->setObjectName(u"dashboardLastDay"_s);
    m_lastDay->setAccessibleName(tr("Last day"));
    m_lastDay->setCalendarPopup(true);
    const QDate today = QDate::currentDate();
    m_firstDay->setDate(today.addDays(-29));
    m_lastDay->setDate(today);
    auto *to = new QLabel(tr("to"), bar);
    for (QWidget *custom : {static_cast<QWidget *>(m_firstDay), static_cast<QWidget *>(to),
                            static_cast<QWidget *>(m_lastDay)})
        custom->setVisible(false);
    m_firstDay->setProperty("pcToLabel", QVariant::fromValue<QObject *>(to));

    m_exportButton = new QPushButton(tr("E&xport Orders as CSV\u2026"), bar);
    m_exportButton->setObjectName(u"dashboardExport"_s);
    m_exportButton->setToolTip(tr("Save every order of the period, archived ones included, as "
                                  "a CSV file for a spreadsheet"));
    connect(m_exportButton, &QPushButton::clicked, this, [this] { exportOrders(); });

    connect(m_period, &QComboBox::currentIndexChanged, this, &Dashboard::onPeriodChanged);
    connect(m_firstDay, &QDateEdit::dateChanged, this, &Dashboard::applyRange);
    connect(m_lastDay, &QDateEdit::dateChanged, this, &Dashboard::applyRange);

    auto *layout = new QHBoxLayout(bar);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(8);
    layout->addWidget(label);
    layout->addWidget(m_period);
    layout->addWidget(m_firstDay);
    layout->addWidget(to);
    layout->addWidget(m_lastDay);
    layout->addStretch(1);
    layout->addWidget(m_exportButton);
    return bar;
}

QWidget *Dashboard::createRevenue()
{
    auto *box = new QWidget(this);
    m_revenue = new QLabel(box);
    m_revenue->setObjectName(u"revenueLines"_s);
    m_revenue->setTextFormat(Qt::PlainText);
    m_revenue->setWordWrap(true);
    m_revenue->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont font = m_revenue->font();
    font.setPointSizeF(font.pointSizeF() * 1.25);
    m_revenue->setFont(font);
    auto *note = new QLabel(tr("Each currency on its own line; amounts in different currencies "
                               "are never added up."),
                            box);
    note->setWordWrap(true);
    QPalette muted = note->palette();
    muted.setColor(QPalette::WindowText, muted.color(QPalette::PlaceholderText));
    note->setPalette(muted);
    auto *layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_revenue);
    layout->addStretch(1);
    layout->addWidget(note);
    return box;
}

void Dashboard::setPeriod(Period period)
{
    m_period->setCurrentIndex(m_period->findData(int(period)));
}

Dashboard::Period Dashboard::period() const
{
    return Period(m_period->currentData().toInt());
}

void Dashboard::setCustomRange(QDate first, QDate last)
{
    const QSignalBlocker blockFirst(m_firstDay);
    const QSignalBlocker blockLast(m_lastDay);
    m_firstDay->setDate(first);
    m_lastDay->setDate(last);
    applyRange();
}

void Dashboard::onPeriodChanged()
{
    const bool custom = period() == Custom;
    m_firstDay->setVisible(custom);
    m_lastDay->setVisible(custom);
    if (auto *to = qobject_cast<QWidget *>(m_firstDay->property("pcToLabel").value<QObject *>()))
        to->setVisible(custom);
    applyRange();
}

void Dashboard::applyRange()
{
    if (!m_period)
        return;
    const QDate today = referenceDate();
    QDate first;
    QDate last;
    switch (period()) {
    case Today:
        first = last = today;
        break;
    case Last7Days:
        first = today.addDays(-6);
        last = today;
        break;
    case Last30Days:
        first = today.addDays(-29);
        last = today;
        break;
    case AllTime:
        break;
    case Custom:
        first = std::min(m_firstDay->date(), m_lastDay->date());
        last = std::max(m_firstDay->date(), m_lastDay->date());
        break;
    }
    m_summary.setDateRange(first, last);
    // The summary says so when its figures changed; the per-day axis follows the range even
    // when they did not.
    updatePerDayChart();
}

void Dashboard::updateRevenue()
{
    const QList<CurrencyRevenue> &revenue = m_summary.revenue();
    if (revenue.isEmpty()) {
        m_revenue->setText(tr("No orders in this period."));
        return;
    }
    QStringList lines;
    for (const CurrencyRevenue &money : revenue) {
        const QString amount = money.currency.isEmpty()
                                   ? tr("%1 (no currency)").arg(money.total.toString())
                                   : formatMoney(money.total, money.currency);
        //: Revenue of one currency: the amount and its number of orders ("label: figure" needs
        //: no plural forms)
        lines << tr("%1 (orders: %2)").arg(amount).arg(money.orders);
    }
    m_revenue->setText(lines.join(u'\n'));
}

QString Dashboard::totalsText() const
{
    return QTextDocumentFragment::fromHtml(m_rateTotals->text()).toPlainText();
}

QStringList Dashboard::revenueLines() const
{
    return m_revenue->text().split(u'\n');
}

void Dashboard::setFileNameProvider(FileNameProvider provider)
{
    m_fileNameProvider = std::move(provider);
}

void Dashboard::setErrorReporter(ErrorReporter reporter)
{
    m_errorReporter = std::move(reporter);
}

bool Dashboard::exportOrders()
{
    const QList<Order> orders = m_summary.ordersInRange();
    if (orders.isEmpty()) {
        if (m_errorReporter)
            m_errorReporter(tr("Nothing to Export"),
                            tr("No order was created in this period. Choose a longer period, "
                               "or “All time”, and export again."));
        return false;
    }
    if (!m_fileNameProvider)
        return false;
    QString folder = m_lastExportFolder;
    if (folder.isEmpty() || !QFileInfo(folder).isDir())
        folder = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    if (folder.isEmpty())
        folder = QDir::homePath();
    const QDate first = m_summary.rangeFirst();
    const QDate last = m_summary.rangeLast();
    const QString name =
        first.isValid()
            ? tr("orders-%1-to-%2.csv").arg(first.toString(Qt::ISODate), last.toString(Qt::ISODate))
            : tr("orders-%1.csv").arg(referenceDate().toString(Qt::ISODate));
    QString path = m_fileNameProvider(QDir(folder).filePath(name));
    if (path.isEmpty())
        return false;
    if (QFileInfo(path).suffix().isEmpty())
        path += u".csv"_s;
    // QSaveFile: a failed export never leaves half a file in place of an earlier one.
    QSaveFile file(path);
    const QByteArray csv = ordersToCsv(orders);
    if (!file.open(QIODevice::WriteOnly) || file.write(csv) != csv.size() || !file.commit()) {
        qCInfo(lcUi).noquote() << "dashboard export failed:" << path << file.errorString();
        if (m_errorReporter)
            m_errorReporter(tr("Export Failed"),
                            tr("The orders could not be saved as %1 (the system said: %2). "
                               "Choose another folder, or free some disk space, and export "
                               "again.")
                                .arg(QDir::toNativeSeparators(path), file.errorString()));
        return false;
    }
    m_lastExportFolder = QFileInfo(path).absolutePath();
    Q_EMIT statusMessage(
        tr("Exported %1 orders to %2").arg(orders.size()).arg(QDir::toNativeSeparators(path)));
    return true;
}

void Dashboard::activateStatusBar(int index)
{
    if (index < 0 || index >= m_shownStatuses.size())
        return;
    Q_EMIT statusActivated(m_shownStatuses.at(index));
}

void Dashboard::activateDayBar(int index)
{
    if (index < 0 || index >= m_days.size())
        return;
    Q_EMIT dayActivated(m_days.at(index));
}

void Dashboard::highlightBars()
{
    // The bar the keyboard is on is drawn in the highlight colour while its chart has the
    // focus.
    const QColor selected = palette().color(QPalette::Highlight);
    if (m_statusSeries) {
        const QList<QBarSet *> sets = m_statusSeries->barSets();
        const int n = int(sets.size());
        for (int i = 0; i < n; ++i) {
            QBarSet *set = sets.at(i);
            set->setSelectedColor(selected);
            set->deselectAllBars();
            // Categories run bottom-up: set i has its bar in category n - 1 - i.
            if (i == m_statusCursor && m_statusView->hasFocus())
                set->selectBar(n - 1 - i);
        }
    }
    for (QBarSet *set : {m_successSet, m_failureSet}) {
        if (!set)
            continue;
        set->setSelectedColor(selected);
        set->deselectAllBars();
        if (m_dayCursor >= 0 && m_dayCursor < set->count() && m_perDayView->hasFocus())
            set->selectBar(m_dayCursor);
    }
}

bool Dashboard::eventFilter(QObject *watched, QEvent *event)
{
    const bool status = watched == m_statusView;
    const bool day = watched == m_perDayView;
    if (!status && !day)
        return QWidget::eventFilter(watched, event);
    if (event->type() == QEvent::FocusIn || event->type() == QEvent::FocusOut) {
        if (event->type() == QEvent::FocusIn) {
            int &cursor = status ? m_statusCursor : m_dayCursor;
            if (cursor < 0)
                cursor = status ? 0 : int(m_days.size()) - 1;
        }
        highlightBars();
        return false;
    }
    if (event->type() != QEvent::KeyPress)
        return false;
    auto *key = static_cast<QKeyEvent *>(event);
    int &cursor = status ? m_statusCursor : m_dayCursor;
    const int count = status ? int(m_shownStatuses.size()) : int(m_days.size());
    if (count == 0)
        return false;
    // Status bars run top to bottom, days left to right.
    const int back = status ? Qt::Key_Up : Qt::Key_Left;
    const int forward = status ? Qt::Key_Down : Qt::Key_Right;
    if (key->key() == back || key->key() == forward) {
        cursor = std::clamp(cursor + (key->key() == forward ? 1 : -1), 0, count - 1);
        highlightBars();
        return true;
    }
    if (key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter ||
        key->key() == Qt::Key_Space) {
        if (status)
            activateStatusBar(cursor);
        else
            activateDayBar(cursor);
        return true;
    }
    return false;
}

} // namespace pc

// QueuePanel's messages: skipped files, possible duplicates, a store that could not save,
// the outcome of an edit, and the queue totals for the status bar.

#include "queuepanel.h"

#include "queuenotice.h"

#include "orders/uploadqueue.h"
#include "uploadqueuemodel.h"

#include <QFileInfo>
#include <QPushButton>
#include <QTreeWidget>

using namespace Qt::StringLiterals;

namespace pc {

void QueuePanel::createNotices()
{
    m_storeNotice = new QueueNotice(QueueNotice::Kind::Error, u"queueStoreNotice"_s, this);
    m_storeNotice->setTitle(tr("A change could not be saved"));
    QPushButton *resume = m_storeNotice->addButton(tr("R&esume the queue"));
    resume->setObjectName(u"storeResume"_s);
    connect(resume, &QPushButton::clicked, this, [this] {
        m_queue.resumeAll(); // also lifts the hold on new work
        m_storeNotice->dismiss();
    });

    m_duplicateNotice =
        new QueueNotice(QueueNotice::Kind::Warning, u"queueDuplicateNotice"_s, this);
    m_duplicateNotice->setTitle(tr("Possible duplicate orders"));
    m_duplicateNotice->setText(
        tr("The same file for the same receiver is queued or was sent before. Remove the "
           "extra row, or keep it if the customer bought the design twice. Double-click a "
           "line to select its row."));
    m_duplicateNotice->setDetailHeaders(tr("Queue row"), tr("Same file and receiver as"));
    connect(
        m_duplicateNotice->details(), &QTreeWidget::itemActivated, this,
        [this](QTreeWidgetItem *item) { selectItem(item->data(0, Qt::UserRole).toLongLong()); });

    m_skippedNotice = new QueueNotice(QueueNotice::Kind::Warning, u"queueSkippedNotice"_s, this);
    m_skippedNotice->setDetailHeaders(tr("File"), tr("Why it was skipped"));
    connect(m_skippedNotice, &QueueNotice::dismissed, this, [this] { m_skipped.clear(); });

    m_editNotice = new QueueNotice(QueueNotice::Kind::Info, u"queueEditNotice"_s, this);
}

void QueuePanel::showSkipped(const QList<SkippedFile> &skipped)
{
    if (skipped.isEmpty())
        return;
    for (const SkippedFile &file : skipped) {
        m_skipped.append(file);
        const QFileInfo info(file.path);
        m_skippedNotice->addDetail(info.fileName().isEmpty() ? file.path : info.fileName(),
                                   file.reason, file.path);
    }
    const int count = int(m_skipped.size());
    m_skippedNotice->setTitle(tr("%n dropped file(s) not queued", nullptr, count));
    m_skippedNotice->setText(tr("Only STL files (.stl) that can be read are uploaded. Fix the "
                                "files listed below and drop them again if they should be."));
    m_skippedNotice->show();
}

void QueuePanel::showDuplicate(qint64 id, const QString &other)
{
    const std::optional<QueueItem> item = m_queue.item(id);
    const QString name = item ? item->fileName : QString();
    //: A queue row in the duplicate list: %1 is the file name, %2 the receiver
    const QString row = item ? tr("\u201c%1\u201d for %2").arg(name, item->receiverEmail)
                             : tr("Queue item %1").arg(id);
    QTreeWidgetItem *line =
        m_duplicateNotice->addDetail(row, other, item ? item->sourcePath : QString());
    line->setData(0, Qt::UserRole, id);
    m_duplicateNotice->show();
}

void QueuePanel::showStoreError(const QString &message)
{
    m_storeNotice->setText(
        tr("%1\nThe queue starts no new uploads until you resume it, or for 30 seconds.")
            .arg(message));
    m_storeNotice->show();
    updateActions(); // "Resume all" also lifts the hold
}

void QueuePanel::showEditOutcome(const QString &title, const QString &text, bool warning)
{
    m_editNotice->setKind(warning ? QueueNotice::Kind::Warning : QueueNotice::Kind::Info);
    m_editNotice->setTitle(title);
    m_editNotice->setText(text);
    m_editNotice->show();
}

// --- totals ------------------------------------------------------------------------------

QString QueuePanel::summary() const
{
    return m_summary;
}

void QueuePanel::updateSummary()
{
    int uploading = 0;
    int waiting = 0;
    int paused = 0;
    int failed = 0;
    int done = 0;
    int needDetails = 0;
    QStringList needDetailsNames;
    const int total = m_model.rowCount();
    for (int row = 0; row < total; ++row) {
        const QueueItem *item = m_model.itemAt(row);
        switch (item->state) {
        case QueueState::CreatingToken:
        case QueueState::Uploading:
            ++uploading;
            break;
        case QueueState::Queued:
        case QueueState::Validating:
        case QueueState::Ready:
            ++waiting;
            break;
        case QueueState::Paused:
            ++paused;
            break;
        case QueueState::Failed:
        case QueueState::NeedsAttention:
            ++failed;
            break;
        case QueueState::Done:
        case QueueState::Cancelled:
            ++done;
            break;
        case QueueState::AwaitingDetails:
            ++needDetails;
            needDetailsNames << (item->fileName.isEmpty() ? QFileInfo(item->sourcePath).fileName()
                                                          : item->fileName);
            break;
        }
    }
    QStringList parts;
    if (needDetails) {
        // Which files wait, by name: a count alone leaves the user searching the rows.
        constexpr int kNamed = 3;
        QStringList named = needDetailsNames.mid(0, kNamed);
        if (needDetails > kNamed)
            named << tr("and %n more", nullptr, needDetails - kNamed);
        //: Queue totals: %1 names the files that wait ("a.stl, b.stl and 2 more")
        parts << tr("%n waiting for order details (%1)", nullptr, needDetails)
                     .arg(named.join(tr(", ")));
    }
    if (uploading)
        parts << tr("%n uploading", nullptr, uploading);
    if (waiting)
        parts << tr("%n waiting", nullptr, waiting);
    if (paused)
        parts << tr("%n paused", nullptr, paused);
    if (failed)
        parts << tr("%n failed", nullptr, failed);
    if (done)
        parts << tr("%n finished", nullptr, done);
    //: Queue totals for the status bar: %1 is the count, %2 the list of states
    const QString text =
        total == 0 ? tr("Upload queue empty")
                   : tr("%n in the upload queue: %1", nullptr, total).arg(parts.join(tr(", ")));
    if (text != m_summary) {
        m_summary = text;
        Q_EMIT summaryChanged(m_summary);
    }
}

} // namespace pc

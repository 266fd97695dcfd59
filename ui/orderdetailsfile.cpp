// OrderDetails, continued: the uploaded file's preview. The file is read off the GUI thread,
// and only when it is still the file that was uploaded (same size).

#include "orderdetails.h"

#include "uilogging.h"

#include "orders/displayformat.h"
#include "stl/inspectiontask.h"

#include <QDir>
#include <QFileInfo>
#include <QFormLayout>
#include <QIcon>
#include <QLabel>

using namespace Qt::StringLiterals;

namespace pc {

namespace {

constexpr int kMaxCachedFiles = 24;

} // namespace

QString OrderDetails::cacheKey(const QString &path) const
{
    const QFileInfo info(path);
    return u"%1|%2|%3"_s.arg(info.absoluteFilePath())
        .arg(info.size())
        .arg(info.lastModified().toMSecsSinceEpoch());
}

void OrderDetails::startFile(const QString &sourcePath, qint64 expectedSize)
{
    delete m_task;
    m_thumbnail = QImage();
    if (sourcePath.isEmpty()) {
        setFileState(FileState::NoSource, tr("The uploaded file is not known on this computer, "
                                             "so there is no preview."));
        return;
    }
    const QFileInfo info(sourcePath);
    const QString where = QDir::toNativeSeparators(sourcePath);
    if (!info.isFile()) {
        setFileState(FileState::Missing,
                     tr("The file is no longer at %1, so there is no preview.").arg(where));
        return;
    }
    if (expectedSize > 0 && info.size() != expectedSize) {
        setFileState(FileState::Changed, tr("The file at %1 has changed since it was uploaded, "
                                            "so it is not shown here.")
                                             .arg(where));
        return;
    }
    const QString key = cacheKey(sourcePath);
    if (const auto cached = m_cache.constFind(key); cached != m_cache.cend()) {
        showFacts(*cached);
        return;
    }
    setFileState(FileState::Inspecting, tr("Reading %1\u2026").arg(where));
    const int side = int(kThumbnailSide * devicePixelRatioF());
    auto *task = new stl::InspectionTask({sourcePath, false, QSize(side, side)}, this);
    m_task = task;
    connect(task, &stl::InspectionTask::finished, this,
            [this, task, key](const stl::InspectionReport &report, const QImage &thumbnail) {
                task->deleteLater();
                onInspected(key, report, thumbnail);
            });
    task->start();
}

void OrderDetails::onInspected(const QString &key, const stl::InspectionReport &report,
                               const QImage &thumbnail)
{
    if (report.cancelled)
        return;
    FileFacts facts;
    facts.ok = report.ok;
    facts.error = report.error;
    facts.triangles = report.triangles;
    facts.dimensions = report.dimensions;
    facts.thumbnail = thumbnail;
    // A small cache: emptied when full, which is simple and rarely noticeable.
    if (m_cache.size() >= kMaxCachedFiles)
        m_cache.clear();
    m_cache.insert(key, facts);
    if (!facts.ok)
        qCInfo(lcUi) << "details: cannot read" << key << facts.error;
    showFacts(facts);
}

void OrderDetails::showFacts(const FileFacts &facts)
{
    if (!facts.ok) {
        setFileState(FileState::Unreadable,
                     tr("The file could not be read for a preview: %1").arg(facts.error));
        return;
    }
    const QLocale locale;
    m_triangles->setText(locale.toString(facts.triangles));
    m_dimensions->setText(formatDimensions(facts.dimensions, locale));
    m_thumbnail = facts.thumbnail;
    setFileState(FileState::Inspected,
                 tr("Preview of the file at %1.").arg(QDir::toNativeSeparators(m_sourcePath)));
}

void OrderDetails::setFileState(FileState state, const QString &text)
{
    m_fileState = state;
    m_fileStateText->setText(text);
    m_form->setRowVisible(m_triangles, state == FileState::Inspected);
    m_form->setRowVisible(m_dimensions, state == FileState::Inspected);
    const qreal ratio = devicePixelRatioF();
    if (state == FileState::Inspected && !m_thumbnail.isNull()) {
        QPixmap pixmap = QPixmap::fromImage(m_thumbnail);
        pixmap.setDevicePixelRatio(ratio);
        m_thumbnailLabel->setPixmap(pixmap);
        m_thumbnailLabel->setToolTip(m_order ? m_order->fileName : QString());
    } else {
        // Without a preview the frame shows why, in the same spot: a dashed model.
        m_thumbnailLabel->setPixmap(
            QIcon(u":/icons/orders-no-file.svg"_s).pixmap(QSize(56, 56), ratio));
        m_thumbnailLabel->setToolTip(text);
    }
    if (state != FileState::Inspecting)
        Q_EMIT fileStateChanged(state);
}

} // namespace pc

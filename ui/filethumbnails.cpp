#include "filethumbnails.h"

#include "uilogging.h"

#include "stl/meshchecks.h"
#include "stl/stlinspector.h"
#include "stl/thumbnailfile.h"

#include <QFileInfo>
#include <QImage>
#include <QMetaObject>
#include <QThread>

#include <algorithm>
#include <limits>

namespace pc {

namespace {

// Runs on a worker thread: stat and inspection, without the thumbnail.
FileFacts inspect(const QString &path, const std::atomic<bool> *cancel)
{
    FileFacts facts;
    const QFileInfo info(path);
    if (!info.exists()) {
        facts.status = FileFacts::Status::Unusable;
        facts.error = FileThumbnails::tr("The file is not there any more.");
        return facts;
    }
    facts.modified = info.lastModified().toUTC();
    facts.fileSize = info.size();
    if (!info.isReadable()) {
        facts.status = FileFacts::Status::Unusable;
        facts.error = FileThumbnails::tr("The file cannot be read (no permission).");
        return facts;
    }
    stl::InspectOptions options;
    options.cancel = cancel;
    const stl::InspectionReport report = stl::inspectFile(path, options);
    if (!report.ok) {
        facts.status = FileFacts::Status::Unusable;
        facts.error = report.error;
        return facts;
    }
    facts.status = FileFacts::Status::Ready;
    facts.triangles = report.triangles;
    facts.dimensions = report.dimensions;
    facts.likelyMillimetresPerUnit = stl::likelyMillimetresPerUnit(
        report.unitsHint, *std::max_element(report.dimensions.cbegin(), report.dimensions.cend()));
    facts.warnings = report.warnings;
    return facts;
}

// Runs on a worker thread: the picture of a file the inspection found usable.
QImage draw(const QString &path, const std::atomic<bool> *cancel)
{
    stl::ThumbnailOptions options;
    const int side = FileThumbnails::kThumbnailSize * FileThumbnails::kRenderScale;
    options.size = QSize(side, side);
    options.cancel = cancel;
    return stl::renderFileThumbnail(path, options);
}

} // namespace

FileThumbnails::FileThumbnails(QObject *parent)
    : QObject(parent)
    , m_cancel(std::make_shared<std::atomic<bool>>(false))
{
    // A nicety: half the cores at most for the metrics and one for the pictures, so uploads
    // and the queue's own checks keep theirs.
    m_metricsPool.setMaxThreadCount(std::max(1, QThread::idealThreadCount() / 2));
    m_metricsPool.setObjectName(QStringLiteral("FileFacts"));
    m_thumbnailPool.setMaxThreadCount(1);
    m_thumbnailPool.setObjectName(QStringLiteral("FileThumbnails"));
}

FileThumbnails::~FileThumbnails()
{
    // The workers post back to `this`: stop them before anything of ours goes away.
    m_cancel->store(true);
    m_metricsPool.clear();
    m_thumbnailPool.clear();
    m_metricsPool.waitForDone();
    m_thumbnailPool.waitForDone();
}

const FileFacts *FileThumbnails::facts(const QString &path, const QDateTime &expectedModified)
{
    request(path, expectedModified);
    const auto found = m_cache.constFind(path);
    return found == m_cache.constEnd() ? nullptr : &found.value();
}

void FileThumbnails::request(const QString &path, const QDateTime &expectedModified)
{
    if (path.isEmpty() || m_running.contains(path))
        return;
    const auto found = m_cache.constFind(path);
    if (found != m_cache.constEnd()) {
        // A valid mtime that differs means the file changed since one of us looked at it.
        // Inspect again, but once per mtime the caller names: a file changed after the
        // queue checked it keeps differing, and must not be inspected on every paint.
        const QDateTime expected = expectedModified.toUTC();
        const bool stale = expected.isValid() && found->modified.isValid() &&
                           found->modified != expected && m_inspectedFor.value(path) != expected;
        if (!stale)
            return;
        m_inspectedFor.insert(path, expected);
    }
    start(path);
}

void FileThumbnails::refresh(const QString &path)
{
    // Results still in flight are ignored.
    m_running.remove(path);
    m_drawing.remove(path);
    start(path);
}

int FileThumbnails::pendingCount() const
{
    int count = int(m_running.size());
    for (auto it = m_drawing.cbegin(); it != m_drawing.cend(); ++it)
        count += !m_running.contains(it.key());
    return count;
}

void FileThumbnails::setBeforeWork(std::function<void(Work, const QString &)> hook)
{
    m_beforeWork =
        hook ? std::make_shared<const std::function<void(Work, const QString &)>>(std::move(hook))
             : nullptr;
}

int FileThumbnails::priorityNow()
{
    if (!m_burstOpen) {
        m_burstOpen = true;
        if (m_priority < std::numeric_limits<int>::max())
            ++m_priority;
        QMetaObject::invokeMethod(
            this, [this] { m_burstOpen = false; }, Qt::QueuedConnection);
    }
    return m_priority;
}

void FileThumbnails::start(const QString &path)
{
    const quint64 generation = ++m_generation;
    m_running.insert(path, generation);
    if (!m_cache.contains(path))
        m_cache.insert(path, FileFacts{});
    m_metricsPool.start(
        [this, path, generation, cancel = m_cancel, hook = m_beforeWork] {
            if (hook)
                (*hook)(Work::Metrics, path);
            FileFacts result = inspect(path, cancel.get());
            if (cancel->load())
                return;
            // The pool is drained before `this` is destroyed, so the post always has a
            // receiver.
            QMetaObject::invokeMethod(
                this,
                [this, path, generation, result = std::move(result)] {
                    finishMetrics(path, generation, result);
                },
                Qt::QueuedConnection);
        },
        priorityNow());
}

void FileThumbnails::finishMetrics(const QString &path, quint64 generation, FileFacts facts)
{
    if (m_running.value(path) != generation)
        return; // superseded by a refresh
    m_running.remove(path);
    if (facts.status == FileFacts::Status::Ready) {
        // The picture of the file as it was shows until the new one is drawn.
        const auto previous = m_cache.constFind(path);
        if (previous != m_cache.constEnd())
            facts.thumbnail = previous->thumbnail;
        m_drawing.insert(path, generation);
        m_thumbnailPool.start(
            [this, path, generation, cancel = m_cancel, hook = m_beforeWork] {
                if (hook)
                    (*hook)(Work::Thumbnail, path);
                const QImage image = cancel->load() ? QImage() : draw(path, cancel.get());
                if (cancel->load())
                    return;
                QMetaObject::invokeMethod(
                    this,
                    [this, path, generation, image] { finishThumbnail(path, generation, image); },
                    Qt::QueuedConnection);
            },
            priorityNow());
    } else {
        qCDebug(lcUi) << "no thumbnail for" << path << ":" << facts.error;
    }
    m_cache.insert(path, std::move(facts));
    trim();
    Q_EMIT factsChanged(path);
}

void FileThumbnails::finishThumbnail(const QString &path, quint64 generation, const QImage &image)
{
    if (m_drawing.value(path) != generation)
        return; // superseded by a refresh
    m_drawing.remove(path);
    const auto found = m_cache.find(path);
    if (found == m_cache.end() || found->status != FileFacts::Status::Ready)
        return;
    if (image.isNull()) {
        found->thumbnail = {};
    } else {
        found->thumbnail = QPixmap::fromImage(image);
        found->thumbnail.setDevicePixelRatio(kRenderScale);
    }
    Q_EMIT factsChanged(path);
}

void FileThumbnails::trim()
{
    // A day of drops stays far below the limit; this only bounds a pathological session.
    for (auto it = m_cache.begin(); m_cache.size() > kMaxEntries && it != m_cache.end();) {
        if (m_running.contains(it.key()) || m_drawing.contains(it.key())) {
            ++it;
        } else {
            m_inspectedFor.remove(it.key());
            it = m_cache.erase(it);
        }
    }
}

} // namespace pc

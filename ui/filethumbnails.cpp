#include "filethumbnails.h"

#include "uilogging.h"

#include "stl/meshchecks.h"
#include "stl/stlinspector.h"
#include "stl/thumbnailrenderer.h"

#include <QFileInfo>
#include <QImage>
#include <QMetaObject>
#include <QThread>

#include <algorithm>

namespace pc {

namespace {

// Runs on a worker thread: stat, inspection and thumbnail from one read of the file.
FileFacts inspect(const QString &path, const std::atomic<bool> *cancel, QImage *image)
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
    options.withFacets = [cancel, image](const stl::TriangleView &facets) {
        stl::ThumbnailOptions thumbnail;
        const int side = FileThumbnails::kThumbnailSize * FileThumbnails::kRenderScale;
        thumbnail.size = QSize(side, side);
        thumbnail.cancel = cancel;
        *image = stl::renderThumbnail(facets, thumbnail);
    };
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

} // namespace

FileThumbnails::FileThumbnails(QObject *parent)
    : QObject(parent)
    , m_cancel(std::make_shared<std::atomic<bool>>(false))
{
    // Thumbnails are a nicety: half the cores at most, so uploads and the queue's own
    // checks keep theirs.
    m_pool.setMaxThreadCount(std::max(1, QThread::idealThreadCount() / 2));
    m_pool.setObjectName(QStringLiteral("FileThumbnails"));
}

FileThumbnails::~FileThumbnails()
{
    // The workers post back to `this`: stop them before anything of ours goes away.
    m_cancel->store(true);
    m_pool.clear();
    m_pool.waitForDone();
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
    m_running.remove(path); // a result still in flight is ignored
    start(path);
}

void FileThumbnails::start(const QString &path)
{
    const quint64 generation = ++m_generation;
    m_running.insert(path, generation);
    if (!m_cache.contains(path))
        m_cache.insert(path, FileFacts{});
    m_pool.start([this, path, generation, cancel = m_cancel] {
        QImage image;
        FileFacts result = inspect(path, cancel.get(), &image);
        if (cancel->load())
            return;
        // The pool is drained before `this` is destroyed, so the post always has a receiver.
        QMetaObject::invokeMethod(
            this,
            [this, path, generation, result = std::move(result), image = std::move(image)] {
                finish(path, generation, result, image);
            },
            Qt::QueuedConnection);
    });
}

void FileThumbnails::finish(const QString &path, quint64 generation, FileFacts facts,
                            const QImage &image)
{
    if (m_running.value(path) != generation)
        return; // superseded by a refresh
    m_running.remove(path);
    if (!image.isNull()) {
        facts.thumbnail = QPixmap::fromImage(image);
        facts.thumbnail.setDevicePixelRatio(kRenderScale);
    }
    if (facts.status == FileFacts::Status::Unusable)
        qCDebug(lcUi) << "no thumbnail for" << path << ":" << facts.error;
    m_cache.insert(path, std::move(facts));
    trim();
    Q_EMIT factsChanged(path);
}

void FileThumbnails::trim()
{
    // A day of drops stays far below the limit; this only bounds a pathological session.
    for (auto it = m_cache.begin(); m_cache.size() > kMaxEntries && it != m_cache.end();) {
        if (m_running.contains(it.key())) {
            ++it;
        } else {
            m_inspectedFor.remove(it.key());
            it = m_cache.erase(it);
        }
    }
}

} // namespace pc

#pragma once

#include <QDateTime>
#include <QHash>
#include <QObject>
#include <QPixmap>
#include <QSize>
#include <QStringList>
#include <QThreadPool>

#include <array>
#include <atomic>
#include <functional>
#include <memory>

namespace pc {

// What the queue rows show about a file besides its name: a thumbnail and the metrics of
// the STL inspection (size, triangles, dimensions), computed on worker threads.
struct FileFacts
{
    enum class Status {
        Pending,  // being inspected (or waiting for a worker)
        Ready,    // a usable STL; the metrics are set
        Unusable, // not a usable STL, or unreadable: `error` says why
    };
    Status status = Status::Pending;
    QDateTime modified; // the file's mtime the facts belong to (UTC)
    qint64 fileSize = -1;
    quint64 triangles = 0;
    std::array<double, 3> dimensions{}; // bounding box x, y, z in file units (mm for STL)
    // Millimetres per file unit the design was most likely drawn in: 1 when its size looks
    // like millimetres, 25.4 when it is probably in inches, and so on (stl::UnitsHint).
    double likelyMillimetresPerUnit = 1.0;
    QStringList warnings; // mesh problems; the file stays usable
    QString error;
    QPixmap thumbnail; // device pixel ratio set; null while pending or when unusable
};

// A cache of FileFacts keyed by path and modification time. facts() never touches the disk
// on the calling (GUI) thread: a miss schedules work on small private pools (so the queue's
// own inspections on the global pool are not starved) and factsChanged() follows, once with
// the metrics and once more with the thumbnail. The metrics (size, triangles, dimensions)
// never wait behind a thumbnail: they have a pool of their own, and the files asked for
// last (a newer drop) come first in both pools. A file whose mtime differs from the one the
// caller expects is inspected again.
class FileThumbnails final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FileThumbnails)

public:
    // Logical size of the thumbnails; they are rendered at kRenderScale times that, so they
    // stay sharp on high-DPI screens.
    static constexpr int kThumbnailSize = 40;
    static constexpr int kRenderScale = 2;
    static constexpr int kMaxEntries = 2000;

    explicit FileThumbnails(QObject *parent = nullptr);
    ~FileThumbnails() override;

    // The cached facts of `path`, or nullptr before anything is known. `expectedModified`
    // (when valid) is the mtime the caller knows the file by: facts for another mtime are
    // still returned, and a fresh inspection is scheduled. The pointer is valid until the
    // event loop runs again.
    const FileFacts *facts(const QString &path, const QDateTime &expectedModified = {});
    // Schedules an inspection unless one is cached or running.
    void request(const QString &path, const QDateTime &expectedModified = {});
    // Forgets the facts of `path` and inspects it again.
    void refresh(const QString &path);
    // Files whose metrics or thumbnail are still being made.
    int pendingCount() const;
    // Files whose metrics are still being made (their thumbnails may be too).
    int metricsPendingCount() const { return int(m_running.size()); }

    enum class Work { Metrics, Thumbnail };
    // Called on the worker thread before each file's metrics are made or its thumbnail is
    // drawn: tests hold the work there to see what waits for what.
    void setBeforeWork(std::function<void(Work, const QString &path)> hook);

Q_SIGNALS:
    void factsChanged(const QString &path);

private:
    void start(const QString &path);
    void finishMetrics(const QString &path, quint64 generation, FileFacts facts);
    void finishThumbnail(const QString &path, quint64 generation, const QImage &image);
    // The pools' priority for work asked for now: one higher for each burst of requests
    // (those made before the event loop runs again, such as the rows of one drop).
    int priorityNow();
    void trim();

    QHash<QString, FileFacts> m_cache;
    QHash<QString, quint64> m_running;        // path -> generation of the metrics in flight
    QHash<QString, quint64> m_drawing;        // path -> generation of the thumbnail in flight
    QHash<QString, QDateTime> m_inspectedFor; // path -> the caller's mtime it was last redone for
    quint64 m_generation = 0;
    int m_priority = 0;
    bool m_burstOpen = false;
    std::shared_ptr<std::atomic<bool>> m_cancel;
    std::shared_ptr<const std::function<void(Work, const QString &)>> m_beforeWork;
    // Last: their destructors wait for the workers, which hold `this`.
    QThreadPool m_metricsPool;
    QThreadPool m_thumbnailPool;
};

} // namespace pc

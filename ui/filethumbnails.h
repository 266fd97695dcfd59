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
// on the calling (GUI) thread: a miss schedules an inspection on a small private pool (so the
// queue's own inspections on the global pool are not starved) and factsChanged() follows.
// A file whose mtime differs from the one the caller expects is inspected again.
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
    // Inspections scheduled or running.
    int pendingCount() const { return int(m_running.size()); }

Q_SIGNALS:
    void factsChanged(const QString &path);

private:
    void start(const QString &path);
    void finish(const QString &path, quint64 generation, FileFacts facts, const QImage &image);
    void trim();

    QHash<QString, FileFacts> m_cache;
    QHash<QString, quint64> m_running;        // path -> generation of the inspection in flight
    QHash<QString, QDateTime> m_inspectedFor; // path -> the caller's mtime it was last redone for
    quint64 m_generation = 0;
    std::shared_ptr<std::atomic<bool>> m_cancel;
    QThreadPool m_pool; // last: its destructor waits for the workers, which hold `this`
};

} // namespace pc

#pragma once

#include <QList>
#include <QObject>
#include <QStringList>
#include <QThreadPool>

#include <atomic>
#include <memory>

class QMimeData;

namespace pc {

// A dropped or chosen path the queue does not take, with the reason in words.
struct SkippedFile
{
    QString path;
    QString reason;

    friend bool operator==(const SkippedFile &, const SkippedFile &) = default;
};

struct DroppedFiles
{
    QStringList files; // absolute paths of readable *.stl files, in drop order, no repeats
    QList<SkippedFile> skipped;
};

// Sorts dropped paths into STL files to queue and files to skip. Folders are searched
// recursively (symbolic links followed, loops ignored) for files whose name ends in .stl in
// any case; every other file, an empty (0-byte) STL file too, is skipped with its reason, and a
// folder without any STL file is listed too, so nothing dropped disappears without a word.
// Blocking: call it on a worker thread. `cancel` (optional) stops it early.
DroppedFiles sortDroppedPaths(const QStringList &paths, const std::atomic<bool> *cancel = nullptr);

// The local paths of a drag's URLs; other URLs (web addresses) are added to `skipped`.
QStringList localPathsOf(const QMimeData *mime, QList<SkippedFile> *skipped);

// Runs sortDroppedPaths() off the GUI thread, one request after another so the files keep
// the order in which they were dropped.
class DropScanner final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DropScanner)

public:
    explicit DropScanner(QObject *parent = nullptr);
    ~DropScanner() override;

    void scan(const QStringList &paths);
    bool isBusy() const { return m_busy; }

Q_SIGNALS:
    void finished(const pc::DroppedFiles &result);

private:
    void startNext();

    QList<QStringList> m_waiting;
    bool m_busy = false;
    std::shared_ptr<std::atomic<bool>> m_cancel;
    QThreadPool m_pool; // last: drained before the rest of the object goes away
};

} // namespace pc

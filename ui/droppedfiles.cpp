#include "droppedfiles.h"

#include "common/undecodablenames.h"

#include <QDirIterator>
#include <QFileInfo>
#include <QMetaObject>
#include <QMimeData>
#include <QSet>
#include <QUrl>

using namespace Qt::StringLiterals;

namespace pc {

namespace {

QString undecodableReason()
{
    return DropScanner::tr("Its name is not valid UTF-8, so it cannot be opened. Rename it (for "
                           "example in the file manager) and drop it again.");
}

bool hasStlSuffix(const QFileInfo &info)
{
    return info.suffix().compare(u"stl"_s, Qt::CaseInsensitive) == 0;
}

class Sorter
{
public:
    explicit Sorter(const std::atomic<bool> *cancel)
        : m_cancel(cancel)
    {}

    bool cancelled() const { return m_cancel && m_cancel->load(); }

    // One file, dropped by itself or found in a folder. True when it is an STL file.
    bool take(const QFileInfo &info)
    {
        const QString path = info.absoluteFilePath();
        if (m_seen.contains(path))
            return hasStlSuffix(info);
        m_seen.insert(path);
        if (!info.isFile()) {
            skip(path, DropScanner::tr("Not a regular file."));
            return false;
        }
        if (!hasStlSuffix(info)) {
            skip(path, DropScanner::tr("Not an STL file: only files ending in .stl are uploaded."));
            return false;
        }
        if (!info.isReadable()) {
            skip(path,
                 DropScanner::tr("Cannot be read: you have no permission to read this file. Change "
                                 "its permissions and drop it again."));
            return true;
        }
        if (info.size() == 0) {
            skip(path, DropScanner::tr("Empty (0 bytes): it holds no design. Export or download "
                                       "the design again and drop the new file."));
            return true;
        }
        m_result.files.append(path);
        return true;
    }

    void takeFolder(const QFileInfo &folder)
    {
        const QString path = folder.absoluteFilePath();
        if (!folder.isReadable() || !folder.isExecutable()) {
            skip(path,
                 DropScanner::tr("Cannot be opened: you have no permission to read this folder."));
            return;
        }
        bool foundStl = false;
        QDirIterator it(path, QDir::Files | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot,
                        QDirIterator::Subdirectories | QDirIterator::FollowSymlinks);
        while (it.hasNext() && !cancelled()) {
            it.next();
            foundStl = take(it.fileInfo()) || foundStl;
        }
        // The listing above cannot even see a name that is not UTF-8.
        const QStringList undecodable = findUndecodableNames(path, m_cancel);
        for (const QString &name : undecodable)
            skip(name, undecodableReason());
        if (!foundStl && undecodable.isEmpty() && !cancelled())
            skip(path, DropScanner::tr("No STL files in this folder or its subfolders."));
    }

    void skip(const QString &path, const QString &reason)
    {
        m_result.skipped.append({path, reason});
    }

    DroppedFiles m_result;

private:
    const std::atomic<bool> *m_cancel;
    QSet<QString> m_seen;
};

} // namespace

DroppedFiles sortDroppedPaths(const QStringList &paths, const std::atomic<bool> *cancel)
{
    Sorter sorter(cancel);
    for (const QString &path : paths) {
        if (sorter.cancelled())
            break;
        const QFileInfo info(path);
        if (isUndecodableName(path))
            sorter.skip(path, undecodableReason());
        else if (!info.exists())
            sorter.skip(path, DropScanner::tr("Not found: it may have been moved or deleted."));
        else if (info.isDir())
            sorter.takeFolder(info);
        else
            sorter.take(info);
    }
    return sorter.m_result;
}

QStringList localPathsOf(const QMimeData *mime, QList<SkippedFile> *skipped)
{
    QStringList paths;
    if (!mime)
        return paths;
    for (const QUrl &url : mime->urls()) {
        if (url.isLocalFile())
            paths.append(url.toLocalFile());
        else if (skipped)
            skipped->append(
                {url.toDisplayString(QUrl::RemoveUserInfo),
                 DropScanner::tr("Not a file on this computer: download it first, then drop "
                                 "the downloaded file.")});
    }
    return paths;
}

DropScanner::DropScanner(QObject *parent)
    : QObject(parent)
    , m_cancel(std::make_shared<std::atomic<bool>>(false))
{
    m_pool.setMaxThreadCount(1);
    m_pool.setObjectName(u"DropScanner"_s);
}

DropScanner::~DropScanner()
{
    m_cancel->store(true);
    m_pool.clear();
    m_pool.waitForDone();
}

void DropScanner::scan(const QStringList &paths)
{
    m_waiting.append(paths);
    if (!m_busy)
        startNext();
}

void DropScanner::startNext()
{
    if (m_waiting.isEmpty()) {
        m_busy = false;
        return;
    }
    m_busy = true;
    const QStringList paths = m_waiting.takeFirst();
    m_pool.start([this, paths, cancel = m_cancel] {
        DroppedFiles result = sortDroppedPaths(paths, cancel.get());
        if (cancel->load())
            return;
        // The pool is drained before `this` is destroyed, so the post always has a receiver.
        QMetaObject::invokeMethod(
            this,
            [this, result = std::move(result)] {
                Q_EMIT finished(result);
                startNext();
            },
            Qt::QueuedConnection);
    });
}

} // namespace pc

#include "common/undecodablenames.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QStringDecoder>

#include <dirent.h>

namespace pc {

namespace {

void walk(const QString &folder, const std::atomic<bool> *cancel, QStringList &found)
{
    DIR *handle = ::opendir(QFile::encodeName(folder).constData());
    if (!handle)
        return; // an unreadable folder is said by whoever lists it
    QList<QByteArray> names;
    while (const dirent *entry = ::readdir(handle))
        names.append(QByteArray(entry->d_name));
    ::closedir(handle);

    const QDir dir(folder);
    for (const QByteArray &name : std::as_const(names)) {
        if (cancel && cancel->load())
            return;
        if (name.startsWith('.'))
            continue; // ".", ".." and hidden entries
        QStringDecoder utf8(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
        const QString path = dir.filePath(utf8.decode(name));
        if (utf8.hasError()) {
            found.append(path);
            continue;
        }
        const QFileInfo entry(path);
        if (entry.isDir() && !entry.isSymLink())
            walk(path, cancel, found);
    }
}

} // namespace

bool isUndecodableName(const QString &path)
{
    return path.contains(QChar::ReplacementCharacter) && !QFileInfo::exists(path) &&
           !QFileInfo(path).isSymLink();
}

QStringList findUndecodableNames(const QString &folder, const std::atomic<bool> *cancel)
{
    QStringList found;
    walk(folder, cancel, found);
    found.sort();
    return found;
}

} // namespace pc

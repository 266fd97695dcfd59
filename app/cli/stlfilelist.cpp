#include "cli/stlfilelist.h"

#include "cli/clioutput.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QStringDecoder>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <dirent.h>

using namespace Qt::StringLiterals;

namespace pc::cli {

namespace {

// File names are bytes; Qt decodes them as UTF-8 and puts U+FFFD where a byte sequence is not
// UTF-8. Such a name cannot be encoded back, so the file cannot be opened by it.
bool nameIsNotUtf8(const QString &path)
{
    return path.contains(QChar::ReplacementCharacter) && !QFileInfo::exists(path);
}

QString notUtf8Reason()
{
    return CliText::tr("its name is not valid UTF-8, so it cannot be opened; rename it, for "
                       "example with: convmv -f latin1 -t utf-8 --notest FILE");
}

// Why an entry that is there cannot be read as a file; empty for a regular file.
QString notAFileReason(const QFileInfo &info)
{
    if (nameIsNotUtf8(info.filePath()))
        return notUtf8Reason();
    if (info.isSymLink() && !info.exists())
        return CliText::tr("a link to %1, which does not exist").arg(info.symLinkTarget());
    if (!info.exists())
        return CliText::tr("no such file or folder");
    if (!info.isFile())
        return CliText::tr("not a regular file (a named pipe, device or socket)");
    return {};
}

// Walks `folder` and its subfolders the way QDirIterator would (hidden entries and links to
// folders left alone), but over the names' bytes: QDirIterator drops a name that is not
// UTF-8 without a word, and it must be reported instead.
void walkFolder(const QString &folder, bool listOtherFiles, StlFileList &list, QStringList &inside)
{
    DIR *handle = ::opendir(QFile::encodeName(folder).constData());
    if (!handle) {
        list.skipped.append({folder, CliText::tr("the folder cannot be read: %1")
                                         .arg(QString::fromLocal8Bit(std::strerror(errno)))});
        return;
    }
    QList<QByteArray> names;
    while (const dirent *entry = ::readdir(handle))
        names.append(QByteArray(entry->d_name));
    ::closedir(handle);
    std::sort(names.begin(), names.end());

    const QDir dir(folder);
    for (const QByteArray &name : std::as_const(names)) {
        if (name.startsWith('.'))
            continue; // ".", ".." and hidden entries, as QDirIterator without QDir::Hidden
        QStringDecoder utf8(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
        const QString decoded = utf8.decode(name);
        const QString path = dir.filePath(decoded);
        if (utf8.hasError()) {
            list.skipped.append({path, notUtf8Reason()});
            continue;
        }
        const QFileInfo entry(path);
        if (entry.isDir()) {
            if (!entry.isSymLink())
                walkFolder(path, listOtherFiles, list, inside);
            continue;
        }
        const bool stl = path.endsWith(u".stl"_s, Qt::CaseInsensitive);
        const QString why = notAFileReason(entry);
        if (stl && why.isEmpty())
            inside.append(path);
        else if (!why.isEmpty() && (stl || listOtherFiles))
            list.skipped.append({path, why});
        else if (listOtherFiles)
            list.skipped.append({path, CliText::tr("not an .stl file")});
    }
}

} // namespace

StlFileList StlFileList::collect(const QStringList &arguments, bool listOtherFiles)
{
    StlFileList list;
    for (const QString &argument : arguments) {
        const QFileInfo info(argument);
        if (!info.isDir()) {
            if (const QString why = notAFileReason(info); !why.isEmpty())
                list.skipped.append({argument, why});
            else
                list.files.append(argument);
            continue;
        }
        QStringList inside;
        walkFolder(argument, listOtherFiles, list, inside);
        inside.sort();
        list.files += inside;
    }
    return list;
}

} // namespace pc::cli

#include "cli/stlfilelist.h"

#include "cli/clioutput.h"
#include "common/undecodablenames.h"

#include <QDirIterator>
#include <QFileInfo>

using namespace Qt::StringLiterals;

namespace pc::cli {

namespace {

QString notUtf8Reason()
{
    return CliText::tr("its name is not valid UTF-8, so it cannot be opened; rename it, for "
                       "example with: convmv -f latin1 -t utf-8 --notest FILE");
}

// Why an entry that is there cannot be read as a file; empty for a regular file.
QString notAFileReason(const QFileInfo &info)
{
    if (isUndecodableName(info.filePath()))
        return notUtf8Reason();
    if (info.isSymLink() && !info.exists())
        return CliText::tr("a link to %1, which does not exist").arg(info.symLinkTarget());
    if (!info.exists())
        return CliText::tr("no such file or folder");
    if (!info.isFile())
        return CliText::tr("not a regular file (a named pipe, device or socket)");
    return {};
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
        // QDir::System as well: without it, FIFOs, devices, sockets and dangling links would
        // be left out without a word.
        QDirIterator it(argument, QDir::Files | QDir::System, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QString path = it.next();
            const bool stl = path.endsWith(u".stl"_s, Qt::CaseInsensitive);
            const QString why = notAFileReason(QFileInfo(path));
            if (stl && why.isEmpty())
                inside.append(path);
            else if (!why.isEmpty() && (stl || listOtherFiles))
                list.skipped.append({path, why});
            else if (listOtherFiles)
                list.skipped.append({path, CliText::tr("not an .stl file")});
        }
        // The listing above cannot even see these.
        for (const QString &path : findUndecodableNames(argument))
            list.skipped.append({path, notUtf8Reason()});
        inside.sort();
        list.files += inside;
    }
    return list;
}

} // namespace pc::cli

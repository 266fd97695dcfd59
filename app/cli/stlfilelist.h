#pragma once

#include <QList>
#include <QString>
#include <QStringList>

#include <utility>

namespace pc::cli {

// The files a command works on: files as given, folders searched for *.stl recursively (in a
// stable order; paths as given, relative ones relative to the working folder), and what is left
// out, each with why. Nothing is left out silently: a name that is not valid UTF-8 (the program
// cannot open it by that name), a FIFO, a device or a socket, a link to nothing are all listed with
// their reason, in folders as on the command line.
struct StlFileList
{
    QStringList files;
    QList<std::pair<QString, QString>> skipped; // path as shown, reason

    // `listOtherFiles`: also list the files of a folder that are not .stl files as skipped.
    static StlFileList collect(const QStringList &arguments, bool listOtherFiles);
};

} // namespace pc::cli

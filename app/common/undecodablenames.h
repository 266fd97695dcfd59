#pragma once

#include <QString>
#include <QStringList>

#include <atomic>

namespace pc {

// File names are bytes. Qt decodes them as UTF-8, puts U+FFFD where a byte sequence is not
// UTF-8, and cannot encode such a name back: the file cannot be opened by that name, and
// QDirIterator leaves it out of a listing altogether. These find such names, so that the
// file is reported as skipped with the reason instead of disappearing without a word.

// Whether `path` is such a decoded name: it holds U+FFFD and nothing is there by that name.
bool isUndecodableName(const QString &path);

// The entries of `folder` and of its subfolders whose names are not valid UTF-8, as decoded
// paths (with U+FFFD), sorted. Read over the names' bytes; links to folders are not followed
// and hidden entries are left alone, as a listing without QDir::Hidden does. `cancel`
// (optional) stops early.
QStringList findUndecodableNames(const QString &folder, const std::atomic<bool> *cancel = nullptr);

} // namespace pc

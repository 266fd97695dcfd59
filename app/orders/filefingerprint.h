#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QString>

#include <atomic>
#include <optional>

namespace pc {

// What identifies the content of a source file when it is queued: size, modification time
// and SHA-256. Used to flag the same file queued twice for one receiver, and to re-check the
// file right before its upload (RELIABILITY.md: changed or deleted after queueing).
struct FileFingerprint
{
    qint64 size = -1;
    QDateTime modified; // UTC, millisecond precision
    QByteArray sha256;  // 32 raw bytes

    bool isValid() const { return size >= 0 && sha256.size() == 32; }
    QString sha256Hex() const { return QString::fromLatin1(sha256.toHex()); }
    friend bool operator==(const FileFingerprint &, const FileFingerprint &) = default;
};

// Reads the file once, in blocks (never whole into memory). Nullopt with a human message in
// *error when it cannot be read, or when `cancel` is set part-way.
std::optional<FileFingerprint> fingerprintFile(const QString &path,
                                               const std::atomic<bool> *cancel = nullptr,
                                               QString *error = nullptr);

enum class FileCheck {
    Unchanged,
    Changed,   // size, time or content differ
    Missing,   // gone
    Unreadable // there, but cannot be read
};

// Compares a file with its fingerprint: the size first (cheap), then the content hash. The
// time alone decides nothing: a file touched but unchanged is still Unchanged, and an edit
// that kept size and time is still caught. *message says what changed, for the item's "needs
// attention" reason.
FileCheck recheckFile(const QString &path, const FileFingerprint &expected,
                      const std::atomic<bool> *cancel = nullptr, QString *message = nullptr);

} // namespace pc

#include "orders/filefingerprint.h"

#include "common/regularfile.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QFile>
#include <QFileInfo>

namespace pc {

namespace {

// Text::tr() for this file's functions; lupdate takes the context from the macro.
struct Text
{
    Q_DECLARE_TR_FUNCTIONS(FileFingerprint)
};

constexpr qint64 kBlock = 1 << 20;

} // namespace

std::optional<FileFingerprint> fingerprintFile(const QString &path, const std::atomic<bool> *cancel,
                                               QString *error)
{
    auto fail = [error](const QString &message) -> std::optional<FileFingerprint> {
        if (error)
            *error = message;
        return std::nullopt;
    };
    QFile file;
    QString notRegular;
    if (!openRegularFile(file, path, &notRegular))
        return fail(notRegular);
    FileFingerprint fingerprint;
    fingerprint.size = file.size();
    fingerprint.modified = file.fileTime(QFileDevice::FileModificationTime).toUTC();

    QCryptographicHash hash(QCryptographicHash::Sha256);
    QByteArray block(kBlock, Qt::Uninitialized);
    qint64 total = 0;
    for (;;) {
        if (cancel && cancel->load(std::memory_order_relaxed))
            return fail(Text::tr("Reading %1 was cancelled.").arg(path));
        // Never past the size taken at the start: a file that grows meanwhile is caught below
        // instead of being read for ever.
        const qint64 got = file.read(block.data(), qMin(kBlock, fingerprint.size - total + 1));
        if (got < 0)
            return fail(Text::tr("%1 cannot be read: %2").arg(path, file.errorString()));
        if (got == 0)
            break;
        hash.addData(QByteArrayView(block.constData(), got));
        total += got;
    }
    if (total != fingerprint.size)
        return fail(Text::tr("%1 changed while it was being read.").arg(path));
    fingerprint.sha256 = hash.result();
    return fingerprint;
}

FileCheck recheckFile(const QString &path, const FileFingerprint &expected,
                      const std::atomic<bool> *cancel, QString *message)
{
    auto result = [message](FileCheck check, const QString &text) {
        if (message)
            *message = text;
        return check;
    };
    const QFileInfo info(path);
    if (!info.exists())
        return result(FileCheck::Missing,
                      Text::tr("The file %1 was moved or deleted after it was queued.").arg(path));
    if (info.size() != expected.size)
        return result(FileCheck::Changed,
                      Text::tr("The file %1 changed after it was queued (its size is now %2 bytes, "
                               "was %3). Check it and validate it again.")
                          .arg(path)
                          .arg(info.size())
                          .arg(expected.size));
    QString error;
    const auto now = fingerprintFile(path, cancel, &error);
    if (!now)
        return result(FileCheck::Unreadable, error);
    if (now->sha256 != expected.sha256)
        return result(
            FileCheck::Changed,
            Text::tr("The content of %1 changed after it was queued. Check it and validate "
                     "it again.")
                .arg(path));
    return result(FileCheck::Unchanged, {});
}

} // namespace pc

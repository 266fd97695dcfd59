#pragma once

#include <QCryptographicHash>
#include <QFile>
#include <QIODevice>

namespace pc {

// The file part of an upload body. QHttpMultiPart asks its body device for the size again
// and again while it sends, and trusts every read to deliver what the size promised: a plain
// QFile that shrinks underneath it makes it read past its own buffers. This device promises
// the size the file had when it was inspected and never changes it; it reads the file with
// that bound, and a read that comes up short (the file was truncated) is an error instead of
// a shorter body. It also hashes what it hands over: when that is not the content that was
// inspected (the file was rewritten in place, even with the same size and time), the last
// block is withheld and the read fails, so the service never receives a complete body of
// other bytes. problem() says what went wrong, for the upload's error.
class UploadBodyDevice final : public QIODevice
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(UploadBodyDevice)

public:
    // `expectedSha256` empty: only the size is held to (the size at open() when `expectedSize`
    // is negative).
    UploadBodyDevice(QString path, qint64 expectedSize, QByteArray expectedSha256,
                     QObject *parent = nullptr);
    ~UploadBodyDevice() override;

    // Read-only; fails (errorString() says why) unless the file is a regular file of the
    // expected size.
    bool open(OpenMode mode) override;
    void close() override;
    bool isSequential() const override { return false; }
    qint64 size() const override { return m_size; }
    bool seek(qint64 pos) override;

    // Why the body could not be sent as inspected; empty while all is well.
    QString problem() const { return m_problem; }

protected:
    qint64 readData(char *data, qint64 maxSize) override;
    qint64 writeData(const char *data, qint64 maxSize) override;

private:
    qint64 fail(const QString &problem);

    QString m_path;
    QFile m_file;
    qint64 m_size;
    QByteArray m_expectedSha256;
    QCryptographicHash m_hash{QCryptographicHash::Sha256};
    qint64 m_offset = 0; // where the next readData() reads in the file
    qint64 m_hashed = 0; // bytes from the start that went into m_hash, in order
    QString m_problem;
};

} // namespace pc

#pragma once

#include "sandbox/multipartparser.h"
#include "sandbox/multipartstream.h"

#include <QByteArray>
#include <QString>
#include <QTemporaryFile>

#include <memory>
#include <optional>

namespace pc::sandbox {

// The body of one upload request, taken in as it arrives. A multipart/form-data body is
// parsed as it streams: its `stl_file` part goes straight to a temporary file in the folder
// of the stored files (moved into place by storeFile()), its other parts are kept. A
// form-urlencoded body is kept whole (it is small); any other body is only counted. So an
// upload of any size takes a few slices of memory.
class UploadBody
{
    Q_DISABLE_COPY_MOVE(UploadBody)

public:
    // `folder`: where the temporary file goes; empty when there is nowhere to store files
    // (storeFile() then fails).
    UploadBody(QByteArrayView contentType, const QString &folder);
    ~UploadBody();

    void append(QByteArrayView bytes);
    // The whole body arrived.
    void finish();

    qint64 size() const { return m_size; }
    bool isFormUrlEncoded() const { return m_urlEncoded; }
    const QByteArray &formUrlEncoded() const { return m_kept; }
    // After finish(): the parts, or nullopt (see errorString()) when the body is not a
    // multipart/form-data body or is malformed. The `stl_file` part has no data here: see
    // fileSize() and storeFile().
    const std::optional<MultipartForm> &form() const { return m_form; }
    QString errorString() const { return m_error; }
    qint64 fileSize() const;
    // Moves the `stl_file` part's data to `path` (replacing a file there). False, with
    // *error set, when it could not be written or moved.
    bool storeFile(const QString &path, QString *error);

private:
    bool m_urlEncoded = false;
    qint64 m_size = 0;
    QByteArray m_kept;
    std::unique_ptr<QTemporaryFile> m_file;
    std::unique_ptr<MultipartStreamParser> m_parser;
    std::optional<MultipartForm> m_form;
    QString m_error;
};

} // namespace pc::sandbox

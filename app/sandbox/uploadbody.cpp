#include "sandbox/uploadbody.h"

#include "sandbox/sandboxlogging.h"

#include <QFile>

using namespace Qt::StringLiterals;

namespace pc::sandbox {

UploadBody::UploadBody(QByteArrayView contentType, const QString &folder)
    : m_error(u"The upload must be a multipart/form-data body with a boundary."_s)
{
    m_urlEncoded = contentType.trimmed().toByteArray().toLower().startsWith(
        "application/x-www-form-urlencoded");
    const QByteArray boundary = multipartBoundary(contentType);
    if (boundary.isEmpty())
        return;
    if (!folder.isEmpty()) {
        m_file = std::make_unique<QTemporaryFile>(folder + u"/.upload-XXXXXX"_s);
        if (!m_file->open()) {
            qCWarning(lcSandbox).noquote()
                << "cannot take in an upload in" << folder << ':' << m_file->errorString();
            m_file.reset();
        }
    }
    m_parser = std::make_unique<MultipartStreamParser>(boundary, u"stl_file"_s, m_file.get());
}

UploadBody::~UploadBody() = default;

void UploadBody::append(QByteArrayView bytes)
{
    m_size += bytes.size();
    if (m_parser)
        m_parser->feed(bytes);
    else if (m_urlEncoded)
        m_kept.append(bytes);
}

void UploadBody::finish()
{
    if (!m_parser)
        return;
    m_form = m_parser->finish();
    if (!m_form)
        m_error = m_parser->errorString();
    else
        m_error.clear();
}

qint64 UploadBody::fileSize() const
{
    return m_parser ? m_parser->streamedSize() : 0;
}

bool UploadBody::storeFile(const QString &path, QString *error)
{
    if (!m_file || !m_parser || m_parser->sinkFailed()) {
        *error = m_file ? m_file->errorString() : u"no folder to store the file in"_s;
        return false;
    }
    if (!m_file->flush()) {
        *error = m_file->errorString();
        return false;
    }
    QFile::remove(path); // a file left there by an earlier run is replaced
    if (!m_file->rename(path)) {
        *error = m_file->errorString();
        return false;
    }
    m_file->setAutoRemove(false);
    m_file->close();
    m_file.reset();
    return true;
}

} // namespace pc::sandbox

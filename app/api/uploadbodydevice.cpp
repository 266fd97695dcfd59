#include "api/uploadbodydevice.h"

#include "api/apilogging.h"
#include "common/regularfile.h"

namespace pc {

UploadBodyDevice::UploadBodyDevice(QString path, qint64 expectedSize, QByteArray expectedSha256,
                                   QObject *parent)
    : QIODevice(parent)
    , m_path(std::move(path))
    , m_size(expectedSize)
    , m_expectedSha256(std::move(expectedSha256))
{}

UploadBodyDevice::~UploadBodyDevice() = default;

bool UploadBodyDevice::open(OpenMode mode)
{
    if ((mode & ~(ReadOnly | Unbuffered)) != NotOpen) {
        setErrorString(tr("The upload body can only be read."));
        return false;
    }
    QString error;
    if (!openRegularFile(m_file, m_path, &error)) {
        setErrorString(error);
        return false;
    }
    if (m_size < 0)
        m_size = m_file.size();
    if (m_file.size() != m_size) {
        setErrorString(
            tr("The file %1 changed after it was checked (its size is now %2 bytes, "
               "was %3). Check it, then retry the item: it is checked again before it is sent.")
                .arg(m_path)
                .arg(m_file.size())
                .arg(m_size));
        m_file.close();
        return false;
    }
    m_offset = 0;
    m_hashed = 0;
    m_hash.reset();
    m_problem.clear();
    // Unbuffered: QIODevice's own read-ahead would read past what the upload asked for.
    return QIODevice::open(ReadOnly | Unbuffered);
}

void UploadBodyDevice::close()
{
    m_file.close();
    QIODevice::close();
}

bool UploadBodyDevice::seek(qint64 pos)
{
    // Qt's HTTP layer sends a request again by itself when the connection closes before any
    // answer, which for an upload means a second body to a token the service may hold the
    // file for already. Refused here once bytes went out: the request then fails as a lost
    // answer, and the queue asks the service about the token before sending it again.
    if (pos < m_offset && m_hashed > 0) {
        qCInfo(lcApi) << "the network layer wanted to send the upload body again by itself;"
                         " refused, the queue decides";
        return false;
    }
    if (pos < 0 || pos > m_size || !m_file.seek(pos) || !QIODevice::seek(pos))
        return false;
    m_offset = pos;
    return true;
}

qint64 UploadBodyDevice::fail(const QString &problem)
{
    if (m_problem.isEmpty()) {
        m_problem = problem;
        qCWarning(lcApi).noquote() << problem;
    }
    setErrorString(problem);
    return -1;
}

qint64 UploadBodyDevice::readData(char *data, qint64 maxSize)
{
    if (!m_problem.isEmpty())
        return -1;
    const qint64 wanted = qMin(maxSize, m_size - m_offset);
    if (wanted <= 0)
        return 0;
    qint64 got = 0;
    while (got < wanted) {
        const qint64 n = m_file.read(data + got, wanted - got);
        if (n < 0)
            return fail(tr("The file %1 could not be read while it was being uploaded: %2. "
                           "Check it, then retry the item.")
                            .arg(m_path, m_file.errorString()));
        if (n == 0)
            return fail(
                tr("The file %1 became shorter while it was being uploaded (it ended "
                   "after %2 of %3 bytes), so the upload was stopped. Wait until the "
                   "program writing it has finished, then retry the item: it is checked again "
                   "before it is sent.")
                    .arg(m_path)
                    .arg(m_offset + got)
                    .arg(m_size));
        got += n;
    }
    if (m_offset == m_hashed) {
        m_hash.addData(QByteArrayView(data, got));
        m_hashed += got;
        if (m_hashed == m_size && !m_expectedSha256.isEmpty() &&
            m_hash.result() != m_expectedSha256)
            return fail(tr("The content of %1 changed while it was being uploaded, so the upload "
                           "was stopped before its end. Wait until the program writing it has "
                           "finished, then retry the item: it is checked again before it is sent.")
                            .arg(m_path));
    }
    m_offset += got;
    return got;
}

qint64 UploadBodyDevice::writeData(const char *, qint64)
{
    return -1;
}

} // namespace pc

// libFuzzer target: every parser of what the service sends back (response envelopes of the
// three calls, print status fields, Retry-After values, multipart file names). Any byte
// sequence must give a clean result or a clean error.
#include "api/multipartfilename.h"
#include "api/responseparser.h"
#include "api/retryafter.h"

#include <QDateTime>

#include <cstdint>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const QByteArrayView bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    using namespace pc::ResponseParser;

    const pc::TokenResult token = parseToken(bytes);
    if (token.isOk() && token.token.isEmpty())
        std::abort();
    if (!token.isOk() && token.error.message.isEmpty())
        std::abort();

    const pc::UploadResult upload = parseUpload(bytes);
    if (upload.isOk() && upload.links.tokenLink.isEmpty() && upload.links.sslTokenLink.isEmpty())
        std::abort();

    const pc::PrintStatusResult status = parsePrintStatus(bytes);
    if (status.isOk() && status.status.percentage &&
        (*status.status.percentage < 0 || *status.status.percentage > 100))
        std::abort();

    static const QDateTime now(QDate(2026, 1, 1), QTime(0, 0), Qt::UTC);
    if (const auto delay = pc::parseRetryAfter(bytes, now); delay && delay->count() < 0)
        std::abort();
    (void)pc::decodeFormDataFileName(bytes);
    return 0;
}

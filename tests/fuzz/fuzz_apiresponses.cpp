// libFuzzer target: every parser of a response body the service sends back (the envelope,
// the three calls' results, the print status fields). Any byte sequence must give a clean
// result or a clean error, and no message may carry the API key. Header values (Retry-After,
// file names, URLs) are fuzz_headers' part.
#include "api/responseparser.h"
#include "common/redaction.h"
#include "fuzzsupport.h"

#include <QStringView>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

using namespace Qt::StringLiterals;

namespace {

const QString kKey = u"fuzz-Key+0123456789/abcdef=="_s;

void check(bool condition, const char *what)
{
    if (!condition) {
        std::fprintf(stderr, "fuzz_apiresponses: %s\n", what);
        std::abort();
    }
}

void checkError(const pc::ApiError &error)
{
    if (!error.isError())
        return;
    check(!error.message.isEmpty(), "an error without a message");
    check(!error.message.contains(kKey) && !error.detail.contains(kKey) &&
              !error.serviceDescription.contains(kKey),
          "the API key in an error");
}

bool isServiceLink(const QUrl &url)
{
    return url.isEmpty() ||
           (url.isValid() && (url.scheme() == u"http" || url.scheme() == u"https") &&
            !url.host().isEmpty());
}

bool finiteOrUnset(const std::optional<double> &value)
{
    return !value || std::isfinite(*value);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    pc::fuzz::registerKeyOnce(kKey);

    const QByteArrayView bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    using namespace pc::ResponseParser;

    const Envelope envelope = parseEnvelope(bytes);
    checkError(envelope.error);
    check(!envelope.error.isError() || envelope.data.isEmpty(), "an error envelope with data");

    const pc::TokenResult token = parseToken(bytes);
    checkError(token.error);
    if (token.isOk()) {
        check(!envelope.error.isError(), "a token from an error envelope");
        check(!token.token.isEmpty() && token.token.size() <= 256 &&
                  std::all_of(token.token.cbegin(), token.token.cend(),
                              [](QChar c) { return c.unicode() > 0x20 && c.unicode() < 0x7f; }),
              "an unusable token accepted");
    }

    const pc::UploadResult upload = parseUpload(bytes);
    checkError(upload.error);
    if (upload.isOk()) {
        check(!envelope.error.isError(), "links from an error envelope");
        check(!upload.links.tokenLink.isEmpty() || !upload.links.sslTokenLink.isEmpty(),
              "an upload result without a link");
        check(isServiceLink(upload.links.tokenLink) && isServiceLink(upload.links.sslTokenLink),
              "a token link that is not http(s) with a host");
    }

    const pc::PrintStatusResult status = parsePrintStatus(bytes);
    checkError(status.error);
    // An error envelope never gives a status; a body the envelope accepts may still be refused
    // for what its data holds, and then only as a protocol error.
    check(!status.isOk() || !envelope.error.isError(), "a print status from an error envelope");
    if (!status.isOk() && !envelope.error.isError())
        check(status.error.kind == pc::ApiError::Kind::Protocol,
              "a status refused for another reason than its content");
    if (status.isOk()) {
        const pc::PrintStatus &s = status.status;
        check(!s.percentage || (*s.percentage >= 0 && *s.percentage <= 100),
              "a percentage outside 0-100");
        check(finiteOrUnset(s.minutesLeft) && finiteOrUnset(s.totalTime),
              "a time that is not a finite number");
        check(s.message.size() <= 4000 && s.printerModel.size() <= 4000 &&
                  s.statusText.size() <= 4000,
              "an unbounded text from the service");
        // A known wire value keeps its meaning when read again from the text kept.
        if (s.status != pc::JobStatus::Unknown && !s.isAwaitingCustomer())
            check(pc::jobStatusFromWire(s.statusText) == s.status, "a status misread");
    }
    return 0;
}

#include "sandbox/multipartstream.h"

#include <QIODevice>

using namespace Qt::StringLiterals;

namespace pc::sandbox {

MultipartStreamParser::MultipartStreamParser(QByteArrayView boundary, QString streamedField,
                                             QIODevice *sink)
    : m_delimiter("--" + boundary.toByteArray())
    , m_crlfDelimiter("\r\n--" + boundary.toByteArray())
    , m_streamedField(std::move(streamedField))
    , m_sink(sink)
{
    if (boundary.isEmpty())
        fail(u"The Content-Type has no multipart boundary."_s);
    else if (boundary.size() > 200)
        fail(u"The multipart boundary is longer than 200 characters."_s);
}

void MultipartStreamParser::feed(QByteArrayView bytes)
{
    if (m_state == State::Failed || m_state == State::Done || bytes.isEmpty())
        return;
    m_buffer.append(bytes);
    process(false);
}

std::optional<MultipartForm> MultipartStreamParser::finish()
{
    process(true);
    if (m_state != State::Done)
        return std::nullopt;
    MultipartForm form;
    form.parts = m_parts;
    for (qsizetype i = 0; i < form.parts.size(); ++i)
        form.parts[i].data = m_data.at(i);
    return form;
}

void MultipartStreamParser::fail(const QString &message)
{
    m_error = message;
    m_state = State::Failed;
    m_buffer.clear();
    m_partData.clear();
}

void MultipartStreamParser::consume(qsizetype bytes)
{
    m_buffer.remove(0, bytes);
    m_consumed += bytes;
}

void MultipartStreamParser::process(bool final)
{
    for (;;) {
        switch (m_state) {
        case State::Failed:
            return;
        case State::Done:
            m_consumed += m_buffer.size(); // the epilogue is ignored
            m_buffer.clear();
            return;
        case State::Preamble: {
            if (m_atBodyStart) {
                if (m_buffer.size() < m_delimiter.size() && !final)
                    return;
                m_atBodyStart = false;
                if (m_buffer.startsWith(m_delimiter)) {
                    consume(m_delimiter.size());
                    m_state = State::Close;
                    break;
                }
            }
            const qsizetype at = m_buffer.indexOf(m_crlfDelimiter);
            if (at >= 0) {
                consume(at + m_crlfDelimiter.size());
                m_state = State::Close;
                break;
            }
            if (final) {
                fail(u"The body does not contain the boundary given in its Content-Type."_s);
                return;
            }
            // Keep what may be the start of the delimiter.
            consume(std::max<qsizetype>(0, m_buffer.size() - (m_crlfDelimiter.size() - 1)));
            return;
        }
        case State::Close:
            if (m_buffer.size() < 2 && !final)
                return;
            if (m_buffer.startsWith("--")) {
                m_state = State::Done;
                break;
            }
            m_state = State::Space;
            break;
        case State::Space: {
            qsizetype spaces = 0;
            while (spaces < m_buffer.size() &&
                   (m_buffer[spaces] == ' ' || m_buffer[spaces] == '\t'))
                ++spaces;
            consume(spaces);
            if (m_buffer.isEmpty() && !final)
                return;
            m_state = State::LineEnd;
            break;
        }
        case State::LineEnd:
            if (m_buffer.size() < 2 && !final)
                return;
            if (!m_buffer.startsWith("\r\n")) {
                fail(u"A boundary line is not followed by CRLF (part %1)."_s.arg(m_parts.size() +
                                                                                 1));
                return;
            }
            consume(2);
            if (m_parts.size() >= kMaxMultipartParts) {
                fail(u"The body has more than %1 parts."_s.arg(kMaxMultipartParts));
                return;
            }
            m_state = State::Headers;
            break;
        case State::Headers: {
            if (m_buffer.size() < 2 && !final)
                return;
            if (m_buffer.startsWith("\r\n")) {
                consume(2);
                startPart({});
                break;
            }
            const qsizetype end = m_buffer.indexOf("\r\n\r\n");
            if (end < 0) {
                if (final) {
                    fail(u"The headers of part %1 never end (truncated body?)."_s.arg(
                        m_parts.size() + 1));
                }
                return;
            }
            const QByteArray headers = m_buffer.first(end);
            consume(end + 4);
            startPart(headers);
            break;
        }
        case State::Data: {
            const qsizetype at = m_buffer.indexOf(m_crlfDelimiter);
            if (at >= 0) {
                emitData(QByteArrayView(m_buffer).first(at));
                consume(at + m_crlfDelimiter.size());
                endPart();
                break;
            }
            if (final) {
                fail(u"Part %1 is not closed by a boundary (truncated body?)."_s.arg(
                    m_parts.size() + 1));
                return;
            }
            // All but what may be the start of the closing delimiter.
            const qsizetype safe = m_buffer.size() - (m_crlfDelimiter.size() - 1);
            if (safe > 0) {
                emitData(QByteArrayView(m_buffer).first(safe));
                consume(safe);
            }
            return;
        }
        }
    }
}

void MultipartStreamParser::startPart(QByteArrayView headers)
{
    m_part = MultipartPart();
    m_part.offset = m_consumed;
    m_partError.clear();
    m_partData.clear();
    const int number = int(m_parts.size()) + 1;
    if (!parsePartHeaders(headers, number, &m_part, &m_partError))
        m_target = Target::Drop; // the body is malformed; reported once the part ends
    else if (m_part.name != m_streamedField)
        m_target = Target::Memory;
    else if (m_streamedPart < 0)
        m_target = Target::Sink;
    else
        m_target = Target::Drop;
    if (m_target == Target::Sink) {
        m_streamedPart = m_parts.size();
        m_streamedSize = 0;
        m_sinkFailed = m_sink == nullptr;
    }
    m_state = State::Data;
}

void MultipartStreamParser::endPart()
{
    if (!m_partError.isEmpty()) {
        fail(m_partError);
        return;
    }
    m_parts.append(m_part);
    m_data.append(m_partData);
    m_partData.clear();
    m_state = State::Close;
}

void MultipartStreamParser::emitData(QByteArrayView bytes)
{
    if (bytes.isEmpty())
        return;
    switch (m_target) {
    case Target::Memory:
        m_partData.append(bytes);
        return;
    case Target::Sink:
        m_streamedSize += bytes.size();
        if (!m_sinkFailed && m_sink->write(bytes.data(), bytes.size()) != bytes.size())
            m_sinkFailed = true;
        return;
    case Target::Drop:
        return;
    }
}

} // namespace pc::sandbox

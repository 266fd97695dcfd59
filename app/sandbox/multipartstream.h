#pragma once

#include "sandbox/multipartparser.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <optional>

QT_BEGIN_NAMESPACE
class QIODevice;
QT_END_NAMESPACE

namespace pc::sandbox {

// Parses a multipart/form-data body as it arrives, slice by slice, to the same parts and the
// same errors as parseMultipart(). The data of the first part named `streamedField` is
// written to `sink` as it arrives and never held in memory (that part's `data` stays empty;
// see streamedSize()); the data of later parts of that name is dropped; the other parts
// are kept. What the parser holds at any time is one slice and the headers of one part.
class MultipartStreamParser
{
    Q_DISABLE_COPY_MOVE(MultipartStreamParser)

public:
    // `sink` may be null: the streamed part is then counted and dropped, and sinkFailed().
    MultipartStreamParser(QByteArrayView boundary, QString streamedField, QIODevice *sink);

    // The next slice of the body. Cheap once the body is known to be malformed.
    void feed(QByteArrayView bytes);
    // The body ended. The form (the kept parts' data point into this parser), or nullopt
    // with errorString() when the body is malformed.
    std::optional<MultipartForm> finish();
    QString errorString() const { return m_error; }

    // The streamed part: its index in the form (-1: none), its size, and whether writing it
    // to the sink failed.
    qsizetype streamedPart() const { return m_streamedPart; }
    qint64 streamedSize() const { return m_streamedSize; }
    bool sinkFailed() const { return m_sinkFailed; }

private:
    enum class State { Preamble, Close, Space, LineEnd, Headers, Data, Done, Failed };
    enum class Target { Memory, Sink, Drop };

    // Works through the buffer; `final`: no more bytes come.
    void process(bool final);
    void fail(const QString &message);
    void consume(qsizetype bytes);
    void startPart(QByteArrayView headers);
    void endPart();
    void emitData(QByteArrayView bytes);

    QByteArray m_delimiter;     // --boundary
    QByteArray m_crlfDelimiter; // CRLF--boundary
    QString m_streamedField;
    QIODevice *m_sink;
    QString m_error;
    State m_state = State::Preamble;
    bool m_atBodyStart = true;
    QByteArray m_buffer;   // bytes not worked through yet
    qint64 m_consumed = 0; // bytes of the body before m_buffer
    QList<MultipartPart> m_parts;
    QList<QByteArray> m_data; // kept data, one per part
    MultipartPart m_part;     // the part being read
    QString m_partError;      // what is wrong with its headers, reported once it ends
    Target m_target = Target::Memory;
    QByteArray m_partData;
    qsizetype m_streamedPart = -1;
    qint64 m_streamedSize = 0;
    bool m_sinkFailed = false;
};

} // namespace pc::sandbox

#pragma once

// A hand-written HTTP client for the sandbox suites (tst_sandbox*): raw requests and the
// answers as they arrive, multipart bodies, and a fixture that starts a sandbox with a known
// API key and speaks the three api3 calls to it.

#include "sandbox/faultplan.h"
#include "sandbox/sandboxserver.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTcpSocket>
#include <QTest>
#include <QTimer>
#include <QUrl>

#include <memory>
#include <optional>

namespace pc::test {

using namespace Qt::StringLiterals;

// One HTTP exchange as seen by a hand-written client.
struct Exchange
{
    bool answered = false; // a complete response arrived
    bool closed = false;   // the server closed or reset the connection
    int status = 0;
    QByteArray head;
    QByteArray body;
    qint64 elapsedMs = 0;

    QByteArray header(const QByteArray &name) const
    {
        const QList<QByteArray> lines = head.split('\n');
        for (const QByteArray &line : lines) {
            const qsizetype colon = line.indexOf(':');
            if (colon > 0 && line.left(colon).trimmed().compare(name, Qt::CaseInsensitive) == 0)
                return line.mid(colon + 1).trimmed();
        }
        return {};
    }
    QJsonObject json() const { return QJsonDocument::fromJson(body).object(); }
    QJsonObject data() const { return json().value(u"data"_s).toObject(); }
    QString code() const
    {
        return json().value(u"status"_s).toObject().value(u"code"_s).toString();
    }
    QString description() const
    {
        return json().value(u"status"_s).toObject().value(u"description"_s).toString();
    }
    QString extended() const
    {
        return json().value(u"status"_s).toObject().value(u"extended_description"_s).toString();
    }
};

// Parses what arrived; true once a whole response (head and Content-Length body) is there.
inline bool parseResponse(const QByteArray &buffer, Exchange *out)
{
    const qsizetype end = buffer.indexOf("\r\n\r\n");
    if (end < 0)
        return false;
    out->head = buffer.left(end);
    const QList<QByteArray> statusLine = out->head.left(out->head.indexOf("\r\n")).split(' ');
    out->status = statusLine.size() > 1 ? statusLine.at(1).toInt() : 0;
    if (out->status == 100) // an interim answer: wait for the real one
        return parseResponse(buffer.mid(end + 4), out);
    const qint64 length = out->header("Content-Length").toLongLong();
    if (buffer.size() - (end + 4) < length)
        return false;
    out->body = buffer.mid(end + 4, length);
    return true;
}

// Sends `chunks` one after the other (with a pause between them, so the server reads them
// separately) and waits for the answer, the connection's end or the timeout.
inline Exchange exchangeChunks(quint16 port, const QList<QByteArray> &chunks, int timeoutMs = 5000,
                               int pauseMs = 30)
{
    Exchange result;
    QTcpSocket socket;
    QByteArray buffer;
    QEventLoop loop;
    QElapsedTimer clock;
    QObject::connect(&socket, &QTcpSocket::readyRead, &loop, [&] {
        buffer += socket.readAll();
        if (parseResponse(buffer, &result)) {
            result.answered = true;
            loop.quit();
        }
    });
    QObject::connect(&socket, &QTcpSocket::disconnected, &loop, [&] {
        result.closed = true;
        loop.quit();
    });
    QObject::connect(&socket, &QTcpSocket::errorOccurred, &loop,
                     [&](QAbstractSocket::SocketError error) {
                         if (error == QAbstractSocket::RemoteHostClosedError ||
                             error == QAbstractSocket::NetworkError) {
                             result.closed = true;
                             loop.quit();
                         }
                     });
    QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
    socket.connectToHost(QHostAddress::LocalHost, port);
    if (!socket.waitForConnected(2000))
        return result;
    clock.start();
    for (qsizetype i = 0; i < chunks.size(); ++i) {
        socket.write(chunks.at(i));
        socket.flush();
        if (i + 1 < chunks.size())
            QTest::qWait(pauseMs);
        if (result.closed || result.answered)
            break;
    }
    if (!result.closed && !result.answered)
        loop.exec();
    result.elapsedMs = clock.elapsed();
    if (!result.answered)
        buffer.isEmpty() ? void() : void(parseResponse(buffer, &result));
    return result;
}

inline Exchange exchange(quint16 port, const QByteArray &request, int timeoutMs = 5000)
{
    return exchangeChunks(port, {request}, timeoutMs);
}

inline QByteArray requestHead(const QByteArray &method, const QByteArray &target, qint64 bodySize,
                              const QByteArray &contentType = {})
{
    QByteArray head = method + ' ' + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n";
    if (!contentType.isEmpty())
        head += "Content-Type: " + contentType + "\r\n";
    if (bodySize >= 0)
        head += "Content-Length: " + QByteArray::number(bodySize) + "\r\n";
    return head + "\r\n";
}

inline QByteArray request(const QByteArray &method, const QByteArray &target,
                          const QByteArray &body = {}, const QByteArray &contentType = {})
{
    return requestHead(method, target, method == "GET" ? -1 : body.size(), contentType) + body;
}

inline QByteArray percent(const QString &text)
{
    return QUrl::toPercentEncoding(text);
}

// A file name as browsers write it in Content-Disposition: raw UTF-8, '"' CR LF escaped.
inline QByteArray browserFileName(const QString &name)
{
    QByteArray out = name.toUtf8();
    out.replace('"', "%22").replace('\r', "%0D").replace('\n', "%0A");
    return out;
}

struct Part
{
    QByteArray name;
    QByteArray value;
    QByteArray fileName; // already encoded; empty for a plain field
};

inline const QByteArray kBoundary = "----sandboxTestBoundary7MA4YWxkTrZu0gW";

inline QByteArray multipartBody(const QList<Part> &parts)
{
    QByteArray body = "preamble to be ignored\r\n";
    for (const Part &part : parts) {
        body += "--" + kBoundary + "\r\nContent-Disposition: form-data; name=\"" + part.name + '"';
        if (!part.fileName.isEmpty())
            body += "; filename=\"" + part.fileName + "\"\r\nContent-Type: model/stl";
        body += "\r\n\r\n" + part.value + "\r\n";
    }
    return body + "--" + kBoundary + "--\r\n";
}

inline const QByteArray kMultipartType = "multipart/form-data; boundary=" + kBoundary;

inline QByteArray sampleStl(int triangles = 12)
{
    QByteArray stl(80, ' ');
    stl.replace(0, 11, "binary test");
    const quint32 count = quint32(triangles);
    stl.append(reinterpret_cast<const char *>(&count), 4);
    for (int i = 0; i < triangles * 50; ++i)
        stl.append(char(i * 7));
    return stl;
}

// Starts sandboxes with a key that needs percent-encoding and speaks the api3 calls to them.
class SandboxClient
{
protected:
    std::unique_ptr<SandboxServer> start(SandboxConfig config = {})
    {
        if (config.apiKey.isEmpty())
            config.apiKey = m_key;
        auto server = std::make_unique<SandboxServer>(config);
        if (!server->listen())
            qWarning() << "listen failed:" << server->errorString();
        return server;
    }
    QByteArray key() const { return percent(m_key); }
    Exchange get(SandboxServer &server, const QByteArray &target)
    {
        return exchange(server.port(), request("GET", target));
    }
    QString createToken(SandboxServer &server)
    {
        const Exchange reply = get(server, "/api3/api_create_partner_token?api_key=" + key());
        return reply.data().value(u"token"_s).toString();
    }
    QByteArray uploadRequest(const QString &token, const QByteArray &fileName,
                             const QByteArray &content, bool inQuery = true)
    {
        QList<Part> parts;
        QByteArray target = "/api3/api_upload_partner_stl";
        const QList<QPair<QByteArray, QByteArray>> fields{
            {"api_key", m_key.toUtf8()},           {"token", token.toLatin1()},
            {"receiver_email", "ada@example.com"}, {"print_value", "10.56"},
            {"print_value_currency", "EUR"},       {"partner_job_id", "order-17/1"}};
        if (inQuery) {
            QByteArray query;
            for (const auto &[name, value] : fields)
                query += (query.isEmpty() ? "?" : "&") + name + '=' +
                         QUrl::toPercentEncoding(QString::fromUtf8(value));
            target += query;
        } else {
            for (const auto &[name, value] : fields)
                parts.append({name, value, {}});
        }
        parts.append({"stl_file", content, fileName});
        return request("POST", target, multipartBody(parts), kMultipartType);
    }
    Exchange upload(SandboxServer &server, const QString &token,
                    const QByteArray &fileName = "part.stl", bool inQuery = true)
    {
        return exchange(server.port(), uploadRequest(token, fileName, sampleStl(), inQuery));
    }
    Exchange status(SandboxServer &server, const QString &token)
    {
        return get(server, "/api3/api_get_partner_print_status?api_key=" + key() +
                               "&token=" + token.toLatin1());
    }
    // A token with an uploaded file, or an empty string (the caller QVERIFYs it).
    QString uploadedToken(SandboxServer &server)
    {
        const QString token = createToken(server);
        return upload(server, token).code() == u"ok" ? token : QString();
    }
    bool setFaults(SandboxServer &server, const QString &spec)
    {
        QString error;
        const std::optional<FaultPlan> plan = FaultPlan::parse(spec, &error);
        if (!plan)
            qWarning() << error;
        else
            server.setFaultPlan(*plan);
        return plan.has_value();
    }

    const QString m_key = u"test-key-with=and-dash=="_s;
};

} // namespace pc::test

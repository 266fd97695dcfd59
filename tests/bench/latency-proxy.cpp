// latency-proxy: a TCP proxy that delays each direction by a fixed time, as a distant server
// would, and counts the client's round trips and bytes, so a script can measure what one
// operation costs across a slow network.
//
//   latency-proxy --listen PORT --target HOST:PORT [--delay MS] [--stats FILE]
//
// Each chunk read from one side is written to the other side MS milliseconds later, in the
// order it arrived (both directions, so one round trip costs 2 x MS more). A round trip is
// counted when the client sends after having received server bytes since its last send; its
// first send on each connection counts too. The TCP handshake itself is not delayed (each new
// connection is reported, so its extra round trip can be added by whoever reads the figures).
//
// Control, for scripts:
//   SIGUSR1   write the counters to FILE (--stats; whole, by rename) and to stdout as a line
//   SIGUSR2   reset the counters to zero
//   SIGHUP    cut the network: close every connection at once and refuse new ones
//   SIGCONT   (after SIGHUP) accept connections again
//   SIGTERM / SIGINT   write the counters and exit
// Stdin lines "report", "reset", "cut" and "restore" do the same when stdin is a pipe, and
//   "stall"   silences the route: every byte either side sends is held (connections stay
//             open, new ones are accepted and held the same way) until "restore", which
//             delivers what was held, in order

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QHostAddress>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPointer>
#include <QSaveFile>
#include <QSocketNotifier>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>

#include <csignal>
#include <cstdio>
#include <deque>
#include <fcntl.h>
#include <functional>
#include <map>
#include <memory>
#include <sys/socket.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace {

int g_signalPipe[2] = {-1, -1};

extern "C" void forwardSignal(int signalNumber)
{
    const unsigned char byte = static_cast<unsigned char>(signalNumber);
    [[maybe_unused]] const ssize_t written = ::write(g_signalPipe[1], &byte, 1);
}

struct Counters
{
    qint64 connections = 0;
    qint64 roundTrips = 0;
    qint64 clientSends = 0;
    qint64 bytesToServer = 0;
    qint64 bytesToClient = 0;
};

// One direction of one connection: what was read, waiting for its time to be written.
class DelayedPipe final : public QObject
{
public:
    DelayedPipe(QTcpSocket *to, int delayMs, const bool *stalled, QObject *parent)
        : QObject(parent)
        , m_to(to)
        , m_delayMs(delayMs)
        , m_stalled(stalled)
    {
        m_clock.start();
        m_timer.setSingleShot(true);
        m_timer.setTimerType(Qt::PreciseTimer);
        connect(&m_timer, &QTimer::timeout, this, &DelayedPipe::flush);
    }

    // Called with each chunk written to the destination, when it is written.
    std::function<void(qint64)> delivered;
    // Called once everything read before close() has been written.
    std::function<void()> drained;

    void push(const QByteArray &data)
    {
        m_pending.push_back({m_clock.elapsed() + m_delayMs, data});
        schedule();
    }
    // Delivers what is due (after a stall: everything held).
    void resume() { flush(); }
    void close()
    {
        m_closing = true;
        m_pending.push_back({m_clock.elapsed() + m_delayMs, {}});
        schedule();
    }

private:
    struct Chunk
    {
        qint64 due;
        QByteArray data;
    };

    void schedule()
    {
        if (m_delayMs == 0) {
            flush(); // nothing waits: every chunk is due at once
            return;
        }
        armTimer();
    }
    void armTimer()
    {
        if (*m_stalled)
            return;
        if (!m_timer.isActive() && !m_pending.empty())
            m_timer.start(int(std::max<qint64>(0, m_pending.front().due - m_clock.elapsed())));
    }
    void flush()
    {
        if (*m_stalled)
            return; // held until the route is back (LatencyProxy::restore)
        const qint64 now = m_clock.elapsed();
        while (!m_pending.empty() && m_pending.front().due <= now) {
            Chunk chunk = std::move(m_pending.front());
            m_pending.pop_front();
            if (chunk.data.isNull()) {
                if (drained)
                    drained();
                return;
            }
            if (m_to)
                m_to->write(chunk.data);
            if (delivered)
                delivered(chunk.data.size());
        }
        armTimer();
    }

    QPointer<QTcpSocket> m_to;
    int m_delayMs;
    const bool *m_stalled;
    QElapsedTimer m_clock;
    QTimer m_timer;
    std::deque<Chunk> m_pending;
    bool m_closing = false;
};

class LatencyProxy final : public QObject
{
public:
    LatencyProxy(QString targetHost, quint16 targetPort, int delayMs, QString statsFile)
        : m_targetHost(std::move(targetHost))
        , m_targetPort(targetPort)
        , m_delayMs(delayMs)
        , m_statsFile(std::move(statsFile))
    {
        connect(&m_server, &QTcpServer::newConnection, this, &LatencyProxy::accept);
    }

    bool listen(quint16 port)
    {
        m_port = port;
        return m_server.listen(QHostAddress::LocalHost, port);
    }
    QString errorString() const { return m_server.errorString(); }
    quint16 port() const { return m_server.serverPort(); }

    void report()
    {
        const QJsonObject stats{
            {u"delay_ms"_s, m_delayMs},
            {u"connections"_s, m_counters.connections},
            {u"round_trips"_s, m_counters.roundTrips},
            {u"client_sends"_s, m_counters.clientSends},
            {u"bytes_to_server"_s, m_counters.bytesToServer},
            {u"bytes_to_client"_s, m_counters.bytesToClient},
            {u"open_connections"_s, m_open},
            {u"cut"_s, m_cut},
            {u"stalled"_s, m_stalled},
        };
        const QByteArray line = QJsonDocument(stats).toJson(QJsonDocument::Compact);
        std::printf("%s\n", line.constData());
        std::fflush(stdout);
        if (m_statsFile.isEmpty())
            return;
        QSaveFile file(m_statsFile);
        if (!file.open(QIODevice::WriteOnly) || file.write(line + '\n') < 0 || !file.commit())
            std::fprintf(stderr, "latency-proxy: cannot write %s: %s\n", qPrintable(m_statsFile),
                         qPrintable(file.errorString()));
    }
    void reset() { m_counters = {}; }
    // Every connection is closed at once (reset, as when a route is lost and the peers
    // notice) and new ones are refused until restore().
    void cut()
    {
        m_cut = true;
        m_server.close();
        const auto aborts = m_aborts;
        for (const auto &[id, abort] : aborts)
            abort();
    }
    void stall() { m_stalled = true; }
    void restore()
    {
        if (m_stalled) {
            m_stalled = false;
            const auto resumes = m_resumes;
            for (const auto &[id, resume] : resumes)
                resume();
        }
        if (!m_cut)
            return;
        m_cut = false;
        if (!m_server.listen(QHostAddress::LocalHost, m_port))
            std::fprintf(stderr, "latency-proxy: cannot listen again on %u: %s\n", m_port,
                         qPrintable(m_server.errorString()));
    }
    void command(const QByteArray &line)
    {
        const QByteArray word = line.trimmed();
        if (word == "report")
            report();
        else if (word == "reset")
            reset();
        else if (word == "cut")
            cut();
        else if (word == "stall")
            stall();
        else if (word == "restore")
            restore();
        else if (!word.isEmpty())
            std::fprintf(stderr,
                         "latency-proxy: unknown command '%s' (report, reset, cut, "
                         "restore)\n",
                         word.constData());
    }

private:
    // What closes each open connection at once, by connection number.
    std::map<quint64, std::function<void()>> m_aborts;
    // What delivers each open connection's held bytes after a stall.
    std::map<quint64, std::function<void()>> m_resumes;
    quint64 m_nextConnection = 0;

    void accept()
    {
        while (QTcpSocket *client = m_server.nextPendingConnection()) {
            if (m_cut) {
                client->abort();
                client->deleteLater();
                continue;
            }
            ++m_counters.connections;
            ++m_open;
            auto *server = new QTcpSocket(client);
            auto *toServer = new DelayedPipe(server, m_delayMs, &m_stalled, client);
            auto *toClient = new DelayedPipe(client, m_delayMs, &m_stalled, client);
            // Whether the client has received server bytes since it last sent: its next
            // send is a new round trip. True at first: the first send counts.
            auto answered = std::make_shared<bool>(true);
            auto finished = std::make_shared<bool>(false);
            const quint64 id = m_nextConnection++;
            const auto finish = [this, client, server, finished, id](bool abort) {
                if (*finished)
                    return;
                *finished = true;
                --m_open;
                m_aborts.erase(id);
                m_resumes.erase(id);
                if (abort) {
                    server->abort();
                    client->abort();
                } else {
                    server->disconnectFromHost();
                    client->disconnectFromHost();
                }
                client->deleteLater();
            };
            m_aborts.emplace(id, [finish] { finish(true); });
            m_resumes.emplace(id, [toServer, toClient] {
                toServer->resume();
                toClient->resume();
            });

            toClient->delivered = [this, answered](qint64 bytes) {
                m_counters.bytesToClient += bytes;
                *answered = true;
            };
            toServer->delivered = [this](qint64 bytes) { m_counters.bytesToServer += bytes; };
            toServer->drained = [finish] { finish(false); };
            toClient->drained = [finish] { finish(false); };

            connect(client, &QTcpSocket::readyRead, client, [this, client, toServer, answered] {
                const QByteArray data = client->readAll();
                if (data.isEmpty())
                    return;
                ++m_counters.clientSends;
                if (*answered) {
                    ++m_counters.roundTrips;
                    *answered = false;
                }
                toServer->push(data);
            });
            connect(server, &QTcpSocket::readyRead, client,
                    [server, toClient] { toClient->push(server->readAll()); });
            connect(client, &QTcpSocket::disconnected, client, [toServer] { toServer->close(); });
            connect(server, &QTcpSocket::disconnected, client, [toClient] { toClient->close(); });
            connect(server, &QTcpSocket::errorOccurred, client,
                    [finish](QAbstractSocket::SocketError error) {
                        if (error != QAbstractSocket::RemoteHostClosedError)
                            finish(true);
                    });
            // Data the client sent before the server connection is up waits in the socket's
            // write buffer and goes out once connected.
            server->connectToHost(m_targetHost, m_targetPort);
        }
    }

    QTcpServer m_server;
    QString m_targetHost;
    quint16 m_targetPort;
    quint16 m_port = 0;
    int m_delayMs;
    QString m_statsFile;
    Counters m_counters;
    qint64 m_open = 0;
    bool m_cut = false;
    bool m_stalled = false;
};

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(
        u"A TCP proxy that delays each direction and counts the client's round trips."_s);
    parser.addHelpOption();
    const QCommandLineOption listenOption(u"listen"_s, u"Port to listen on (127.0.0.1)."_s,
                                          u"PORT"_s);
    const QCommandLineOption targetOption(u"target"_s, u"Where to forward: HOST:PORT."_s,
                                          u"HOST:PORT"_s);
    const QCommandLineOption delayOption(u"delay"_s, u"Delay of each direction in ms."_s, u"MS"_s,
                                         u"0"_s);
    const QCommandLineOption statsOption(
        u"stats"_s, u"File the counters are written to on SIGUSR1 and at exit."_s, u"FILE"_s);
    parser.addOptions({listenOption, targetOption, delayOption, statsOption});
    parser.process(app);

    bool portOk = false;
    const uint listenPort = parser.value(listenOption).toUInt(&portOk);
    const QString target = parser.value(targetOption);
    const qsizetype colon = target.lastIndexOf(u':');
    bool targetPortOk = false;
    const uint targetPort = colon > 0 ? target.mid(colon + 1).toUInt(&targetPortOk) : 0;
    bool delayOk = false;
    const int delay = parser.value(delayOption).toInt(&delayOk);
    if (!portOk || listenPort > 65535 || !targetPortOk || targetPort == 0 || targetPort > 65535 ||
        !delayOk || delay < 0) {
        std::fprintf(stderr, "latency-proxy: give --listen PORT (0 for any), --target HOST:PORT "
                             "and --delay MS (0 or more); see --help.\n");
        return 2;
    }

    LatencyProxy proxy(target.left(colon), quint16(targetPort), delay, parser.value(statsOption));
    if (!proxy.listen(quint16(listenPort))) {
        std::fprintf(stderr, "latency-proxy: cannot listen on 127.0.0.1:%u: %s\n", listenPort,
                     qPrintable(proxy.errorString()));
        return 1;
    }
    std::printf("listening on 127.0.0.1:%u, forwarding to %s, %d ms each way\n", proxy.port(),
                qPrintable(target), delay);
    std::fflush(stdout);

    if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, g_signalPipe) != 0)
        return 1;
    ::fcntl(g_signalPipe[1], F_SETFL, ::fcntl(g_signalPipe[1], F_GETFL) | O_NONBLOCK);
    for (int signalNumber : {SIGUSR1, SIGUSR2, SIGHUP, SIGCONT, SIGTERM, SIGINT}) {
        struct sigaction action = {};
        action.sa_handler = forwardSignal;
        sigemptyset(&action.sa_mask);
        action.sa_flags = SA_RESTART;
        ::sigaction(signalNumber, &action, nullptr);
    }
    QSocketNotifier signalNotifier(g_signalPipe[0], QSocketNotifier::Read);
    QObject::connect(&signalNotifier, &QSocketNotifier::activated, &proxy, [&proxy] {
        unsigned char byte = 0;
        while (::recv(g_signalPipe[0], &byte, 1, MSG_DONTWAIT) == 1) {
            switch (byte) {
            case SIGUSR1:
                proxy.report();
                break;
            case SIGUSR2:
                proxy.reset();
                break;
            case SIGHUP:
                proxy.cut();
                break;
            case SIGCONT:
                proxy.restore();
                break;
            default:
                proxy.report();
                QCoreApplication::quit();
            }
        }
    });

    // Commands on stdin when it is a pipe (not a terminal, not /dev/null at end of file).
    std::unique_ptr<QSocketNotifier> input;
    if (!::isatty(STDIN_FILENO)) {
        input = std::make_unique<QSocketNotifier>(STDIN_FILENO, QSocketNotifier::Read);
        QObject::connect(input.get(), &QSocketNotifier::activated, &proxy,
                         [&proxy, notifier = input.get()] {
                             char buffer[256];
                             const ssize_t got = ::read(STDIN_FILENO, buffer, sizeof buffer);
                             if (got <= 0) {
                                 notifier->setEnabled(false);
                                 return;
                             }
                             static QByteArray pending;
                             pending.append(buffer, got);
                             qsizetype end;
                             while ((end = pending.indexOf('\n')) >= 0) {
                                 proxy.command(pending.left(end));
                                 pending.remove(0, end + 1);
                             }
                         });
    }
    return QCoreApplication::exec();
}

#pragma once

// Shared by the crash and store-fault suites (tst_crashkills, tst_guicrash, tst_storefaults):
// partner-console-cli started against the in-process sandbox on a throw-away data folder and
// read line by line while it works, and the checks of what the data folder and the sandbox
// hold afterwards - nothing lost, no item with two tokens, one file per token.

#include "clitestenv.h"
#include "sandbox/sandboxserver.h"

#include <QDeadlineTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRandomGenerator>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>

namespace pc::test {

using namespace Qt::StringLiterals;

inline constexpr int kCliTimeoutMs = 60'000;

// The seed of a suite's random kill timings: PC_CRASH_SEED replays a failed run, otherwise
// a fresh one. Printed at the start and named in every failure message.
inline quint32 crashSeed()
{
    bool ok = false;
    const quint32 given = qEnvironmentVariable("PC_CRASH_SEED").toUInt(&ok);
    return ok ? given : QRandomGenerator::global()->generate();
}

// One partner-console-cli run; JSON stdout lines are collected as they arrive while the
// event loop (where the sandbox lives) keeps spinning.
class CliProcess final
{
public:
    CliProcess() = default;
    CliProcess(const CliProcess &) = delete;
    CliProcess &operator=(const CliProcess &) = delete;
    ~CliProcess()
    {
        if (process.state() != QProcess::NotRunning) {
            process.kill();
            process.waitForFinished(5000);
        }
    }

    bool start(const QString &program, const QStringList &arguments,
               const QProcessEnvironment &environment)
    {
        process.setProcessEnvironment(environment);
        process.start(program, arguments);
        return process.waitForStarted(kCliTimeoutMs);
    }

    // Moves what arrived into `lines` (and `errorText`).
    void read()
    {
        const QByteArray chunk = process.readAllStandardOutput();
        output += chunk;
        m_pending += chunk;
        errorText += QString::fromUtf8(process.readAllStandardError());
        qsizetype end = 0;
        while ((end = m_pending.indexOf('\n')) >= 0) {
            const QByteArray line = m_pending.left(end).trimmed();
            m_pending.remove(0, end + 1);
            if (!line.isEmpty())
                lines.append(QJsonDocument::fromJson(line).object());
        }
    }

    // Waits until a line at index >= `from` matches; its index, or -1 (timeout or exit).
    qsizetype waitForLine(const std::function<bool(const QJsonObject &)> &match, qsizetype from = 0,
                          int timeoutMs = kCliTimeoutMs)
    {
        QDeadlineTimer deadline(timeoutMs);
        for (;;) {
            read();
            for (qsizetype i = from; i < lines.size(); ++i) {
                if (match(lines.at(i)))
                    return i;
            }
            from = qMax(from, lines.size());
            if (process.state() == QProcess::NotRunning || deadline.hasExpired())
                return -1;
            QTest::qWait(2);
        }
    }

    // Waits for the exit; the exit code, -2 for a crash, -1 on timeout (then killed).
    int waitForExit(int timeoutMs = kCliTimeoutMs)
    {
        QDeadlineTimer deadline(timeoutMs);
        while (process.state() != QProcess::NotRunning && !deadline.hasExpired())
            QTest::qWait(10);
        if (process.state() != QProcess::NotRunning) {
            process.kill();
            process.waitForFinished(5000);
            read();
            return -1;
        }
        read();
        return process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -2;
    }

    // SIGKILL: no cleanup of any kind. True when it landed on a running process.
    bool kill()
    {
        if (process.state() != QProcess::Running)
            return false;
        process.kill();
        process.waitForFinished(5000);
        read();
        return process.exitStatus() == QProcess::CrashExit;
    }

    // The error object a failed command printed on stderr under --json.
    QJsonObject error() const
    {
        for (const QString &line : errorText.split(u'\n')) {
            const QJsonObject object = QJsonDocument::fromJson(line.toUtf8()).object();
            if (object.contains(QStringLiteral("error")))
                return object.value(QStringLiteral("error")).toObject();
        }
        return {};
    }

    QProcess process;
    QByteArray output; // stdout as it came
    QList<QJsonObject> lines;
    QString errorText;

private:
    QByteArray m_pending;
};

inline bool isStateEvent(const QJsonObject &line, const QString &state = {})
{
    return line.value(QStringLiteral("event")) == QStringLiteral("state") &&
           (state.isEmpty() || line.value(QStringLiteral("state")).toString() == state);
}

// What a data folder holds, read through a connection of its own (plain SQL, no store
// logic, every environment).
struct StoreSnapshot
{
    struct Item
    {
        qint64 id = 0;
        QString fileName;
        QString state;
        QString token;
    };
    struct OrderRow
    {
        qint64 id = 0;
        qint64 queueItemId = 0; // 0: none
        QString token;
        QString status; // status text and percentage
        QString tokenLink;
        bool linksReconstructed = false;
    };
    struct HistoryRow
    {
        qint64 orderId = 0;
        qint64 recordedMs = 0;
        QString status;
    };
    QString problem; // why the folder could not be read; empty when fine
    QString integrity;
    QList<Item> items;
    QList<OrderRow> orders;
    QList<HistoryRow> history; // by order, oldest first

    std::optional<Item> itemNamed(const QString &fileName) const
    {
        for (const Item &item : items) {
            if (item.fileName == fileName)
                return item;
        }
        return std::nullopt;
    }
};

inline StoreSnapshot readStore(const QString &folder)
{
    StoreSnapshot snapshot;
    const QString path = folder + QStringLiteral("/orders.db");
    if (!QFile::exists(path)) {
        snapshot.problem = QStringLiteral("no orders.db in ") + folder;
        return snapshot;
    }
    static int counter = 0;
    const QString name = QStringLiteral("crashharness.%1").arg(++counter);
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(path);
        if (!db.open()) {
            snapshot.problem = db.lastError().text();
        } else {
            QSqlQuery q(db);
            q.exec(QStringLiteral("PRAGMA busy_timeout = 5000"));
            if (q.exec(QStringLiteral("PRAGMA integrity_check"))) {
                QStringList rows;
                while (q.next())
                    rows.append(q.value(0).toString());
                snapshot.integrity = rows.join(u"; ");
            } else {
                snapshot.problem = q.lastError().text();
            }
            if (q.exec(QStringLiteral("SELECT id, file_name, state, token FROM queue_items "
                                      "ORDER BY id"))) {
                while (q.next())
                    snapshot.items.append({q.value(0).toLongLong(), q.value(1).toString(),
                                           q.value(2).toString(), q.value(3).toString()});
            } else if (snapshot.problem.isEmpty()) {
                snapshot.problem = q.lastError().text();
            }
            if (q.exec(QStringLiteral("SELECT id, queue_item_id, token,"
                                      " status_text || ' ' || IFNULL(percentage, '-')"
                                      " FROM orders ORDER BY id"))) {
                while (q.next())
                    snapshot.orders.append({q.value(0).toLongLong(),
                                            q.value(1).toLongLong(),
                                            q.value(2).toString(),
                                            q.value(3).toString(),
                                            {},
                                            false});
            }
            // Read apart: a store of an older schema has no links_reconstructed yet.
            if (q.exec(QStringLiteral("SELECT token_link, links_reconstructed FROM orders"
                                      " ORDER BY id"))) {
                for (qsizetype i = 0; q.next() && i < snapshot.orders.size(); ++i) {
                    snapshot.orders[i].tokenLink = q.value(0).toString();
                    snapshot.orders[i].linksReconstructed = q.value(1).toInt() != 0;
                }
            }
            if (q.exec(QStringLiteral("SELECT order_id, recorded_ms,"
                                      " status_text || ' ' || IFNULL(percentage, '-')"
                                      " FROM status_history ORDER BY order_id, id"))) {
                while (q.next())
                    snapshot.history.append(
                        {q.value(0).toLongLong(), q.value(1).toLongLong(), q.value(2).toString()});
            }
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    return snapshot;
}

// "name: state (token)" for each item, for the log of a kill.
inline QString describeItems(const StoreSnapshot &store)
{
    QStringList parts;
    for (const StoreSnapshot::Item &item : store.items)
        parts.append(QStringLiteral("%1: %2%3")
                         .arg(item.fileName, item.state,
                              item.token.isEmpty() ? QString() : QStringLiteral(" (token)")));
    return parts.join(QStringLiteral(", "));
}

// What the sandbox saw: every token it created and every file it stored, in order.
struct SandboxLog
{
    explicit SandboxLog(SandboxServer *sandbox)
    {
        QObject::connect(sandbox, &SandboxServer::tokenCreated, sandbox,
                         [this](const QString &token) { tokens.append(token); });
        QObject::connect(sandbox, &SandboxServer::fileUploaded, sandbox,
                         [this](const QString &token) { files.append(token); });
    }
    QStringList tokens;
    QStringList files; // the token of each stored file
};

// The promises of RELIABILITY.md ("Local state") for a folder whose queue ran to its end
// after a kill: every expected file has exactly one item, each item ended done (or, when
// its body may have arrived before the kill, needs_attention without a second file), no
// item has two tokens or a token another item has, every token holds exactly one file and
// every file belongs to an item, every done item has exactly one order with its token, and
// an item that held a token before the kill still holds that token. An empty string when all
// hold, else what broke.
struct Expectations
{
    QStringList files;                       // file names that must each have one item
    std::map<QString, QString> tokensBefore; // file name -> token recorded before the kill
    std::set<QString> mayNeedAttention;      // file names killed while uploading
};

inline QString checkPromises(const StoreSnapshot &store, const SandboxLog &sandbox,
                             const SandboxServer &server, const Expectations &expected)
{
    QStringList broken;
    if (!store.problem.isEmpty())
        return QStringLiteral("store unreadable: ") + store.problem;
    if (store.integrity != QStringLiteral("ok"))
        broken.append(QStringLiteral("integrity_check: ") + store.integrity);
    for (const QString &file : expected.files) {
        int count = 0;
        for (const StoreSnapshot::Item &item : store.items)
            count += item.fileName == file ? 1 : 0;
        if (count != 1)
            broken.append(QStringLiteral("%1 has %2 queue items").arg(file).arg(count));
    }
    if (store.items.size() != expected.files.size())
        broken.append(QStringLiteral("%1 queue items for %2 files")
                          .arg(store.items.size())
                          .arg(expected.files.size()));
    std::set<QString> itemTokens;
    for (const StoreSnapshot::Item &item : store.items) {
        const bool attentionAllowed = expected.mayNeedAttention.count(item.fileName) != 0;
        if (item.state != QStringLiteral("done") &&
            !(attentionAllowed && item.state == QStringLiteral("needs_attention")))
            broken.append(QStringLiteral("%1 ended %2").arg(item.fileName, item.state));
        if (item.token.isEmpty()) {
            broken.append(QStringLiteral("%1 has no token").arg(item.fileName));
            continue;
        }
        if (!itemTokens.insert(item.token).second)
            broken.append(QStringLiteral("token %1 held by two items").arg(item.token));
        if (server.uploadCount(item.token) != 1)
            broken.append(QStringLiteral("%1: %2 files at the sandbox for its token")
                              .arg(item.fileName)
                              .arg(server.uploadCount(item.token)));
        if (sandbox.files.count(item.token) > 1)
            broken.append(QStringLiteral("%1: its file was stored %2 times")
                              .arg(item.fileName)
                              .arg(sandbox.files.count(item.token)));
        const auto before = expected.tokensBefore.find(item.fileName);
        if (before != expected.tokensBefore.end() && before->second != item.token)
            broken.append(QStringLiteral("%1: token %2 before the kill, %3 after")
                              .arg(item.fileName, before->second, item.token));
        if (item.state == QStringLiteral("done")) {
            int orders = 0;
            for (const StoreSnapshot::OrderRow &order : store.orders) {
                if (order.queueItemId == item.id) {
                    ++orders;
                    if (order.token != item.token)
                        broken.append(QStringLiteral("%1: order token %2, item token %3")
                                          .arg(item.fileName, order.token, item.token));
                }
            }
            if (orders != 1)
                broken.append(QStringLiteral("%1: %2 orders").arg(item.fileName).arg(orders));
        }
    }
    for (const QString &token : sandbox.files) {
        if (itemTokens.count(token) == 0)
            broken.append(QStringLiteral("a file for token %1, which no item holds").arg(token));
    }
    for (const StoreSnapshot::OrderRow &order : store.orders) {
        if (itemTokens.count(order.token) == 0)
            broken.append(QStringLiteral("order %1 has token %2, which no item holds")
                              .arg(order.id)
                              .arg(order.token));
    }
    return broken.join(QStringLiteral("; "));
}

// What the promises expect of a folder a kill left, read right after the kill: every item it
// holds, the tokens they had recorded, and the files being uploaded when the process died.
// (The kernel may still deliver the whole body of a killed upload; only the answer with the
// links is lost, and the resumed item asks for attention instead of sending the file again.)
inline Expectations expectationsAfterKill(const StoreSnapshot &store)
{
    Expectations expected;
    for (const StoreSnapshot::Item &item : store.items) {
        expected.files.append(item.fileName);
        if (!item.token.isEmpty())
            expected.tokensBefore[item.fileName] = item.token;
        if (item.state == u"uploading")
            expected.mayNeedAttention.insert(item.fileName);
    }
    return expected;
}

// Each order's latest status is the last one in its history, recorded in time order: the
// two are written in one transaction, so no kill splits them.
inline QString checkStatusHistory(const StoreSnapshot &store)
{
    QStringList broken;
    for (const StoreSnapshot::OrderRow &order : store.orders) {
        std::optional<QString> last;
        qint64 lastMs = 0;
        for (const StoreSnapshot::HistoryRow &row : store.history) {
            if (row.orderId != order.id)
                continue;
            if (row.recordedMs < lastMs)
                broken.append(QStringLiteral("order %1 history goes back in time").arg(order.id));
            last = row.status;
            lastMs = row.recordedMs;
        }
        if (last && order.status != *last)
            broken.append(QStringLiteral("order %1 says %2, its history ends with %3")
                              .arg(order.id)
                              .arg(order.status, *last));
    }
    return broken.join(QStringLiteral("; "));
}

// What the kill suites (tst_crashkills, tst_guicrash) share: a home and a data folder, the
// sandbox with a log of what it saw, and the seeded generator of the kill timings.
class CrashFixture
{
protected:
    // For initTestCase: the seed, printed so that a failed run can be replayed.
    void initCrashFixture()
    {
        QVERIFY(m_home.isValid());
        m_seed = crashSeed();
        m_random.seed(m_seed);
        qInfo("Random kill timings from seed %u (replay with PC_CRASH_SEED=%u)", m_seed, m_seed);
    }

    // For init: a fresh data folder.
    void initDataFolder()
    {
        m_data = std::make_unique<QTemporaryDir>();
        QVERIFY(m_data->isValid());
    }

    void cleanupCrashFixture()
    {
        m_log.reset();
        m_sandbox.reset();
        m_data.reset();
    }

    void startSandbox(const QString &apiKey, const FaultPlan &faults)
    {
        SandboxConfig config;
        config.apiKey = apiKey;
        config.faults = faults;
        m_sandbox = std::make_unique<SandboxServer>(config);
        QVERIFY2(m_sandbox->listen(0), qPrintable(m_sandbox->errorString()));
        m_log = std::make_unique<SandboxLog>(m_sandbox.get());
    }

    // What to say when a row fails: enough to replay it.
    QString replay(const QString &what) const
    {
        return u"%1 [row \"%2\", seed %3: replay with PC_CRASH_SEED=%3]"_s.arg(what)
            .arg(QString::fromLatin1(QTest::currentDataTag()))
            .arg(m_seed);
    }

    // The promises checked on the data folder as it is now: empty when all hold.
    QString brokenPromises(const Expectations &expected) const
    {
        return checkPromises(readStore(m_data->path()), *m_log, *m_sandbox, expected);
    }

    // After a kill: `cli` with `arguments` (a `queue run` on the data folder) runs to its end,
    // then the promises are checked. The run may end with 1 only when an item may ask for
    // attention. Empty when all hold, else what broke.
    QString runAgainAndCheck(const QString &cli, const QStringList &arguments,
                             const QProcessEnvironment &environment,
                             const Expectations &expected) const
    {
        CliProcess again;
        if (!again.start(cli, arguments, environment))
            return u"queue run did not start: "_s + again.process.errorString();
        const int code = again.waitForExit();
        if (code != 0 && !(code == 1 && !expected.mayNeedAttention.empty()))
            return u"queue run exited %1: %2"_s.arg(code).arg(again.errorText);
        return brokenPromises(expected);
    }

    quint32 m_seed = 0;
    QRandomGenerator m_random;
    QTemporaryDir m_home;
    std::unique_ptr<QTemporaryDir> m_data;
    std::unique_ptr<SandboxServer> m_sandbox;
    std::unique_ptr<SandboxLog> m_log;
};

} // namespace pc::test

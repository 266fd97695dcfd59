#include "orders/orderstore.h"
#include "common/redaction.h"
#include "orders/orderslogging.h"
#include "orders/storepostgres.h"
#include "orders/storeschema.h"
#include "orders/storethreadcheck.h"

#include <QAtomicInteger>
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLockFile>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTimer>
#include <QUrl>
#include <QVariant>

using namespace Qt::StringLiterals;
using namespace pc::storedetail;

namespace pc {

namespace {

QAtomicInteger<quint64> g_connectionCounter;

const QString kItemColumns =
    u"id, position, environment, source_path, file_name, file_size, file_mtime_ms, sha256,"
    " receiver_email, price, currency, partner_job_id, state, attempt_count, next_retry_ms,"
    " failure_reason, token, bytes_sent, created_ms, updated_ms"_s;

QueueItem readItem(const QSqlQuery &q)
{
    QueueItem item;
    item.id = q.value(0).toLongLong();
    item.position = q.value(1).toLongLong();
    item.environment = q.value(2).toString();
    item.sourcePath = q.value(3).toString();
    item.fileName = q.value(4).toString();
    item.size = q.value(5).toLongLong();
    item.modified = timeFromValue(q.value(6));
    item.sha256 = q.value(7).toString();
    item.receiverEmail = q.value(8).toString();
    const QString price = q.value(9).toString();
    item.price = Decimal::fromString(price).value_or(Decimal());
    item.currency = q.value(10).toString();
    item.partnerJobId = q.value(11).toString();
    const QString state = q.value(12).toString();
    if (const auto known = queueStateFromKey(state)) {
        item.state = *known;
    } else {
        qCWarning(lcOrders) << "Queue item" << item.id << "has unknown state" << state;
        item.state = QueueState::NeedsAttention;
    }
    item.attemptCount = q.value(13).toInt();
    item.nextRetry = timeFromValue(q.value(14));
    item.failureReason = q.value(15).toString();
    item.token = q.value(16).toString();
    item.bytesSent = q.value(17).toLongLong();
    item.created = timeFromValue(q.value(18));
    item.updated = timeFromValue(q.value(19));
    return item;
}

// The 16-byte magic string every SQLite 3 database starts with.
bool hasSqliteHeader(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return true; // let SQLite report why it cannot be opened
    return file.read(16) == QByteArrayView("SQLite format 3\0", 16);
}

QString timestampForFileName()
{
    return QDateTime::currentDateTime().toString(u"yyyyMMdd-HHmmss"_s);
}

// Whether this process may write the folder and those of the store's files that exist.
// access(2) semantics: a read-only mount and an immutable file count too, and root may
// write what permission bits forbid.
bool storeWritable(const QString &folder, const QString &databasePath)
{
    if (!QFileInfo(folder).isWritable())
        return false;
    for (const QString &suffix : {QString(), u"-wal"_s, u"-shm"_s}) {
        const QFileInfo file(databasePath + suffix);
        if (file.exists() && !file.isWritable())
            return false;
    }
    return true;
}

// The program behind a process id, for telling the user which console holds the queue;
// empty where the system does not say.
QString programOfProcess(qint64 pid)
{
    const QString target = QFileInfo(u"/proc/%1/exe"_s.arg(pid)).symLinkTarget();
    return target.isEmpty() ? QString() : QFileInfo(target).fileName();
}

} // namespace

OrderStore::OrderStore()
    : m_connectionName(u"pc.orders.%1"_s.arg(++g_connectionCounter))
    , m_changeFeed(std::make_unique<StoreChangeFeed>())
    , m_linkTimer(new QTimer(m_changeFeed.get()))
{
    m_linkTimer->setSingleShot(true);
    QObject::connect(m_linkTimer, &QTimer::timeout, m_changeFeed.get(), [this] { onLinkTimer(); });
}

OrderStore::~OrderStore()
{
    close();
}

QString OrderStore::defaultDataFolder()
{
    QString dir = qEnvironmentVariable("PARTNER_CONSOLE_DATA_DIR");
    if (dir.isEmpty())
        dir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    return QDir::cleanPath(QDir(dir).absolutePath());
}

QString OrderStore::databaseFileName()
{
    return u"orders.db"_s;
}

bool OrderStore::isOpen() const
{
    if (!m_db.isValid())
        return false;
    // A shared store stays open through a lost connection: it connects again by itself.
    return m_location.isPostgres() ? m_link.open : m_db.isOpen();
}

QString OrderStore::dataFolder() const
{
    if (m_location.isPostgres())
        return m_location.dataFolder;
    return m_path.isEmpty() ? QString() : QFileInfo(m_path).absolutePath();
}

QString OrderStore::queueLockFileName()
{
    return u"queue.lock"_s;
}

void OrderStore::close()
{
    releaseQueueClaim();
    if (m_location.isPostgres() && isOpen() && isConnected())
        releasePollLeases(); // the other consoles take over at once, not when they expire
    m_link = Link();
    armLinkTimer(); // stops it
    closeFile();
    m_useLock.reset(); // after the connection: the database is no longer used
}

StoreError OrderStore::readOnlyError(const QString &detail) const
{
    return makeError(
        StoreError::Kind::ReadOnly,
        StoreText::tr("The data folder %1 is read-only, so the console cannot save its queue "
                      "and orders there; nothing saved there was changed. Make the folder and "
                      "the orders.db files in it writable for your user, or choose another data "
                      "folder (--data-dir, or the PARTNER_CONSOLE_DATA_DIR environment "
                      "variable).")
            .arg(QDir::toNativeSeparators(dataFolder())),
        detail);
}

StoreError OrderStore::notOpen() const
{
    return makeError(StoreError::Kind::CannotOpen,
                     StoreText::tr("The order database is not open."));
}

OpenResult OrderStore::open(const StoreLocation &location, const QString &password)
{
    if (!location.isPostgres())
        return open(location.dataFolder);
    StoreThreadCheck::check(m_forbiddenThread, "opening the store");
    close();
    m_location = location;
    m_path = location.displayName();
    if (m_consoleId.isEmpty())
        m_consoleId = defaultConsoleId(location.dataFolder);
    // Kept for reconnecting: redacted from every log line, whoever opens the store.
    registerSecret(password);
    return openPostgres(password);
}

OpenResult OrderStore::openPostgres(const QString &password)
{
    OpenResult result;
    result.databasePath = m_path;
    auto fail = [&](const StoreError &error) {
        close();
        result.outcome = OpenResult::Outcome::Failed;
        result.error = error;
        result.message = error.message;
        return result;
    };
    if (!postgresDriverAvailable())
        return fail(makeError(StoreError::Kind::CannotOpen,
                              StoreText::tr("This installation cannot use a PostgreSQL "
                                            "database: Qt's PostgreSQL driver is missing. "
                                            "Install the package libqt6sql6-psql.")));
    m_db = QSqlDatabase::addDatabase(postgresDriverName(), m_connectionName);
    m_db.setHostName(m_location.host());
    m_db.setPort(m_location.port());
    m_db.setDatabaseName(m_location.databaseName());
    m_db.setUserName(m_location.userName());
    if (!password.isEmpty())
        m_db.setPassword(password);
    m_db.setConnectOptions(m_location.connectOptions(postgresApplicationName()));
    if (StoreError e = storedetail::openPostgres(m_db, m_location); e.isError())
        return fail(e);
    // Not left in the connection's settings, where anything that lists them would find it;
    // kept by the store alone, in memory, for connecting again after a lost connection.
    m_db.setPassword(QString());
    m_link.password = password;
    if (StoreError e = configureConnection(m_db); e.isError())
        return fail(e);
    int version = 0;
    StoreResult<int> applied = migrate(m_db, &version);
    result.schemaVersion = version;
    if (!applied)
        return fail(applied.error());
    result.migrationsApplied = *applied;
    if (StoreError e = checkWritable(m_db); e.isError())
        return fail(e);
    listenForChanges();
    m_link.open = true;
    armLinkTimer();
    result.outcome = version > 0 && *applied == version ? OpenResult::Outcome::Created
                                                        : OpenResult::Outcome::Opened;
    qCInfo(lcOrders).noquote() << "Opened the order database" << m_path << "schema" << version;
    return result;
}

OpenResult OrderStore::open(const QString &dataFolder)
{
    StoreThreadCheck::check(m_forbiddenThread, "opening the store");
    close();
    m_location = StoreLocation::folder(dataFolder);
    if (m_consoleId.isEmpty())
        m_consoleId = defaultConsoleId(m_location.dataFolder);
    OpenResult result;
    if (dataFolder.isEmpty() || !QDir().mkpath(dataFolder) || !QFileInfo(dataFolder).isDir()) {
        result.error =
            makeError(StoreError::Kind::CannotOpen,
                      StoreText::tr("The data folder %1 cannot be created. Choose another data "
                                    "folder (--data-dir).")
                          .arg(QDir::toNativeSeparators(dataFolder)));
        result.message = result.error.message;
        return result;
    }
    m_path = QDir(dataFolder).absoluteFilePath(databaseFileName());
    // Checked before SQLite opens anything: it would open what it cannot write read-only,
    // leave -wal and -shm files behind, and fail only at the first write.
    if (!storeWritable(this->dataFolder(), m_path)) {
        result.databasePath = m_path;
        result.error = readOnlyError(u"not writable"_s);
        result.message = result.error.message;
        qCInfo(lcOrders).noquote() << result.message; // the caller shows it to the user
        return result;
    }
    const storedetail::DataFolderScope folderScope(this->dataFolder());
    m_useLock = std::make_unique<SharedFileLock>(m_path + u".lock"_s);
    const QDeadlineTimer deadline(kOpenWaitMs);
    QDeadlineTimer damagedGrace = QDeadlineTimer::Forever;
    QString problem;
    for (;;) {
        // Shared: others may use the database meanwhile, and nobody creates or repairs it.
        if (!m_useLock->lock(SharedFileLock::Mode::Shared, deadline))
            return useLockFailure(problem);
        problem = fileProblem();
        if (problem.isEmpty()) {
            bool corrupt = false;
            result = openFile(&corrupt);
            if (!corrupt) {
                if (!result.ok()) {
                    closeFile();
                    m_useLock.reset();
                }
                return result;
            }
            problem = result.error.detail;
            closeFile();
        }
        // Missing, empty or damaged: created or moved aside only while no other store has it
        // open. Another console that finds it missing at the same moment creates it first, or
        // waits here until this one has.
        m_useLock->unlock();
        if (m_useLock->lock(SharedFileLock::Mode::Exclusive, QDeadlineTimer(kExclusiveAttemptMs))) {
            result = createOrRepairFile();
            if (result.ok() && !m_useLock->lock(SharedFileLock::Mode::Shared, deadline))
                return useLockFailure(problem);
            if (!result.ok()) {
                closeFile();
                m_useLock.reset();
            }
            return result;
        }
        if (!m_useLock->errorString().isEmpty() || deadline.hasExpired())
            return useLockFailure(problem);
        // Someone else holds it open: it is being created right now (then it is there on the
        // next round), or a console uses it as it is although it looks damaged from here.
        if (damagedGrace.isForever())
            damagedGrace = QDeadlineTimer(kDamagedInUseWaitMs);
        else if (damagedGrace.hasExpired())
            return useLockFailure(problem);
    }
}

QString OrderStore::fileProblem() const
{
    const QFileInfo info(m_path);
    if (!info.exists())
        return StoreText::tr("the file does not exist yet");
    if (info.size() == 0)
        return StoreText::tr("the file is empty");
    if (!hasSqliteHeader(m_path))
        return StoreText::tr("the file is not an SQLite database");
    if (hasStaleWal())
        return StoreText::tr("a journal file beside it does not belong to it");
    return {};
}

OpenResult OrderStore::useLockFailure(const QString &problem)
{
    closeFile();
    OpenResult result;
    result.databasePath = m_path;
    const QString folder = QDir::toNativeSeparators(dataFolder());
    if (!m_useLock->errorString().isEmpty()) {
        result.error = makeError(StoreError::Kind::CannotOpen,
                                 StoreText::tr("The order database in %1 cannot be locked for "
                                               "use: %2. Check that the data folder is "
                                               "writable.")
                                     .arg(folder, m_useLock->errorString()),
                                 m_useLock->path());
    } else if (problem.isEmpty() || !QFileInfo::exists(m_path)) {
        result.error = makeError(StoreError::Kind::Locked,
                                 StoreText::tr("Another console has been creating or repairing "
                                               "the order database in %1 for too long. Try "
                                               "again in a moment.")
                                     .arg(folder),
                                 problem);
    } else {
        result.error = makeError(StoreError::Kind::Corrupt,
                                 StoreText::tr("The order database %1 looks damaged (%2), but "
                                               "another console is using it, so it was left "
                                               "as it is. Close the other consoles that use "
                                               "this data folder and start again.")
                                     .arg(QDir::toNativeSeparators(m_path), problem),
                                 problem);
    }
    result.message = result.error.message;
    m_useLock.reset();
    qCWarning(lcOrders).noquote() << result.message;
    return result;
}

void OrderStore::closeFile()
{
    if (m_db.isValid()) {
        m_db.close();
        m_db = QSqlDatabase();
    }
    if (QSqlDatabase::contains(m_connectionName))
        QSqlDatabase::removeDatabase(m_connectionName);
}

// Runs while this store holds the use lock alone: nobody else has the database open.
OpenResult OrderStore::createOrRepairFile()
{
    OpenResult result;
    // A -wal file without the -shm index SQLite keeps beside it while any connection has the
    // database open (and after a crash): not left by this database's connections. SQLite would
    // apply its frames all the same - another data folder's, or an old one of this database
    // restored from a backup - and silently replace what the database holds.
    const QString staleWal = moveStaleWalAside();
    const QFileInfo info(m_path);
    const bool existed = info.exists();

    bool corrupt = false;
    QString reason;
    if (existed && info.size() == 0) {
        corrupt = true;
        reason = StoreText::tr("the file is empty");
    } else if (existed && !hasSqliteHeader(m_path)) {
        // Decided before SQLite touches the file, so its -wal and -shm are moved aside as
        // they are (SQLite discards a WAL it cannot use when the connection closes).
        corrupt = true;
        reason = StoreText::tr("the file is not an SQLite database");
    } else {
        result = openFile(&corrupt);
        if (!corrupt) {
            if (result.ok())
                result.outcome =
                    existed ? OpenResult::Outcome::Opened : OpenResult::Outcome::Created;
            else
                closeFile();
            if (result.ok() && !staleWal.isEmpty()) {
                result.outcome = OpenResult::Outcome::Recovered;
                result.movedAside = {staleWal};
                result.message =
                    StoreText::tr("A journal file beside the order database did not belong to "
                                  "it and was not applied. It was moved aside to %1; the "
                                  "database itself is unchanged.")
                        .arg(QDir::toNativeSeparators(staleWal));
                qCWarning(lcOrders).noquote() << result.message;
            }
            return result;
        }
        reason = result.error.detail;
        closeFile();
    }

    qCWarning(lcOrders).noquote() << "Order database" << m_path << "is damaged:" << reason;
    QString moveError;
    const QStringList moved = moveAside(&moveError);
    if (!moveError.isEmpty()) {
        result = OpenResult{};
        result.databasePath = m_path;
        result.error =
            makeError(StoreError::Kind::Corrupt,
                      StoreText::tr("The order database %1 is damaged and cannot be moved "
                                    "aside: %2")
                          .arg(QDir::toNativeSeparators(m_path), moveError),
                      reason);
        result.message = result.error.message;
        return result;
    }
    bool stillCorrupt = false;
    result = openFile(&stillCorrupt);
    result.movedAside = moved;
    if (!result.ok() || stillCorrupt) {
        closeFile();
        result.outcome = OpenResult::Outcome::Failed;
        if (result.message.isEmpty())
            result.message = result.error.message;
        return result;
    }
    result.outcome = OpenResult::Outcome::Recovered;
    result.message =
        StoreText::tr("The order database was damaged (%1). It was moved aside to %2 and a "
                      "new, empty database was created; the old file was kept for recovery.")
            .arg(reason, QDir::toNativeSeparators(moved.value(0)));
    qCWarning(lcOrders).noquote() << result.message;
    return result;
}

OpenResult OrderStore::openReadOnlyOnFullDisk(const StoreError &full)
{
    OpenResult result;
    result.databasePath = m_path;
    closeFile();
    // Read as it is on the disk, without the shared-memory index SQLite cannot create now; only
    // when no journal holds changes that are not in the file yet.
    int version = -1;
    if (QFileInfo(m_path + u"-wal"_s).size() > 0) {
        result.outcome = OpenResult::Outcome::Failed;
        result.error = full;
        result.message = full.message;
        return result;
    }
    m_db = QSqlDatabase::addDatabase(u"QSQLITE"_s, m_connectionName);
    m_db.setDatabaseName(u"file:"_s + QUrl::fromLocalFile(m_path).path(QUrl::FullyEncoded) +
                         u"?immutable=1"_s);
    m_db.setConnectOptions(u"QSQLITE_OPEN_READONLY;QSQLITE_OPEN_URI"_s);
    if (m_db.open()) {
        QSqlQuery query(m_db);
        if (query.exec(u"PRAGMA busy_timeout = 5000"_s) &&
            query.exec(u"SELECT MAX(version) FROM schema_version"_s) && query.next())
            version = query.value(0).toInt();
    }
    // An older schema would need a migration, which writes: nothing to read it with.
    if (version != latestSchemaVersion()) {
        closeFile();
        result.outcome = OpenResult::Outcome::Failed;
        result.error = full;
        result.message = full.message;
        return result;
    }
    result.outcome = OpenResult::Outcome::Opened;
    result.schemaVersion = version;
    result.message =
        StoreText::tr("The disk that holds %1 is full: the queue and the orders can be read, but "
                      "nothing can be saved until some space is freed on it.")
            .arg(QDir::toNativeSeparators(dataFolder()));
    qCWarning(lcOrders).noquote() << result.message;
    return result;
}

OpenResult OrderStore::openFile(bool *corrupt)
{
    *corrupt = false;
    OpenResult result;
    result.databasePath = m_path;
    auto fail = [&](const StoreError &error) {
        result.outcome = OpenResult::Outcome::Failed;
        result.error = error;
        result.message = error.message;
        *corrupt = error.kind == StoreError::Kind::Corrupt;
        return result;
    };

    m_db = QSqlDatabase::addDatabase(u"QSQLITE"_s, m_connectionName);
    m_db.setDatabaseName(m_path);
    // open() checked the permissions; SQLite may still find the file read-only (a mount
    // changed meanwhile, a rule access(2) does not see). Then it fails at the first write,
    // and the user is told in the same words.
    auto readOnlyOr = [&](const StoreError &error) {
        return error.kind == StoreError::Kind::ReadOnly ? readOnlyError(error.detail) : error;
    };
    if (!m_db.open()) {
        const QSqlError error = m_db.lastError();
        if (isCorruption(error))
            return fail(errorFromSql(error, StoreText::tr("opening the database")));
        return fail(
            makeError(StoreError::Kind::CannotOpen,
                      StoreText::tr("The order database %1 cannot be opened. Check that the "
                                    "data folder is writable.")
                          .arg(QDir::toNativeSeparators(m_path)),
                      error.text()));
    }
    if (StoreError e = configureConnection(m_db); e.isError()) {
        // On a full disk SQLite cannot create the index beside a WAL database to write it, but a
        // read-only connection can still read it: the queue and the orders stay in view.
        if (e.kind == StoreError::Kind::DiskFull)
            return openReadOnlyOnFullDisk(e);
        return fail(readOnlyOr(e));
    }
    StoreError checkError;
    const QString problem = quickCheckProblem(m_db, &checkError);
    if (checkError.isError())
        return fail(readOnlyOr(checkError));
    if (!problem.isEmpty())
        return fail(makeError(StoreError::Kind::Corrupt,
                              StoreText::tr("The order database is damaged."), problem));
    int version = 0;
    StoreResult<int> applied = migrate(m_db, &version);
    result.schemaVersion = version;
    if (!applied)
        return fail(readOnlyOr(applied.error()));
    result.migrationsApplied = *applied;
    if (StoreError e = checkWritable(m_db); e.kind == StoreError::Kind::ReadOnly)
        return fail(readOnlyError(e.detail));
    result.outcome = OpenResult::Outcome::Opened;
    return result;
}

bool OrderStore::hasStaleWal() const
{
    // Shorter than a WAL header: nothing SQLite would apply.
    return QFileInfo(m_path + u"-wal"_s).size() >= 32 && !QFileInfo::exists(m_path + u"-shm"_s);
}

QString OrderStore::moveStaleWalAside()
{
    const QString wal = m_path + u"-wal"_s;
    if (!hasStaleWal())
        return {};
    QString target = m_path + u".stale-wal-"_s + timestampForFileName();
    for (int n = 2; QFileInfo::exists(target); ++n)
        target = m_path + u".stale-wal-"_s + timestampForFileName() + u'-' + QString::number(n);
    QFile file(wal);
    if (!file.rename(target)) {
        // Left in place: opening then fails or applies it, as SQLite decides; said in the log.
        qCWarning(lcOrders).noquote()
            << "A stale journal" << wal << "could not be moved aside:" << file.errorString();
        return {};
    }
    return target;
}

QStringList OrderStore::moveAside(QString *error)
{
    QString target = m_path + u".corrupt-"_s + timestampForFileName();
    for (int n = 2; QFileInfo::exists(target) || QFileInfo::exists(target + u"-wal"_s); ++n)
        target = m_path + u".corrupt-"_s + timestampForFileName() + u'-' + QString::number(n);
    QStringList moved;
    for (const QString &suffix : {QString(), u"-wal"_s, u"-shm"_s}) {
        const QString from = m_path + suffix;
        if (!QFileInfo::exists(from))
            continue;
        QFile file(from);
        if (!file.rename(target + suffix)) {
            *error = file.errorString();
            return moved;
        }
        moved.append(target + suffix);
    }
    return moved;
}

StoreResult<qint64> OrderStore::addQueueItem(const QueueItem &item)
{
    const Call call(*this);
    if (call.failed())
        return call.error();
    const QString action = StoreText::tr("saving the queue item");
    // One statement: the id and the position at the end of the queue come with the INSERT.
    // PostgreSQL runs it alone (its own transaction); two consoles adding at the same moment
    // may get one position, and then the queue keeps them in the order of their ids.
    const bool postgres = m_location.isPostgres();
    WriteTransaction tx(m_db);
    if (!postgres) {
        if (StoreError e = tx.begin(action); e.isError())
            return e;
    }
    Statement q(m_db);
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    q.prepare(u"INSERT INTO queue_items (" + kItemColumns + u", owner) SELECT "_s +
              newIdSql(m_db, u"queue_items"_s) +
              u", COALESCE(MAX(position), 0) + 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
              " ?, ?, ? FROM queue_items WHERE environment = ? RETURNING id"_s);
    q.addBindValue(textValue(item.environment));
    q.addBindValue(textValue(item.sourcePath));
    q.addBindValue(textValue(item.fileName));
    q.addBindValue(item.size);
    q.addBindValue(timeValue(item.modified));
    q.addBindValue(textValue(item.sha256));
    q.addBindValue(textValue(item.receiverEmail));
    q.addBindValue(item.price.toString());
    q.addBindValue(textValue(item.currency));
    q.addBindValue(textValue(item.partnerJobId));
    q.addBindValue(queueStateKey(item.state));
    q.addBindValue(item.attemptCount);
    q.addBindValue(timeValue(item.nextRetry));
    q.addBindValue(textValue(item.failureReason));
    q.addBindValue(item.token.isEmpty() ? QVariant(QMetaType::fromType<QString>())
                                        : QVariant(item.token));
    q.addBindValue(item.bytesSent);
    q.addBindValue(item.created.isValid() ? item.created.toMSecsSinceEpoch() : now);
    q.addBindValue(now);
    q.addBindValue(textValue(postgres ? m_consoleId : QString()));
    q.addBindValue(textValue(item.environment));
    if (StoreError e = exec(q, action); e.isError())
        return e;
    if (!q.next())
        return makeError(StoreError::Kind::Other,
                         StoreText::tr("The order database gave the new queue item no id."));
    const qint64 id = q.value(0).toLongLong();
    q.finish();
    if (!postgres) {
        if (StoreError e = tx.commit(action); e.isError())
            return e;
    }
    return id;
}

StoreResult<std::optional<QueueItem>> OrderStore::queueItem(qint64 id)
{
    const Call call(*this);
    if (call.failed())
        return call.error();
    return selectRow(m_db, u"SELECT " + kItemColumns + u" FROM queue_items WHERE id = ?"_s, {id},
                     StoreText::tr("reading the queue item"), readItem);
}

StoreResult<QList<QueueItem>> OrderStore::queueItems(const QString &environment)
{
    const Call call(*this);
    if (call.failed())
        return call.error();
    QVariantList values{textValue(environment)};
    const QString owner = ownerClause(&values);
    return selectRows(m_db,
                      u"SELECT " + kItemColumns + u" FROM queue_items WHERE environment = ?"_s +
                          owner + u" ORDER BY position, id"_s,
                      values, StoreText::tr("reading the queue"), readItem);
}

StoreResult<QList<QueueItem>> OrderStore::queueItemsInStates(const QString &environment,
                                                             const QList<QueueState> &states,
                                                             int limit)
{
    const Call call(*this);
    if (call.failed())
        return call.error();
    if (states.isEmpty() || limit == 0)
        return QList<QueueItem>();
    QVariantList values{textValue(environment)};
    const QString owner = ownerClause(&values);
    QStringList marks;
    for (const QueueState state : states) {
        values.append(queueStateKey(state));
        marks.append(u"?"_s);
    }
    QString sql = u"SELECT " + kItemColumns + u" FROM queue_items WHERE environment = ?"_s + owner +
                  u" AND state IN ("_s + marks.join(u", "_s) + u") ORDER BY position, id"_s;
    if (limit > 0) {
        sql += u" LIMIT ?"_s;
        values.append(limit);
    }
    return selectRows(m_db, sql, values, StoreText::tr("reading the queue"), readItem);
}

StoreStatus OrderStore::updateQueueItemProgress(qint64 id, const QueueItemProgress &progress)
{
    const Call call(*this);
    if (call.failed())
        return call.error();
    const StoreError e =
        writeOneRow(m_db,
                    u"UPDATE queue_items SET state = ?, attempt_count = ?, next_retry_ms = ?,"
                    " failure_reason = ?, bytes_sent = ?, updated_ms = ? WHERE id = ?"_s,
                    {queueStateKey(progress.state), progress.attemptCount,
                     timeValue(progress.nextRetry), textValue(progress.failureReason),
                     progress.bytesSent, QDateTime::currentMSecsSinceEpoch(), id},
                    StoreText::tr("saving the queue item's progress"), itemNotFound(id));
    if (e.isError())
        return e;
    return Done{};
}

StoreStatus OrderStore::updateQueueItemFile(qint64 id, qint64 size, const QDateTime &modified,
                                            const QString &sha256)
{
    const Call call(*this);
    if (call.failed())
        return call.error();
    const StoreError e = writeOneRow(
        m_db,
        u"UPDATE queue_items SET file_size = ?, file_mtime_ms = ?, sha256 = ?, updated_ms = ?"
        " WHERE id = ?"_s,
        {size, timeValue(modified), textValue(sha256), QDateTime::currentMSecsSinceEpoch(), id},
        StoreText::tr("saving the queue item's file details"), itemNotFound(id));
    if (e.isError())
        return e;
    return Done{};
}

StoreStatus OrderStore::updateQueueItemFacts(qint64 id, const QString &receiverEmail,
                                             const Decimal &price, const QString &currency,
                                             const QString &partnerJobId)
{
    const Call call(*this);
    if (call.failed())
        return call.error();
    const StoreError e =
        writeOneRow(m_db,
                    u"UPDATE queue_items SET receiver_email = ?, price = ?, currency = ?,"
                    " partner_job_id = ?, updated_ms = ? WHERE id = ?"_s,
                    {textValue(receiverEmail), price.toString(), textValue(currency),
                     textValue(partnerJobId), QDateTime::currentMSecsSinceEpoch(), id},
                    StoreText::tr("saving the queue item's order details"), itemNotFound(id));
    if (e.isError())
        return e;
    return Done{};
}

StoreStatus OrderStore::recordToken(qint64 id, const QString &token)
{
    const Call call(*this);
    if (call.failed())
        return call.error();
    if (token.trimmed().isEmpty())
        return makeError(StoreError::Kind::InvalidInput,
                         StoreText::tr("An empty token cannot be saved."));
    const QString action = StoreText::tr("saving the token");
    const bool postgres = m_location.isPostgres();
    // The token goes only to an item without one (UPDATE ... WHERE token IS NULL), and the
    // unique (environment, token) refuses one another item holds: no lock needed. PostgreSQL:
    // one statement that also says what the item held before.
    WriteTransaction tx(m_db);
    Statement q(m_db);
    QString existing;
    int written = 0;
    if (postgres) {
        q.prepare(u"WITH cur AS (SELECT token FROM queue_items WHERE id = ?),"
                  " upd AS (UPDATE queue_items SET token = ?, updated_ms = ?"
                  " WHERE id = ? AND token IS NULL RETURNING id)"
                  " SELECT cur.token, (SELECT COUNT(*) FROM upd) FROM cur"_s);
        q.addBindValue(id);
        q.addBindValue(token);
        q.addBindValue(QDateTime::currentMSecsSinceEpoch());
        q.addBindValue(id);
    } else {
        if (StoreError e = tx.begin(action); e.isError())
            return e;
        q.prepare(u"SELECT token, 0 FROM queue_items WHERE id = ?"_s);
        q.addBindValue(id);
    }
    if (StoreError e = exec(q, action); e.isError()) {
        if (e.kind == StoreError::Kind::Conflict)
            e.message = StoreText::tr("The token is already held by another queue item.");
        return e;
    }
    if (!q.next())
        return itemNotFound(id);
    existing = q.value(0).toString();
    written = q.value(1).toInt();
    q.finish();
    if (written == 1)
        return Done{};
    if (existing == token)
        return Done{}; // resumed: the token is already there
    if (!existing.isEmpty()) {
        qCWarning(lcOrders) << "Refused a second token for queue item" << id;
        return makeError(
            StoreError::Kind::Conflict,
            StoreText::tr("Queue item %1 already has a token; a queue item never gets a "
                          "second one.")
                .arg(id));
    }
    if (postgres) // another console's token came first
        return makeError(StoreError::Kind::Conflict,
                         StoreText::tr("Queue item %1 already has a token.").arg(id));
    q.prepare(u"UPDATE queue_items SET token = ?, updated_ms = ? WHERE id = ? AND token IS NULL"_s);
    q.addBindValue(token);
    q.addBindValue(QDateTime::currentMSecsSinceEpoch());
    q.addBindValue(id);
    if (StoreError e = exec(q, action); e.isError()) {
        if (e.kind == StoreError::Kind::Conflict)
            e.message = StoreText::tr("The token is already held by another queue item.");
        return e;
    }
    if (q.numRowsAffected() != 1)
        return makeError(StoreError::Kind::Conflict,
                         StoreText::tr("Queue item %1 already has a token.").arg(id));
    if (StoreError e = tx.commit(action); e.isError())
        return e;
    return Done{};
}

StoreStatus OrderStore::moveQueueItem(qint64 id, QueueMove move)
{
    const Call call(*this);
    if (call.failed())
        return call.error();
    const QString action = StoreText::tr("reordering the queue");
    // Reads positions and rewrites them: serialised with every console's reordering.
    WriteTransaction tx(m_db, WriteTransaction::Lock::AllWriters);
    if (StoreError e = tx.begin(action); e.isError())
        return e;
    Statement q(m_db);
    q.prepare(u"SELECT environment, position FROM queue_items WHERE id = ?"_s);
    q.addBindValue(id);
    if (StoreError e = exec(q, action); e.isError())
        return e;
    if (!q.next())
        return itemNotFound(id);
    const QString environment = q.value(0).toString();
    const qint64 position = q.value(1).toLongLong();
    q.finish();

    auto setPosition = [&](qint64 itemId, qint64 newPosition) {
        Statement u(m_db);
        u.prepare(u"UPDATE queue_items SET position = ? WHERE id = ?"_s);
        u.addBindValue(newPosition);
        u.addBindValue(itemId);
        return exec(u, action);
    };

    QString neighbourSql;
    switch (move) {
    case QueueMove::Up:
        neighbourSql = u"SELECT id, position FROM queue_items WHERE environment = ? AND"
                       " position < ? ORDER BY position DESC LIMIT 1"_s;
        break;
    case QueueMove::Down:
        neighbourSql = u"SELECT id, position FROM queue_items WHERE environment = ? AND"
                       " position > ? ORDER BY position ASC LIMIT 1"_s;
        break;
    case QueueMove::Top:
        neighbourSql = u"SELECT id, position FROM queue_items WHERE environment = ? AND"
                       " position < ? ORDER BY position ASC LIMIT 1"_s;
        break;
    case QueueMove::Bottom:
        neighbourSql = u"SELECT id, position FROM queue_items WHERE environment = ? AND"
                       " position > ? ORDER BY position DESC LIMIT 1"_s;
        break;
    }
    q.prepare(neighbourSql);
    q.addBindValue(textValue(environment));
    q.addBindValue(position);
    if (StoreError e = exec(q, action); e.isError())
        return e;
    if (!q.next())
        return Done{}; // already first / last
    const qint64 otherId = q.value(0).toLongLong();
    const qint64 otherPosition = q.value(1).toLongLong();
    q.finish();

    StoreError e;
    if (move == QueueMove::Up || move == QueueMove::Down) {
        e = setPosition(otherId, position);
        if (!e.isError())
            e = setPosition(id, otherPosition);
    } else {
        e = setPosition(id, move == QueueMove::Top ? otherPosition - 1 : otherPosition + 1);
    }
    if (e.isError())
        return e;
    if (StoreError c = tx.commit(action); c.isError())
        return c;
    return Done{};
}

StoreStatus OrderStore::removeQueueItem(qint64 id)
{
    const Call call(*this);
    if (call.failed())
        return call.error();
    const StoreError e = writeOneRow(m_db, u"DELETE FROM queue_items WHERE id = ?"_s, {id},
                                     StoreText::tr("removing the queue item"), itemNotFound(id));
    if (e.isError())
        return e;
    return Done{};
}

StoreStatus OrderStore::claimPostgresQueue()
{
    StoreResult<bool> taken = tryPostgresQueueClaim(m_db, m_consoleId);
    if (!taken)
        return taken.error();
    if (*taken) {
        if (!m_postgresQueueClaim)
            qCDebug(lcOrders) << "Claimed the upload queue of" << m_path;
        m_postgresQueueClaim = true;
        return Done{};
    }
    return queueHeldElsewhere();
}

StoreError OrderStore::queueHeldElsewhere()
{
    QString holder = postgresQueueClaimHolder(m_db, m_consoleId);
    if (holder.isEmpty())
        holder = StoreText::tr("a console that did not say its name");
    qCInfo(lcOrders).noquote() << "The upload queue of" << m_path << "is held by" << holder;
    return makeError(StoreError::Kind::Locked,
                     StoreText::tr("Another console (%1) is using the upload queue of the "
                                   "database %2. Only one console at a time uploads from a "
                                   "store, so that nothing is sent twice: wait until it has "
                                   "finished, or close it.")
                         .arg(holder, m_path));
}

StoreStatus OrderStore::claimQueue()
{
    const Call call(*this);
    if (call.failed())
        return call.error();
    if (m_location.isPostgres())
        return claimPostgresQueue();
    if (m_queueClaim)
        return Done{};
    auto lock = std::make_unique<QLockFile>(QDir(dataFolder()).filePath(queueLockFileName()));
    // Never stale by age: a console may work its queue for days. A holder that died is
    // recognised by its process id, and the system lock QLockFile holds dies with it.
    lock->setStaleLockTime(0);
    if (lock->tryLock(0)) {
        m_queueClaim = std::move(lock);
        qCDebug(lcOrders) << "Claimed the upload queue of" << dataFolder();
        return Done{};
    }
    switch (lock->error()) {
    case QLockFile::LockFailedError: {
        qint64 pid = 0;
        QString host;
        QString application;
        // The holder may be writing or removing its lock file this very moment: then who it
        // is cannot be read, and naming a guess would send the user after the wrong process.
        if (!lock->getLockInfo(&pid, &host, &application) || pid <= 0) {
            qCInfo(lcOrders).noquote()
                << "The upload queue of" << dataFolder() << "is held by an unnamed process";
            return makeError(
                StoreError::Kind::Locked,
                StoreText::tr("Another console is using the upload queue of the data folder %1. "
                              "Only one console at a time uploads from a data folder, so that "
                              "nothing is sent twice: wait until it has finished, or close it.")
                    .arg(QDir::toNativeSeparators(dataFolder())));
        }
        QString program = programOfProcess(pid);
        if (program.isEmpty())
            program = application.isEmpty() ? u"partner-console"_s : application;
        qCInfo(lcOrders).noquote()
            << "The upload queue of" << dataFolder() << "is held by" << program << "process" << pid;
        return makeError(
            StoreError::Kind::Locked,
            StoreText::tr("Another console (%1, process %2) is using the upload queue of the "
                          "data folder %3. Only one console at a time uploads from a data "
                          "folder, so that nothing is sent twice: wait until it has finished, "
                          "or close it.")
                .arg(program)
                .arg(pid)
                .arg(QDir::toNativeSeparators(dataFolder())));
    }
    case QLockFile::PermissionError:
        return readOnlyError(u"queue.lock cannot be created"_s);
    case QLockFile::NoError:
    case QLockFile::UnknownError:
        break;
    }
    if (storedetail::diskIsFull(dataFolder()))
        return storedetail::diskFullError(dataFolder(), StoreText::tr("locking the upload queue"),
                                          u"queue.lock cannot be written"_s);
    return makeError(StoreError::Kind::Other,
                     StoreText::tr("The upload queue of the data folder %1 cannot be locked for "
                                   "this console.")
                         .arg(QDir::toNativeSeparators(dataFolder())));
}

void OrderStore::releaseQueueClaim()
{
    if (m_postgresQueueClaim) {
        m_postgresQueueClaim = false;
        if (isOpen() && isConnected()) // a lost connection took the claim with it
            releasePostgresQueueClaim(m_db, m_consoleId);
        qCDebug(lcOrders) << "Released the upload queue of" << m_path;
    }
    if (m_queueClaim) {
        m_queueClaim.reset(); // unlocks and removes queue.lock
        qCDebug(lcOrders) << "Released the upload queue of" << dataFolder();
    }
}

StoreResult<qint64> OrderStore::setMaxPageCountForTesting(qint64 pages)
{
    const Call call(*this);
    if (call.failed())
        return call.error();
    return setMaxPageCount(m_db, pages);
}

StoreResult<qint64> OrderStore::pageCountForTesting()
{
    const Call call(*this);
    if (call.failed())
        return call.error();
    return pageCount(m_db);
}

} // namespace pc

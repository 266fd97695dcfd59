#include "sandbox/sandboxstate.h"

#include "sandbox/sandboxlogging.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

#include <sys/stat.h>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace pc::sandbox {

namespace {

constexpr int kFormatVersion = 1;
// Waiting for another process's read-merge-write: it takes milliseconds, so this is generous.
constexpr int kLockWaitMs = 3000;

QJsonObject planToJson(const PrintSimulation &simulation)
{
    const PrintSimulation::Plan &plan = simulation.plan();
    return QJsonObject{{u"start_ms"_s, double(simulation.startMsecs())},
                       {u"speed"_s, simulation.speed()},
                       {u"printer_model"_s, plan.printerModel},
                       {u"succeeds"_s, plan.succeeds},
                       {u"warm_up_s"_s, plan.warmUpSeconds},
                       {u"print_s"_s, plan.printSeconds},
                       {u"fail_at"_s, plan.failAtFraction},
                       {u"confirm_after_s"_s, plan.confirmAfterSeconds},
                       {u"message"_s, plan.message}};
}

PrintSimulation planFromJson(const QJsonObject &json)
{
    PrintSimulation::Plan plan;
    plan.printerModel = json.value(u"printer_model"_s).toString();
    plan.succeeds = json.value(u"succeeds"_s).toBool(true);
    plan.warmUpSeconds = json.value(u"warm_up_s"_s).toDouble(60);
    plan.printSeconds = std::max(1.0, json.value(u"print_s"_s).toDouble(1800));
    plan.failAtFraction = std::clamp(json.value(u"fail_at"_s).toDouble(1.0), 0.0, 1.0);
    plan.confirmAfterSeconds = json.value(u"confirm_after_s"_s).toDouble(120);
    plan.message = json.value(u"message"_s).toString();
    return PrintSimulation(plan, qint64(json.value(u"start_ms"_s).toDouble()),
                           json.value(u"speed"_s).toDouble(1.0));
}

QJsonObject recordToJson(const TokenRecord &record)
{
    QJsonObject json{{u"token"_s, record.token},
                     {u"created_at"_s, record.createdAt.toString(Qt::ISODateWithMs)}};
    if (record.uploaded) {
        json.insert(u"upload"_s,
                    QJsonObject{{u"file_name"_s, record.fileName},
                                {u"size"_s, double(record.size)},
                                {u"receiver_email"_s, record.receiverEmail},
                                {u"print_value"_s, record.printValue},
                                {u"print_value_currency"_s, record.currency},
                                {u"partner_job_id"_s, record.partnerJobId},
                                {u"uploaded_at"_s, record.uploadedAt.toString(Qt::ISODateWithMs)}});
    }
    if (record.autoPrintAtMs >= 0)
        json.insert(u"auto_print_at_ms"_s, double(record.autoPrintAtMs));
    if (record.simulation.isStarted())
        json.insert(u"print"_s, planToJson(record.simulation));
    return json;
}

// A token is 32 hex digits: anything else in the file is not one of ours.
bool isToken(const QString &token)
{
    if (token.size() != 32)
        return false;
    return std::all_of(token.cbegin(), token.cend(), [](QChar c) {
        return (c >= u'0' && c <= u'9') || (c >= u'a' && c <= u'f');
    });
}

} // namespace

SandboxState::SandboxState(const QString &folder)
    : m_folder(QDir::cleanPath(folder))
    , m_stateLock(m_folder + u"/state.lock"_s)
{}

SandboxState::~SandboxState() = default;

QString SandboxState::stateFilePath() const
{
    return m_folder + u"/state.json"_s;
}

QString SandboxState::filePathFor(const QString &token) const
{
    return m_folder + u"/files/"_s + token + u".stl"_s;
}

bool SandboxState::prepare()
{
    QDir dir;
    if (!dir.mkpath(m_folder + u"/files"_s)) {
        m_error = u"cannot create the folder %1"_s.arg(m_folder + u"/files"_s);
        return false;
    }
    // Uploaded designs and the sandbox's key: for this user only.
    QFile::setPermissions(m_folder,
                          QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    return true;
}

bool SandboxState::claimOwnership()
{
    if (m_ownerLock)
        return true;
    auto lock = std::make_unique<SharedFileLock>(m_folder + u"/owner.lock"_s);
    if (!lock->tryLock(SharedFileLock::Mode::Exclusive))
        return false;
    m_ownerLock = std::move(lock);
    return true;
}

bool SandboxState::isOwner() const
{
    return m_ownerLock != nullptr;
}

void SandboxState::releaseOwnership()
{
    m_ownerLock.reset();
}

SandboxState::Stamp SandboxState::stampOf(const QString &path)
{
    struct stat info = {};
    if (::stat(QFile::encodeName(path).constData(), &info) != 0)
        return {};
    return Stamp{quint64(info.st_ino),
                 qint64(info.st_mtim.tv_sec) * 1'000'000'000 + qint64(info.st_mtim.tv_nsec),
                 qint64(info.st_size)};
}

void SandboxState::moveAside(const QString &reason)
{
    const QString path = stateFilePath();
    const QString aside =
        path + u".damaged-"_s + QDateTime::currentDateTime().toString(u"yyyyMMdd-HHmmss"_s);
    QFile::remove(aside);
    if (QFile::rename(path, aside))
        qCWarning(lcSandbox).noquote()
            << "The sandbox state file" << path << u"is damaged (%1);"_s.arg(reason)
            << "moved it aside to" << aside << "and the sandbox starts empty";
    else
        qCWarning(lcSandbox).noquote()
            << "The sandbox state file" << path << u"is damaged (%1)"_s.arg(reason)
            << "and could not be moved aside; the sandbox starts empty and will replace it";
    m_stamp = {};
}

SandboxState::ReadResult SandboxState::readFile(QHash<QString, TokenRecord> &tokens, bool force,
                                                bool *changed)
{
    const QString path = stateFilePath();
    const Stamp stamp = stampOf(path);
    if (stamp.size < 0)
        return ReadResult::Missing;
    if (!force && stamp == m_stamp)
        return ReadResult::Unchanged;
    if (stamp.size > kMaxStateBytes) {
        moveAside(u"%1 bytes, more than the %2 it may have"_s.arg(stamp.size).arg(kMaxStateBytes));
        return ReadResult::Damaged;
    }
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        qCWarning(lcSandbox).noquote()
            << "Cannot read the sandbox state file" << path << ":" << file.errorString();
        return ReadResult::Missing;
    }
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(file.read(kMaxStateBytes), &error);
    file.close();
    if (error.error != QJsonParseError::NoError || !document.isObject()) {
        moveAside(error.error != QJsonParseError::NoError
                      ? u"not JSON: %1 at byte %2"_s.arg(error.errorString()).arg(error.offset)
                      : u"not a JSON object"_s);
        return ReadResult::Damaged;
    }
    const QJsonObject root = document.object();
    if (root.value(u"version"_s).toInt() != kFormatVersion || !root.value(u"tokens"_s).isArray()) {
        moveAside(u"unknown format version or no token list"_s);
        return ReadResult::Damaged;
    }
    m_stamp = stamp;

    const int port = root.value(u"port"_s).toInt();
    if (port > 0 && port <= 65535 && !isOwner())
        m_port = quint16(port); // the owner's port is the one it listens on
    const QString key = root.value(u"api_key"_s).toString();
    if (!key.isEmpty())
        m_apiKey = key; // one key for every sandbox of the folder: the first one saved

    const QJsonArray list = root.value(u"tokens"_s).toArray();
    for (const QJsonValue &value : list) {
        const QJsonObject json = value.toObject();
        TokenRecord record;
        record.token = json.value(u"token"_s).toString();
        if (!isToken(record.token))
            continue; // a hand-edited entry: skipped, the rest is kept
        record.createdAt =
            QDateTime::fromString(json.value(u"created_at"_s).toString(), Qt::ISODateWithMs);
        if (const QJsonObject upload = json.value(u"upload"_s).toObject(); !upload.isEmpty()) {
            record.uploaded = true;
            record.fileName = upload.value(u"file_name"_s).toString();
            record.size = qint64(upload.value(u"size"_s).toDouble());
            record.filePath = filePathFor(record.token);
            record.receiverEmail = upload.value(u"receiver_email"_s).toString();
            record.printValue = upload.value(u"print_value"_s).toString();
            record.currency = upload.value(u"print_value_currency"_s).toString();
            record.partnerJobId = upload.value(u"partner_job_id"_s).toString();
            record.uploadedAt =
                QDateTime::fromString(upload.value(u"uploaded_at"_s).toString(), Qt::ISODateWithMs);
        }
        if (json.contains(u"auto_print_at_ms"_s))
            record.autoPrintAtMs = qint64(json.value(u"auto_print_at_ms"_s).toDouble());
        if (const QJsonObject print = json.value(u"print"_s).toObject(); !print.isEmpty())
            record.simulation = planFromJson(print);

        const auto it = tokens.find(record.token);
        if (it == tokens.end()) {
            tokens.insert(record.token, record);
            *changed = true;
        } else if (record.progress() >= it->progress() &&
                   (record.progress() > it->progress() ||
                    record.simulation.startMsecs() != it->simulation.startMsecs() ||
                    record.autoPrintAtMs != it->autoPrintAtMs)) {
            // The saved copy is as far along or further: it wins, the counters stay.
            record.statusRequests = it->statusRequests;
            record.uploadRequests = it->uploadRequests;
            record.lastStatusRequestMs = it->lastStatusRequestMs;
            record.shortestStatusGapMs = it->shortestStatusGapMs;
            *it = record;
            *changed = true;
        }
    }
    return ReadResult::Read;
}

bool SandboxState::reload(QHash<QString, TokenRecord> &tokens, bool force)
{
    if (!force && stampOf(stateFilePath()) == m_stamp)
        return false; // the common case: one stat per request
    if (!m_stateLock.lock(SharedFileLock::Mode::Exclusive, QDeadlineTimer(kLockWaitMs))) {
        qCWarning(lcSandbox).noquote()
            << "Cannot lock the sandbox state to read it:"
            << (m_stateLock.timedOut() ? u"another process holds it"_s : m_stateLock.errorString());
        return false;
    }
    bool changed = false;
    readFile(tokens, force, &changed);
    m_stateLock.unlock();
    return changed;
}

bool SandboxState::save(QHash<QString, TokenRecord> &tokens)
{
    if (!m_stateLock.lock(SharedFileLock::Mode::Exclusive, QDeadlineTimer(kLockWaitMs))) {
        qCWarning(lcSandbox).noquote()
            << "Cannot lock the sandbox state to save it:"
            << (m_stateLock.timedOut() ? u"another process holds it"_s : m_stateLock.errorString());
        return false;
    }
    bool changed = false;
    readFile(tokens, false, &changed);

    if (tokens.size() > kMaxTokens) {
        QList<TokenRecord> byAge = tokens.values();
        std::sort(byAge.begin(), byAge.end(), [](const TokenRecord &a, const TokenRecord &b) {
            return a.createdAt < b.createdAt;
        });
        const qsizetype excess = tokens.size() - kMaxTokens;
        for (qsizetype i = 0; i < excess; ++i) {
            if (!byAge.at(i).filePath.isEmpty())
                QFile::remove(byAge.at(i).filePath);
            tokens.remove(byAge.at(i).token);
        }
        qCInfo(lcSandbox) << "The sandbox keeps at most" << kMaxTokens << "tokens; dropped the"
                          << excess << "oldest";
    }

    QJsonArray list;
    for (const TokenRecord &record : std::as_const(tokens))
        list.append(recordToJson(record));
    QJsonObject root{{u"version"_s, kFormatVersion}, {u"tokens"_s, list}};
    if (m_port > 0)
        root.insert(u"port"_s, int(m_port));
    if (!m_apiKey.isEmpty())
        root.insert(u"api_key"_s, m_apiKey);

    QSaveFile file(stateFilePath());
    bool written = file.open(QIODevice::WriteOnly);
    if (written) {
        file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
        written =
            file.write(QJsonDocument(root).toJson(QJsonDocument::Indented)) >= 0 && file.commit();
    }
    if (written)
        m_stamp = stampOf(stateFilePath());
    else
        qCWarning(lcSandbox).noquote() << "Cannot save the sandbox state" << stateFilePath() << ":"
                                       << file.errorString() << "- it is kept in memory only";
    m_stateLock.unlock();
    return written;
}

} // namespace pc::sandbox

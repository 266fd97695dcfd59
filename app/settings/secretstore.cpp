#include "settings/secretstore.h"

#include "common/redaction.h"
#include "common/secretfile.h"

#include <QDir>
#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QStandardPaths>

#include <qt6keychain/keychain.h>

#include <cstdio>

using namespace Qt::StringLiterals;

namespace pc {

namespace {

// Information and above by default like the other modules (what the keychain said; never the key).
Q_LOGGING_CATEGORY(lcKey, "pc.settings.key", QtInfoMsg)

// The secrets held for this process only (no keychain, no file chosen), one slot per
// secret. Never written anywhere.
QString &sessionSlot(SecretStore::Secret secret)
{
    static QString apiKey;
    static QString databasePassword;
    return secret == SecretStore::Secret::ApiKey ? apiKey : databasePassword;
}

bool keychainMissing(QKeychain::Error error)
{
    // No service to talk to (no Secret Service / KWallet on the session bus, no session bus).
    return error == QKeychain::NoBackendAvailable || error == QKeychain::NotImplemented ||
           error == QKeychain::OtherError;
}

const QFileDevice::Permissions kOwnerOnly = QFileDevice::ReadOwner | QFileDevice::WriteOwner;

} // namespace

SecretStore::SecretStore(Secret secret, QObject *parent)
    : QObject(parent)
    , m_secret(secret)
    , m_filePath(QDir(QStandardPaths::writableLocation(QStandardPaths::AppConfigLocation))
                     .filePath(keychainKey(secret)))
{}

SecretStore::~SecretStore() = default;

QString SecretStore::keychainService()
{
    return u"DesignStreaming partner-console"_s;
}

QString SecretStore::keychainKey(Secret secret)
{
    return secret == Secret::ApiKey ? u"api-key"_s : u"database-password"_s;
}

QString &SecretStore::sessionValue() const
{
    return sessionSlot(m_secret);
}

QString SecretStore::pick(const QString &apiKeyText, const QString &passwordText) const
{
    return m_secret == Secret::ApiKey ? apiKeyText : passwordText;
}

void SecretStore::load()
{
    if (!m_keychainEnabled) {
        Loaded result;
        result.keychainAvailable = false;
        Q_EMIT loaded(loadFromFallbacks(result));
        return;
    }
    auto *job = new QKeychain::ReadPasswordJob(keychainService(), this);
    job->setKey(keychainKey(m_secret));
    job->setInsecureFallback(false);
    connect(job, &QKeychain::Job::finished, this, [this, job] {
        Loaded result;
        if (job->error() == QKeychain::NoError && !job->textData().trimmed().isEmpty()) {
            result.key = job->textData().trimmed();
            result.location = Location::Keychain;
            registerSecret(result.key);
            Q_EMIT loaded(result);
            return;
        }
        if (job->error() != QKeychain::NoError && job->error() != QKeychain::EntryNotFound) {
            result.keychainAvailable = !keychainMissing(job->error());
            result.problem = result.keychainAvailable
                                 ? pick(tr("The system keychain refused to give out the API "
                                           "key: %1"),
                                        tr("The system keychain refused to give out the "
                                           "database password: %1"))
                                       .arg(job->errorString())
                                 : tr("No system keychain is available on this computer.");
            qCInfo(lcKey).noquote() << "keychain read:" << job->errorString();
        }
        Q_EMIT loaded(loadFromFallbacks(result));
    });
    job->start();
}

SecretStore::Loaded SecretStore::loadFromFallbacks(Loaded result) const
{
    if (!sessionValue().isEmpty()) {
        result.key = sessionValue();
        result.location = Location::Session;
        return result;
    }
    if (!QFileInfo::exists(m_filePath))
        return result;
    const SecretFile file = SecretFile::read(m_filePath);
    if (!file.isValid()) {
        // Someone widened it, or put something else there: refuse rather than use a secret
        // others may have read or replaced.
        result.problem = pick(tr("The saved API key was not used: %1 Enter the key again in "
                                 "Settings."),
                              tr("The saved database password was not used: %1 Enter the "
                                 "password again in Settings."))
                             .arg(file.problem);
        return result;
    }
    registerSecret(file.secret);
    result.key = file.secret;
    result.location = Location::File;
    return result;
}

void SecretStore::save(const QString &rawKey, bool fileFallback)
{
    const QString key = rawKey.trimmed();
    registerSecret(key);
    const auto fallback = [this, key, fileFallback](bool keychainAvailable, const QString &why) {
        Saved result;
        result.keychainAvailable = keychainAvailable;
        if (fileFallback) {
            QString error;
            result.ok = writeFile(key, &error);
            result.location = result.ok ? Location::File : Location::None;
            result.message =
                result.ok ? pick(tr("%1 The key was saved in %2, readable only by you."),
                                 tr("%1 The password was saved in %2, readable only by you."))
                                .arg(why, m_filePath)
                          : error;
            if (result.ok)
                sessionValue().clear();
        } else {
            sessionValue() = key;
            result.ok = true;
            result.location = Location::Session;
            result.message = pick(tr("%1 The key is kept until the console closes; you will be "
                                     "asked for it again next time."),
                                  tr("%1 The password is kept until the console closes; you "
                                     "will be asked for it again next time."))
                                 .arg(why);
        }
        Q_EMIT saved(result);
    };
    if (!m_keychainEnabled) {
        fallback(false, tr("No system keychain is available."));
        return;
    }
    auto *job = new QKeychain::WritePasswordJob(keychainService(), this);
    job->setKey(keychainKey(m_secret));
    job->setInsecureFallback(false);
    job->setTextData(key);
    connect(job, &QKeychain::Job::finished, this, [this, job, fallback] {
        if (job->error() == QKeychain::NoError) {
            sessionValue().clear();
            QFile::remove(m_filePath); // one place only: the keychain wins
            Saved result;
            result.ok = true;
            result.location = Location::Keychain;
            result.message = pick(tr("The key was saved in the system keychain."),
                                  tr("The password was saved in the system keychain."));
            Q_EMIT saved(result);
            return;
        }
        qCInfo(lcKey).noquote() << "keychain write:" << job->errorString();
        if (keychainMissing(job->error())) {
            fallback(false, tr("No system keychain is available."));
            return;
        }
        Saved result;
        result.message = pick(tr("The system keychain did not store the key: %1"),
                              tr("The system keychain did not store the password: %1"))
                             .arg(job->errorString());
        Q_EMIT saved(result);
    });
    job->start();
}

bool SecretStore::writeFile(const QString &key, QString *error) const
{
    const QFileInfo info(m_filePath);
    if (!QDir().mkpath(info.absolutePath())) {
        *error = tr("The folder %1 cannot be created.").arg(info.absolutePath());
        return false;
    }
    // Created with owner-only permissions from the first byte (no window in which the file
    // is readable by others), then moved over the old one.
    const QString temporary = m_filePath + u".new"_s;
    QFile::remove(temporary);
    QFile file(temporary);
    if (!file.open(QIODevice::WriteOnly | QIODevice::NewOnly, kOwnerOnly)) {
        *error = tr("The file %1 cannot be written: %2").arg(temporary, file.errorString());
        return false;
    }
    const QByteArray bytes = key.toUtf8() + '\n';
    const bool written = file.write(bytes) == bytes.size() && file.flush();
    file.close();
    if (!written || std::rename(QFile::encodeName(temporary).constData(),
                                QFile::encodeName(m_filePath).constData()) != 0) {
        QFile::remove(temporary);
        *error = tr("The file %1 cannot be written.").arg(m_filePath);
        return false;
    }
    return true;
}

void SecretStore::forget()
{
    sessionValue().clear();
    const bool fileGone = !QFile::exists(m_filePath) || QFile::remove(m_filePath);
    if (!m_keychainEnabled) {
        Q_EMIT forgotten(fileGone, fileGone
                                       ? QString()
                                       : tr("The file %1 could not be removed.").arg(m_filePath));
        return;
    }
    auto *job = new QKeychain::DeletePasswordJob(keychainService(), this);
    job->setKey(keychainKey(m_secret));
    job->setInsecureFallback(false);
    connect(job, &QKeychain::Job::finished, this, [this, job, fileGone] {
        const bool ok =
            fileGone && (job->error() == QKeychain::NoError ||
                         job->error() == QKeychain::EntryNotFound || keychainMissing(job->error()));
        Q_EMIT forgotten(ok,
                         ok ? QString()
                            : pick(tr("The API key could not be removed everywhere: %1"),
                                   tr("The database password could not be removed everywhere: %1"))
                                  .arg(job->errorString()));
    });
    job->start();
}

SecretStore::Loaded SecretStore::loadNow()
{
    Loaded result;
    bool done = false;
    QEventLoop loop;
    const QMetaObject::Connection connection =
        connect(this, &SecretStore::loaded, &loop, [&](const Loaded &loadedResult) {
            result = loadedResult;
            done = true; // load() may answer before the loop runs (no keychain)
            loop.quit();
        });
    load();
    if (!done)
        loop.exec();
    disconnect(connection);
    return result;
}

} // namespace pc

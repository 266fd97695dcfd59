#pragma once

// Looking for a secret wherever it might have gone (RELIABILITY.md, "Secrets"): in files, in
// streams, in log messages, in every shape it could take there (raw, percent-encoded, hex,
// UTF-16, base64 at the three alignments). Used by tst_secrets (the API key) and
// tst_databasesecrets (the team database's password).

#include <QByteArray>
#include <QDirIterator>
#include <QFile>
#include <QList>
#include <QRandomGenerator>
#include <QString>
#include <QStringList>
#include <QUrl>

namespace pc::test {

inline QString randomHex(int bytes)
{
    QByteArray raw(bytes, Qt::Uninitialized);
    for (char &byte : raw)
        byte = char(QRandomGenerator::system()->bounded(256));
    return QString::fromLatin1(raw.toHex());
}

// Every shape a secret could take in a file or a stream.
struct SecretForms
{
    QString name;
    QList<QByteArray> forms;
};

// `randomCore` is the part of `secret` that alone is enough to count as a leak.
inline SecretForms formsOf(const QString &name, const QString &secret, const QString &randomCore)
{
    const QByteArray raw = secret.toUtf8();
    SecretForms result{name, {}};
    result.forms = {
        raw, QUrl::toPercentEncoding(secret), randomCore.toLatin1(), raw.toHex(),
        QByteArray(reinterpret_cast<const char *>(randomCore.utf16()), randomCore.size() * 2)};
    // base64 of the secret inside a longer blob, at each of the three alignments: drop the
    // characters the neighbouring bytes also shape.
    for (int offset = 0; offset < 3; ++offset) {
        for (const auto options : {QByteArray::Base64Encoding, QByteArray::Base64UrlEncoding}) {
            QByteArray encoded = QByteArray(QByteArray(offset, 'x') + raw).toBase64(options);
            encoded = encoded.mid(offset == 0 ? 0 : 4);
            encoded.chop(4);
            result.forms.append(encoded);
        }
    }
    return result;
}

// The secret forms found in `bytes`, in words; empty when clean.
inline QString leaksIn(const QList<SecretForms> &secrets, const QByteArray &bytes)
{
    QStringList found;
    for (const SecretForms &secret : secrets) {
        for (const QByteArray &form : secret.forms) {
            if (bytes.contains(form)) {
                found.append(secret.name + QStringLiteral(" as \"") + QString::fromLatin1(form) +
                             u'"');
                break;
            }
        }
    }
    return found.join(QStringLiteral(", "));
}

// Every file under `folder` that holds a secret, `allowed` excepted; an unreadable file
// counts (it was not searched).
inline QStringList filesWithLeaks(const QList<SecretForms> &secrets, const QString &folder,
                                  const QStringList &allowed)
{
    QStringList leaks;
    QDirIterator it(folder, QDir::Files | QDir::Hidden | QDir::System,
                    QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        if (allowed.contains(path))
            continue;
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly)) {
            leaks.append(path + QStringLiteral(" (unreadable: ") + file.errorString() + u')');
            continue;
        }
        const QString found = leaksIn(secrets, file.readAll());
        if (!found.isEmpty())
            leaks.append(path + QStringLiteral(": ") + found);
    }
    return leaks;
}

} // namespace pc::test

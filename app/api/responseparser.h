#pragma once

#include "api/apierror.h"
#include "api/printstatus.h"

#include <QByteArrayView>
#include <QJsonObject>
#include <QString>
#include <QUrl>

namespace pc {

struct TokenResult
{
    ApiError error;
    QString token;
    bool isOk() const { return !error.isError(); }
};

struct TokenLinks
{
    QUrl tokenLink;    // token_link
    QUrl sslTokenLink; // ssl_token_link (may be empty)
};

struct UploadResult
{
    ApiError error;
    TokenLinks links;
    bool isOk() const { return !error.isError(); }
};

struct PrintStatusResult
{
    ApiError error;
    PrintStatus status;
    bool isOk() const { return !error.isError(); }
};

// Pure functions from a response body to a typed result: no network, no state, safe on any
// byte sequence (they are fuzzed). Every function handles the envelope of API.md:
// success is status.code == "ok" (case-insensitive) with a data object; anything else is an
// error whose text comes from description / extended_description.
namespace ResponseParser {

struct Envelope
{
    ApiError error;
    QJsonObject data;
    bool hasData = false; // a `data` object was present (not missing, not null)
};

Envelope parseEnvelope(QByteArrayView body);
TokenResult parseToken(QByteArrayView body);
UploadResult parseUpload(QByteArrayView body);
PrintStatusResult parsePrintStatus(QByteArrayView body);

// Reads the print-status fields from a data object: both `printing_job_status` and
// `printing_job_status_name`, numbers as numbers, numeric strings or null. Exposed so the
// sandbox and the store can share the exact rules.
PrintStatus printStatusFromData(const QJsonObject &data);

} // namespace ResponseParser

} // namespace pc

Q_DECLARE_METATYPE(pc::TokenResult)
Q_DECLARE_METATYPE(pc::UploadResult)
Q_DECLARE_METATYPE(pc::PrintStatusResult)

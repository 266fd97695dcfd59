// The sandbox's pages for people and tests: the 400 x 400 token-link page, the status and
// Print endpoints that page uses (no API key: the customer never has one), and the fault
// control and statistics endpoints for tests in other processes.

#include "sandbox/sandboxserver_p.h"

#include <QJsonArray>
#include <QJsonObject>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace pc {

HttpResponse SandboxServerPrivate::tokenPage(const Incoming &in) const
{
    // The customer's browser says which language it reads.
    const PageLanguage language = pageLanguage(in.acceptLanguage);
    const QString token = in.param(u"token").trimmed();
    const auto it = tokens.constFind(token);
    if (token.isEmpty())
        return notFoundResponse(language, MissingPage::NoToken);
    if (it == tokens.cend() || !it->uploaded)
        return notFoundResponse(language, MissingPage::NoDesign);

    return tokenPageResponse(it->fileName, it->size, it->token, PrintSimulation::printerModels(),
                             language);
}

HttpResponse SandboxServerPrivate::sandboxTokenStatus(const Incoming &in) const
{
    if (in.method != QHttpServerRequest::Method::Get)
        return errorResponse(405, u"Method not allowed"_s, u"Use GET."_s);
    const QString token = in.param(u"token").trimmed();
    const auto it = tokens.constFind(token);
    if (it == tokens.cend())
        return errorResponse(404, u"Unknown token"_s,
                             u"No transaction has the token %1."_s.arg(token));
    return jsonResponse(200, okEnvelope(statusData(*it)));
}

HttpResponse SandboxServerPrivate::sandboxPrint(const Incoming &in)
{
    if (in.method != QHttpServerRequest::Method::Post)
        return errorResponse(405, u"Method not allowed"_s, u"Use POST."_s);
    const QString token = in.param(u"token").trimmed();
    const QString model = in.param(u"printer_model").trimmed().left(80);
    const auto it = tokens.constFind(token);
    if (it == tokens.cend())
        return errorResponse(404, u"Unknown token"_s,
                             u"No transaction has the token %1."_s.arg(token));
    if (!it->uploaded)
        return errorResponse(409, u"Nothing to print"_s,
                             u"No design was uploaded for this token."_s);
    if (it->simulation.isStarted())
        return errorResponse(409, u"Print already started"_s,
                             u"This design is already being printed."_s);
    q->startPrint(token, model);
    return jsonResponse(200, okEnvelope(statusData(*tokens.constFind(token))));
}

HttpResponse SandboxServerPrivate::sandboxFaults(const Incoming &in)
{
    if (!keyMatches(in.param(u"api_key")))
        return invalidKey();
    if (in.method == QHttpServerRequest::Method::Put) {
        QString error;
        const std::optional<FaultPlan> plan = FaultPlan::parse(QString::fromUtf8(in.body), &error);
        if (!plan)
            return errorResponse(400, u"Invalid fault spec"_s, error);
        q->setFaultPlan(*plan);
    } else if (in.method != QHttpServerRequest::Method::Get) {
        return errorResponse(405, u"Method not allowed"_s, u"Use GET or PUT."_s);
    }
    return jsonResponse(
        200, QJsonObject{{u"spec"_s, dice.plan().toSpec()}, {u"active"_s, dice.plan().isActive()}});
}

// What the sandbox received, for tests in other processes (the crash test counts tokens and
// files per transaction): every token with its file, if any, the request count, and per token
// how often its status was asked and the shortest time between two asks (the 15 s rule).
HttpResponse SandboxServerPrivate::sandboxStats(const Incoming &in) const
{
    if (!keyMatches(in.param(u"api_key")))
        return invalidKey();
    if (in.method != QHttpServerRequest::Method::Get)
        return errorResponse(405, u"Method not allowed"_s, u"Use GET."_s);
    QList<const TokenRecord *> records;
    for (const TokenRecord &record : tokens)
        records.append(&record);
    std::sort(records.begin(), records.end(),
              [](const TokenRecord *a, const TokenRecord *b) { return a->token < b->token; });
    QJsonArray list;
    int files = 0;
    int statusRequests = 0;
    qint64 shortestGap = -1;
    const auto gapValue = [](qint64 gap) {
        return gap < 0 ? QJsonValue(QJsonValue::Null) : QJsonValue(double(gap));
    };
    for (const TokenRecord *record : std::as_const(records)) {
        QJsonObject entry{{u"token"_s, record->token},
                          {u"uploaded"_s, record->uploaded},
                          {u"status_requests"_s, record->statusRequests},
                          {u"shortest_status_gap_ms"_s, gapValue(record->shortestStatusGapMs)}};
        statusRequests += record->statusRequests;
        if (record->shortestStatusGapMs >= 0 &&
            (shortestGap < 0 || record->shortestStatusGapMs < shortestGap))
            shortestGap = record->shortestStatusGapMs;
        if (record->uploaded) {
            ++files;
            entry.insert(u"file_name"_s, record->fileName);
            entry.insert(u"size"_s, record->size);
        }
        list.append(entry);
    }
    return jsonResponse(200, QJsonObject{{u"tokens"_s, list.size()},
                                         {u"files"_s, files},
                                         {u"api_requests"_s, totalRequests},
                                         {u"status_requests"_s, statusRequests},
                                         {u"shortest_status_gap_ms"_s, gapValue(shortestGap)},
                                         {u"transactions"_s, list}});
}

} // namespace pc

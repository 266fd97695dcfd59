#include "sandbox/faultplan.h"

#include <QLocale>

#include <array>

using namespace Qt::StringLiterals;

namespace pc {

namespace {

struct CallName
{
    FaultPlan::Call call;
    QStringView name;
};

constexpr std::array<CallName, 3> kCallNames{{
    {FaultPlan::TokenCall, u"token"},
    {FaultPlan::UploadCall, u"upload"},
    {FaultPlan::StatusCall, u"status"},
}};

QString number(double value)
{
    return QString::number(value, 'g', QLocale::FloatingPointShortest);
}

// A probability: "0.25", "1", or "25%".
std::optional<double> parseRate(QStringView text)
{
    bool ok = false;
    double value = 0;
    if (text.endsWith(u'%'))
        value = text.chopped(1).toDouble(&ok) / 100.0;
    else
        value = text.toDouble(&ok);
    if (!ok || !(value >= 0.0 && value <= 1.0))
        return std::nullopt;
    return value;
}

// Milliseconds: "300", "300ms", "1.5s".
std::optional<std::chrono::milliseconds> parseDuration(QStringView text)
{
    bool ok = false;
    double ms = 0;
    if (text.endsWith(u"ms"))
        ms = text.chopped(2).toDouble(&ok);
    else if (text.endsWith(u's'))
        ms = text.chopped(1).toDouble(&ok) * 1000.0;
    else
        ms = text.toDouble(&ok);
    if (!ok || !(ms >= 0.0 && ms <= 3'600'000.0))
        return std::nullopt;
    return std::chrono::milliseconds(qint64(ms + 0.5));
}

std::optional<int> parseCalls(QStringView text)
{
    if (text == u"all")
        return FaultPlan::AllCalls;
    int calls = 0;
    for (const QStringView part : text.split(u'+')) {
        const auto it = std::find_if(kCallNames.begin(), kCallNames.end(),
                                     [part](const CallName &c) { return c.name == part; });
        if (it == kCallNames.end())
            return std::nullopt;
        calls |= it->call;
    }
    return calls == 0 ? std::nullopt : std::optional<int>(calls);
}

// Splits the spec into items at commas and blanks outside double quotes; quotes are removed.
std::optional<QStringList> tokenize(const QString &spec, QString *error)
{
    QStringList items;
    QString current;
    bool inQuotes = false;
    for (const QChar c : spec) {
        if (c == u'"') {
            inQuotes = !inQuotes;
        } else if (!inQuotes && (c == u',' || c.isSpace())) {
            if (!current.isEmpty())
                items.append(current);
            current.clear();
        } else {
            current += c;
        }
    }
    if (inQuotes) {
        if (error)
            *error = u"unterminated double quote in the fault spec"_s;
        return std::nullopt;
    }
    if (!current.isEmpty())
        items.append(current);
    return items;
}

struct BadBodyName
{
    FaultPlan::BadBody kind;
    QStringView name;
};

constexpr std::array<BadBodyName, 6> kBadBodyNames{{
    {FaultPlan::BadBody::Truncated, u"truncated"},
    {FaultPlan::BadBody::Html, u"html"},
    {FaultPlan::BadBody::Empty, u"empty"},
    {FaultPlan::BadBody::WrongTypes, u"types"},
    {FaultPlan::BadBody::Nulls, u"nulls"},
    {FaultPlan::BadBody::Huge, u"huge"},
}};

struct TlsName
{
    FaultPlan::Tls mode;
    QStringView name;
};

constexpr std::array<TlsName, 3> kTlsNames{{
    {FaultPlan::Tls::Off, u"off"},
    {FaultPlan::Tls::SelfSigned, u"self-signed"},
    {FaultPlan::Tls::WrongHost, u"wrong-host"},
}};

std::optional<bool> parseSwitch(QStringView text)
{
    if (text == u"1" || text == u"on" || text == u"yes" || text == u"true")
        return true;
    if (text == u"0" || text == u"off" || text == u"no" || text == u"false")
        return false;
    return std::nullopt;
}

QString quotedIfNeeded(const QString &value)
{
    for (const QChar c : value) {
        if (c == u',' || c.isSpace())
            return u'"' + value + u'"';
    }
    return value;
}

} // namespace

bool FaultPlan::isActive() const
{
    // The conditions apply whatever the budget says.
    if (uploadBytesPerSecond > 0 || !statusValue.isEmpty() || tls != Tls::Off)
        return true;
    if (budget == 0 || (calls & AllCalls) == 0)
        return false;
    return latency.count() > 0 || serverErrorRate > 0 || clientErrorRate > 0 ||
           tooManyRequestsRate > 0 || dropUploadRate > 0 || stallUploadRate > 0 ||
           dropAfterUploadRate > 0 || malformedJsonRate > 0 || errorEnvelopeRate > 0 ||
           stallRate > 0;
}

std::optional<FaultPlan> FaultPlan::parse(const QString &spec, QString *error)
{
    const auto fail = [error](const QString &message) -> std::optional<FaultPlan> {
        if (error)
            *error = message;
        return std::nullopt;
    };
    const std::optional<QStringList> items = tokenize(spec, error);
    if (!items)
        return std::nullopt;

    FaultPlan plan;
    for (const QString &item : *items) {
        const QString lower = item.toLower();
        if (items->size() == 1 && (lower == u"off" || lower == u"none"))
            return plan;
        const qsizetype eq = item.indexOf(u'=');
        if (eq <= 0 || eq == item.size() - 1)
            return fail(u"'%1' is not a name=value item"_s.arg(item));
        const QString name = item.left(eq).trimmed().toLower();
        const QString value = item.mid(eq + 1).trimmed();
        const auto rate = [&](double *target) -> bool {
            const std::optional<double> parsed = parseRate(value);
            if (parsed)
                *target = *parsed;
            return parsed.has_value();
        };
        const QString badRate = u"%1: '%2' is not a rate between 0 and 1 (or 0%-100%)"_s;

        if (name == u"latency") {
            const auto parsed = parseDuration(value);
            if (!parsed)
                return fail(
                    u"latency: '%1' is not a duration in milliseconds (e.g. 300, 300ms, 1.5s)"_s
                        .arg(value));
            plan.latency = *parsed;
        } else if (name == u"http5xx" || name == u"5xx") {
            if (!rate(&plan.serverErrorRate))
                return fail(badRate.arg(name, value));
        } else if (name == u"status") {
            bool ok = false;
            const int status = value.toInt(&ok);
            if (!ok || (status != 500 && status != 502 && status != 503 && status != 504))
                return fail(u"status: '%1' is not one of 500, 502, 503, 504"_s.arg(value));
            plan.serverErrorStatus = status;
        } else if (name == u"retry-after-503") {
            const std::optional<bool> on = parseSwitch(value.toLower());
            if (!on)
                return fail(u"retry-after-503: '%1' is not 1 or 0 (on or off)"_s.arg(value));
            plan.retryAfterOn503 = *on;
        } else if (name == u"http4xx" || name == u"4xx") {
            if (!rate(&plan.clientErrorRate))
                return fail(badRate.arg(name, value));
        } else if (name == u"status4xx") {
            bool ok = false;
            const int status = value.toInt(&ok);
            if (!ok || (status != 400 && status != 401 && status != 403 && status != 413))
                return fail(u"status4xx: '%1' is not one of 400, 401, 403, 413"_s.arg(value));
            plan.clientErrorStatus = status;
        } else if (name == u"429") {
            if (!rate(&plan.tooManyRequestsRate))
                return fail(badRate.arg(name, value));
        } else if (name == u"retry-after") {
            if (value.contains(u'\r') || value.contains(u'\n') || value.contains(u'"'))
                return fail(u"retry-after: the value must not contain quotes or line breaks"_s);
            plan.retryAfter = value;
        } else if (name == u"drop-upload") {
            if (!rate(&plan.dropUploadRate))
                return fail(badRate.arg(name, value));
        } else if (name == u"at") {
            if (!rate(&plan.dropUploadAtFraction))
                return fail(
                    u"at: '%1' is not a fraction of the body between 0 and 1 (or 0%-100%)"_s.arg(
                        value));
        } else if (name == u"stall-upload") {
            if (!rate(&plan.stallUploadRate))
                return fail(badRate.arg(name, value));
        } else if (name == u"drop-after-upload") {
            if (!rate(&plan.dropAfterUploadRate))
                return fail(badRate.arg(name, value));
        } else if (name == u"malformed") {
            if (!rate(&plan.malformedJsonRate))
                return fail(badRate.arg(name, value));
        } else if (name == u"malformed-as") {
            const QString lower = value.toLower();
            const auto it = std::find_if(kBadBodyNames.begin(), kBadBodyNames.end(),
                                         [&](const BadBodyName &b) { return b.name == lower; });
            if (it == kBadBodyNames.end())
                return fail(u"malformed-as: '%1' is not one of truncated, html, empty, types, "
                            "nulls, huge"_s.arg(value));
            plan.malformedAs = it->kind;
        } else if (name == u"error-envelope") {
            if (!rate(&plan.errorEnvelopeRate))
                return fail(badRate.arg(name, value));
        } else if (name == u"stall") {
            if (!rate(&plan.stallRate))
                return fail(badRate.arg(name, value));
        } else if (name == u"upload-rate") {
            bool ok = false;
            const double kiloBytes = value.toDouble(&ok);
            if (!ok || !(kiloBytes >= 0) || kiloBytes > 1e9)
                return fail(
                    u"upload-rate: '%1' is not a speed in kilobytes per second (0 = unlimited)"_s
                        .arg(value));
            plan.uploadBytesPerSecond = qint64(kiloBytes * 1000);
        } else if (name == u"status-value") {
            if (value.contains(u'"') ||
                std::any_of(value.begin(), value.end(), [](QChar c) { return c.unicode() < 0x20; }))
                return fail(u"status-value: the value must not contain quotes or control "
                            "characters"_s);
            plan.statusValue = value.left(100);
        } else if (name == u"tls") {
            const QString lower = value.toLower();
            const auto it = std::find_if(kTlsNames.begin(), kTlsNames.end(),
                                         [&](const TlsName &t) { return t.name == lower; });
            if (it == kTlsNames.end())
                return fail(u"tls: '%1' is not one of off, self-signed, wrong-host"_s.arg(value));
            plan.tls = it->mode;
        } else if (name == u"budget") {
            bool ok = false;
            const int budget = value.toInt(&ok);
            if (!ok || budget < -1)
                return fail(u"budget: '%1' is not a count (-1 = unlimited)"_s.arg(value));
            plan.budget = budget;
        } else if (name == u"calls") {
            const std::optional<int> calls = parseCalls(value.toLower());
            if (!calls)
                return fail(
                    u"calls: '%1' is not a list of token, upload, status joined by '+' (or all)"_s
                        .arg(value));
            plan.calls = *calls;
        } else if (name == u"seed") {
            bool ok = false;
            const quint32 seed = value.toUInt(&ok);
            if (!ok)
                return fail(u"seed: '%1' is not an unsigned 32-bit number"_s.arg(value));
            plan.seed = seed;
        } else {
            return fail(u"unknown fault item '%1' (known: latency, http5xx, status, "
                        "retry-after-503, http4xx, status4xx, 429, retry-after, drop-upload, at, "
                        "stall-upload, drop-after-upload, malformed, malformed-as, "
                        "error-envelope, stall, upload-rate, status-value, tls, budget, calls, "
                        "seed)"_s.arg(name));
        }
    }
    return plan;
}

QString FaultPlan::toSpec() const
{
    const FaultPlan defaults;
    QStringList items;
    if (latency != defaults.latency)
        items.append(u"latency="_s + QString::number(latency.count()));
    if (serverErrorRate != defaults.serverErrorRate)
        items.append(u"http5xx="_s + number(serverErrorRate));
    if (serverErrorStatus != defaults.serverErrorStatus)
        items.append(u"status="_s + QString::number(serverErrorStatus));
    if (retryAfterOn503 != defaults.retryAfterOn503)
        items.append(u"retry-after-503="_s + (retryAfterOn503 ? u"1"_s : u"0"_s));
    if (clientErrorRate != defaults.clientErrorRate)
        items.append(u"http4xx="_s + number(clientErrorRate));
    if (clientErrorStatus != defaults.clientErrorStatus)
        items.append(u"status4xx="_s + QString::number(clientErrorStatus));
    if (tooManyRequestsRate != defaults.tooManyRequestsRate)
        items.append(u"429="_s + number(tooManyRequestsRate));
    if (retryAfter != defaults.retryAfter)
        items.append(u"retry-after="_s + quotedIfNeeded(retryAfter));
    if (dropUploadRate != defaults.dropUploadRate)
        items.append(u"drop-upload="_s + number(dropUploadRate));
    if (dropUploadAtFraction != defaults.dropUploadAtFraction)
        items.append(u"at="_s + number(dropUploadAtFraction));
    if (stallUploadRate != defaults.stallUploadRate)
        items.append(u"stall-upload="_s + number(stallUploadRate));
    if (dropAfterUploadRate != defaults.dropAfterUploadRate)
        items.append(u"drop-after-upload="_s + number(dropAfterUploadRate));
    if (malformedJsonRate != defaults.malformedJsonRate)
        items.append(u"malformed="_s + number(malformedJsonRate));
    if (malformedAs != defaults.malformedAs) {
        for (const BadBodyName &entry : kBadBodyNames) {
            if (entry.kind == malformedAs)
                items.append(u"malformed-as="_s + entry.name.toString());
        }
    }
    if (errorEnvelopeRate != defaults.errorEnvelopeRate)
        items.append(u"error-envelope="_s + number(errorEnvelopeRate));
    if (stallRate != defaults.stallRate)
        items.append(u"stall="_s + number(stallRate));
    if (uploadBytesPerSecond != defaults.uploadBytesPerSecond)
        items.append(u"upload-rate="_s + number(double(uploadBytesPerSecond) / 1000.0));
    if (statusValue != defaults.statusValue)
        items.append(u"status-value="_s + quotedIfNeeded(statusValue));
    if (tls != defaults.tls) {
        for (const TlsName &entry : kTlsNames) {
            if (entry.mode == tls)
                items.append(u"tls="_s + entry.name.toString());
        }
    }
    if (budget != defaults.budget)
        items.append(u"budget="_s + QString::number(budget));
    if ((calls & AllCalls) != AllCalls) {
        QStringList names;
        for (const CallName &entry : kCallNames) {
            if (calls & entry.call)
                names.append(entry.name.toString());
        }
        items.append(u"calls="_s + names.join(u'+'));
    }
    if (seed != defaults.seed)
        items.append(u"seed="_s + QString::number(seed));
    return items.join(u',');
}

QString FaultPlan::syntaxHelp()
{
    return u"Fault spec: name=value items separated by commas or blanks; \"off\" or an empty spec "
           u"turns everything off.\n"
           "  latency=MS             delay every api3 answer (300, 300ms, 1.5s)\n"
           "  http5xx=RATE           answer with an HTTP 5xx error (rates: 0..1 or 0%..100%)\n"
           "  status=CODE            the 5xx code to send: 500, 502, 503 or 504 (default 503)\n"
           "  retry-after-503=1      a 503 carries Retry-After as well (default 0)\n"
           "  http4xx=RATE           answer with an HTTP 4xx error and the error envelope\n"
           "  status4xx=CODE         the 4xx code to send: 400, 401, 403 or 413 (default 400)\n"
           "  429=RATE               answer 429 Too Many Requests with Retry-After\n"
           "  retry-after=VALUE      the Retry-After value, sent as is: seconds or a quoted HTTP "
           "date (default 2)\n"
           "  drop-upload=RATE       close the connection part-way through an upload body\n"
           "  at=FRACTION            ...once this fraction of the body arrived (default 0.5)\n"
           "  stall-upload=RATE      stop reading an upload body at that fraction and never "
           "answer\n"
           "  drop-after-upload=RATE process the upload (storing the file), then close the "
           "connection without answering\n"
           "  malformed=RATE         answer 200 with a broken body (see malformed-as)\n"
           "  malformed-as=KIND      truncated (JSON cut short, the default), html, empty, types "
           "(data values of the wrong type), nulls (every value null) or huge (10 MB)\n"
           "  error-envelope=RATE    answer 200 with {\"status\":{\"code\":\"error\",...}}\n"
           "  stall=RATE             accept the request and never answer\n"
           "  upload-rate=KB/S       read upload bodies at most this fast (a slow line; spends "
           "no budget)\n"
           "  status-value=TEXT      status calls report this printing_job_status (spends no "
           "budget)\n"
           "  tls=MODE               off, self-signed (for 127.0.0.1, trusted by nobody) or "
           "wrong-host (for wrong-host.invalid): speak TLS with that certificate\n"
           "  budget=N               inject at most N faults in total (-1 = unlimited)\n"
           "  calls=token+upload+status  the api3 calls faults apply to (default all)\n"
           "  seed=N                 seed of the fault dice (0 = random)\n"
           "Example: drop-upload=1,at=0.1,budget=1,calls=upload"_s;
}

} // namespace pc

namespace pc::sandbox {

QString FaultDecision::describe(const FaultPlan &plan) const
{
    QString text;
    switch (kind) {
    case FaultKind::None:
        break;
    case FaultKind::Stall:
        text = u"stall (no answer)"_s;
        break;
    case FaultKind::ServerError:
        text = u"HTTP %1"_s.arg(plan.serverErrorStatus);
        break;
    case FaultKind::ClientError:
        text = u"HTTP %1"_s.arg(plan.clientErrorStatus);
        break;
    case FaultKind::TooManyRequests:
        text = u"HTTP 429 (Retry-After: %1)"_s.arg(plan.retryAfter);
        break;
    case FaultKind::ErrorEnvelope:
        text = u"error envelope"_s;
        break;
    case FaultKind::MalformedJson:
        text = u"malformed JSON"_s;
        for (const BadBodyName &entry : kBadBodyNames) {
            if (entry.kind == plan.malformedAs && entry.kind != FaultPlan::BadBody::Truncated)
                text = u"malformed answer (%1)"_s.arg(entry.name);
        }
        break;
    case FaultKind::DropAfterUpload:
        text = u"drop after upload"_s;
        break;
    }
    if (latency.count() > 0) {
        const QString delay = u"latency %1 ms"_s.arg(latency.count());
        text = text.isEmpty() ? delay : text + u" + "_s + delay;
    }
    return text;
}

FaultDice::FaultDice()
{
    setPlan(FaultPlan{});
}

void FaultDice::setPlan(const FaultPlan &plan)
{
    m_plan = plan;
    m_generator.seed(plan.seed != 0 ? plan.seed : QRandomGenerator::system()->generate());
    m_remaining = plan.budget;
}

bool FaultDice::applies(FaultPlan::Call call) const
{
    return m_remaining != 0 && (m_plan.calls & call) != 0;
}

bool FaultDice::roll(double rate)
{
    // generateDouble() is in [0, 1): rate 1 always hits, rate 0 never does.
    return rate > 0 && m_generator.generateDouble() < rate;
}

FaultDecision FaultDice::decide(FaultPlan::Call call)
{
    FaultDecision decision;
    if (!applies(call))
        return decision;
    if (roll(m_plan.stallRate))
        decision.kind = FaultKind::Stall;
    else if (roll(m_plan.serverErrorRate))
        decision.kind = FaultKind::ServerError;
    else if (roll(m_plan.clientErrorRate))
        decision.kind = FaultKind::ClientError;
    else if (roll(m_plan.tooManyRequestsRate))
        decision.kind = FaultKind::TooManyRequests;
    else if (roll(m_plan.errorEnvelopeRate))
        decision.kind = FaultKind::ErrorEnvelope;
    else if (roll(m_plan.malformedJsonRate))
        decision.kind = FaultKind::MalformedJson;
    else if (call == FaultPlan::UploadCall && roll(m_plan.dropAfterUploadRate))
        decision.kind = FaultKind::DropAfterUpload;
    if (decision.kind != FaultKind::Stall)
        decision.latency = m_plan.latency;
    if (decision.isFault() && m_remaining > 0)
        --m_remaining;
    return decision;
}

std::optional<qint64> FaultDice::decideUploadDrop(qint64 contentLength)
{
    if (!applies(FaultPlan::UploadCall) || !roll(m_plan.dropUploadRate))
        return std::nullopt;
    if (m_remaining > 0)
        --m_remaining;
    return qint64(double(std::max<qint64>(contentLength, 0)) * m_plan.dropUploadAtFraction);
}

std::optional<qint64> FaultDice::decideUploadStall(qint64 contentLength)
{
    if (!applies(FaultPlan::UploadCall) || !roll(m_plan.stallUploadRate))
        return std::nullopt;
    if (m_remaining > 0)
        --m_remaining;
    return qint64(double(std::max<qint64>(contentLength, 0)) * m_plan.dropUploadAtFraction);
}

} // namespace pc::sandbox

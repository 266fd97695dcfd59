// Pure parsing and formatting rules of the API layer: response envelopes, print status
// variants, Retry-After, redaction, exact decimals, URL and multipart file-name building.
#include "api/apiclient.h"
#include "api/multipartfilename.h"
#include "api/responseparser.h"
#include "api/retryafter.h"
#include "api/serviceendpoint.h"
#include "common/decimal.h"
#include "common/redaction.h"

#include <QTest>
#include <QUrlQuery>

using namespace Qt::StringLiterals;
using namespace pc;
using Kind = ApiError::Kind;

class TestApiParsing final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void envelope_data();
    void envelope();
    void tokenResponse();
    void uploadResponse();
    void printStatusBothFieldNames_data();
    void printStatusBothFieldNames();
    void printStatusNumbersAsStringsAndNulls();
    void printStatusAwaitingCustomer_data();
    void printStatusAwaitingCustomer();
    void printStatusUnknownValueKept();
    void printStatusJsonRoundTrip();
    void jobStatusWire();
    void retryAfterSeconds();
    void retryAfterDates_data();
    void retryAfterDates();
    void retryAfterInvalid_data();
    void retryAfterInvalid();
    void redaction_data();
    void redaction();
    void redactionOfRegisteredSecret();
    void decimalParsing_data();
    void decimalParsing();
    void decimalWireFormat();
    void resourceUrlEncodesEverything();
    void normalizeBaseUrl_data();
    void normalizeBaseUrl();
    void multipartFileName_data();
    void multipartFileName();
    void errorMessagesNeverEmpty();
};

void TestApiParsing::envelope_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("kind");
    QTest::addColumn<QString>("descriptionPart");

    QTest::newRow("ok") << R"({"status":{"code":"ok"},"data":{"token":"x"}})"_ba << int(Kind::None)
                        << QString();
    QTest::newRow("ok upper-case")
        << R"({"status":{"code":"OK"},"data":{}})"_ba << int(Kind::None) << QString();
    QTest::newRow("service error")
        << R"({"status":{"code":"error","description":"System error","extended_description":"Invalid token"}})"_ba
        << int(Kind::Service) << u"System error (Invalid token)"_s;
    QTest::newRow("error without description")
        << R"({"status":{"code":"error"}})"_ba << int(Kind::Service) << QString();
    QTest::newRow("empty body") << QByteArray() << int(Kind::Protocol) << QString();
    QTest::newRow("whitespace body") << " \r\n "_ba << int(Kind::Protocol) << QString();
    QTest::newRow("truncated") << R"({"status":{"code":"ok"},"data":{"tok)"_ba
                               << int(Kind::Protocol) << QString();
    QTest::newRow("html error page")
        << "<!DOCTYPE html><html><body>502</body></html>"_ba << int(Kind::Protocol) << QString();
    QTest::newRow("array") << "[1,2,3]"_ba << int(Kind::Protocol) << QString();
    QTest::newRow("no status") << R"({"data":{}})"_ba << int(Kind::Protocol) << QString();
    QTest::newRow("status wrong type")
        << R"({"status":"ok"})"_ba << int(Kind::Protocol) << QString();
    QTest::newRow("data wrong type")
        << R"({"status":{"code":"ok"},"data":[1]})"_ba << int(Kind::Protocol) << QString();
    QTest::newRow("python dict artefact")
        << R"({u'status': {u'code': u'ok'}})"_ba << int(Kind::Protocol) << QString();
    QTest::newRow("binary garbage")
        << QByteArray("\x00\xff\xfe{\x01", 5) << int(Kind::Protocol) << QString();
}

void TestApiParsing::envelope()
{
    QFETCH(QByteArray, body);
    QFETCH(int, kind);
    QFETCH(QString, descriptionPart);
    const auto envelope = ResponseParser::parseEnvelope(body);
    QCOMPARE(int(envelope.error.kind), kind);
    if (!descriptionPart.isEmpty())
        QVERIFY2(envelope.error.message.contains(descriptionPart),
                 qPrintable(envelope.error.message));
    if (envelope.error.isError())
        QVERIFY(!envelope.error.message.isEmpty());
}

void TestApiParsing::tokenResponse()
{
    const auto ok = ResponseParser::parseToken(
        R"({"status":{"code":"ok"},"data":{"token":"0123456789abcdef0123456789abcdef"}})");
    QVERIFY(ok.isOk());
    QCOMPARE(ok.token, u"0123456789abcdef0123456789abcdef"_s);

    QCOMPARE(ResponseParser::parseToken(R"({"status":{"code":"ok"}})").error.kind, Kind::Protocol);
    QCOMPARE(
        ResponseParser::parseToken(R"({"status":{"code":"ok"},"data":{"token":null}})").error.kind,
        Kind::Protocol);
    QCOMPARE(
        ResponseParser::parseToken(R"({"status":{"code":"ok"},"data":{"token":"a b"}})").error.kind,
        Kind::Protocol);
    const auto refused = ResponseParser::parseToken(
        R"({"status":{"code":"error","description":"Invalid API key"}})");
    QCOMPARE(refused.error.kind, Kind::Service);
    QCOMPARE(refused.error.serviceDescription, u"Invalid API key"_s);
}

void TestApiParsing::uploadResponse()
{
    const auto ok = ResponseParser::parseUpload(
        R"({"status":{"code":"ok"},"data":{"token_link":"http://widget.sendshapes.com:3000/?token=ab","ssl_token_link":"https://widget.sendshapes.com:3443/?token=ab"}})");
    QVERIFY(ok.isOk());
    QCOMPARE(ok.links.tokenLink, QUrl(u"http://widget.sendshapes.com:3000/?token=ab"_s));
    QCOMPARE(ok.links.sslTokenLink, QUrl(u"https://widget.sendshapes.com:3443/?token=ab"_s));

    const auto onlyOne = ResponseParser::parseUpload(
        R"({"status":{"code":"ok"},"data":{"token_link":"http://h/?token=ab","ssl_token_link":null}})");
    QVERIFY(onlyOne.isOk());
    QVERIFY(onlyOne.links.sslTokenLink.isEmpty());

    // A link that is not http(s) is never shown in the widget.
    const auto hostile = ResponseParser::parseUpload(
        R"({"status":{"code":"ok"},"data":{"token_link":"javascript:void 0","ssl_token_link":"file:///etc/passwd"}})");
    QCOMPARE(hostile.error.kind, Kind::Protocol);
    QCOMPARE(ResponseParser::parseUpload(R"({"status":{"code":"ok"},"data":{}})").error.kind,
             Kind::Protocol);
}

void TestApiParsing::printStatusBothFieldNames_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::newRow("printing_job_status")
        << R"({"status":{"code":"ok"},"data":{"printing_job_status":"PRINTING","printing_percentage":42}})"_ba;
    QTest::newRow("printing_job_status_name")
        << R"({"status":{"code":"ok"},"data":{"printing_job_status_name":"PRINTING","printing_percentage":42}})"_ba;
    QTest::newRow("both, null first")
        << R"({"status":{"code":"ok"},"data":{"printing_job_status":null,"printing_job_status_name":"PRINTING","printing_percentage":"42"}})"_ba;
}

void TestApiParsing::printStatusBothFieldNames()
{
    QFETCH(QByteArray, body);
    const auto result = ResponseParser::parsePrintStatus(body);
    QVERIFY(result.isOk());
    QCOMPARE(result.status.status, JobStatus::Printing);
    QCOMPARE(result.status.statusText, u"PRINTING"_s);
    QCOMPARE(result.status.percentage, std::optional<double>(42));
}

void TestApiParsing::printStatusNumbersAsStringsAndNulls()
{
    const auto result = ResponseParser::parsePrintStatus(
        R"({"status":{"code":"ok"},"data":{"printing_job_status":"PRINTING","printing_percentage":"37.5",
            "minutes_left":null,"total_time":"1234","message":null,"printer_model":"Prusa MK4"}})");
    QVERIFY(result.isOk());
    QCOMPARE(result.status.percentage, std::optional<double>(37.5));
    QCOMPARE(result.status.minutesLeft, std::nullopt);
    QCOMPARE(result.status.totalTime, std::optional<double>(1234));
    QVERIFY(result.status.message.isEmpty());
    QCOMPARE(result.status.printerModel, u"Prusa MK4"_s);

    // Wrong types and non-numbers are dropped, not fatal; out-of-range percentages clamp.
    const auto odd = ResponseParser::parsePrintStatus(
        R"({"status":{"code":"ok"},"data":{"printing_job_status":"PRINTING","printing_percentage":140,
            "minutes_left":"soon","total_time":[1],"message":{"a":1}}})");
    QVERIFY(odd.isOk());
    QCOMPARE(odd.status.percentage, std::optional<double>(100));
    QCOMPARE(odd.status.minutesLeft, std::nullopt);
    QCOMPARE(odd.status.totalTime, std::nullopt);
    QVERIFY(odd.status.message.isEmpty());
}

void TestApiParsing::printStatusAwaitingCustomer_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::newRow("no data") << R"({"status":{"code":"ok"}})"_ba;
    QTest::newRow("data null") << R"({"status":{"code":"ok"},"data":null})"_ba;
    QTest::newRow("data empty") << R"({"status":{"code":"ok"},"data":{}})"_ba;
    QTest::newRow("all null")
        << R"({"status":{"code":"ok"},"data":{"printing_job_status":null,"printing_percentage":null,"minutes_left":null,"message":null,"total_time":null,"printer_model":null}})"_ba;
    QTest::newRow("empty strings")
        << R"({"status":{"code":"ok"},"data":{"printing_job_status":"","printing_job_status_name":" "}})"_ba;
}

void TestApiParsing::printStatusAwaitingCustomer()
{
    QFETCH(QByteArray, body);
    const auto result = ResponseParser::parsePrintStatus(body);
    QVERIFY2(result.isOk(), qPrintable(result.error.message));
    QVERIFY(result.status.isAwaitingCustomer());
    QVERIFY(result.status.statusText.isEmpty());
}

void TestApiParsing::printStatusUnknownValueKept()
{
    const auto result = ResponseParser::parsePrintStatus(
        R"({"status":{"code":"ok"},"data":{"printing_job_status":"PAUSED_BY_OWNER"}})");
    QVERIFY(result.isOk());
    QCOMPARE(result.status.status, JobStatus::Unknown);
    QCOMPARE(result.status.statusText, u"PAUSED_BY_OWNER"_s);
    QVERIFY(!isFinal(result.status.status));
}

void TestApiParsing::printStatusJsonRoundTrip()
{
    PrintStatus status;
    status.status = JobStatus::ConfirmedFailure;
    status.statusText = u"CONFIRMED_FAILURE"_s;
    status.percentage = 61;
    status.totalTime = 4000;
    status.message = u"Nozzle clogged"_s;
    const QJsonObject json = printStatusToWireJson(status);
    QCOMPARE(json.value(u"minutes_left"), QJsonValue(QJsonValue::Null));
    QCOMPARE(json.value(u"printer_model"), QJsonValue(QJsonValue::Null));
    QCOMPARE(ResponseParser::printStatusFromData(json), status);
}

void TestApiParsing::jobStatusWire()
{
    const QList<JobStatus> all{JobStatus::WarmingUp,        JobStatus::Printing,
                               JobStatus::Failure,          JobStatus::Success,
                               JobStatus::ConfirmedSuccess, JobStatus::ConfirmedFailure};
    for (const JobStatus status : all)
        QCOMPARE(jobStatusFromWire(jobStatusToWire(status)), status);
    QCOMPARE(jobStatusFromWire(u" printing "), JobStatus::Printing);
    QCOMPARE(jobStatusFromWire(u"CONFIRMED"), JobStatus::Unknown);
    QVERIFY(isFinal(JobStatus::ConfirmedSuccess));
    QVERIFY(isFinal(JobStatus::ConfirmedFailure));
    QVERIFY(!isFinal(JobStatus::Success));
    QVERIFY(!isFinal(JobStatus::Failure));
}

void TestApiParsing::retryAfterSeconds()
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    QCOMPARE(parseRetryAfter("120", now), std::optional(std::chrono::seconds(120)));
    QCOMPARE(parseRetryAfter(" 0 ", now), std::optional(std::chrono::seconds(0)));
    QCOMPARE(parseRetryAfter("99999999999999999999999", now),
             std::optional(std::chrono::seconds(std::numeric_limits<int>::max())));
}

void TestApiParsing::retryAfterDates_data()
{
    QTest::addColumn<QByteArray>("value");
    QTest::newRow("IMF-fixdate") << "Sun, 06 Nov 1994 08:51:37 GMT"_ba;
    QTest::newRow("RFC 850") << "Sunday, 06-Nov-94 08:51:37 GMT"_ba;
    QTest::newRow("asctime") << "Sun Nov  6 08:51:37 1994"_ba;
    QTest::newRow("lower-case month") << "Sun, 06 nov 1994 08:51:37 GMT"_ba;
}

void TestApiParsing::retryAfterDates()
{
    QFETCH(QByteArray, value);
    const QDateTime now(QDate(1994, 11, 6), QTime(8, 49, 37), Qt::UTC);
    QCOMPARE(parseRetryAfter(value, now), std::optional(std::chrono::seconds(120)));
    // A date in the past means "now".
    QCOMPARE(parseRetryAfter(value, now.addDays(1)), std::optional(std::chrono::seconds(0)));
}

void TestApiParsing::retryAfterInvalid_data()
{
    QTest::addColumn<QByteArray>("value");
    QTest::newRow("empty") << QByteArray();
    QTest::newRow("negative") << "-5"_ba;
    QTest::newRow("fraction") << "1.5"_ba;
    QTest::newRow("words") << "soon"_ba;
    QTest::newRow("bad month") << "Sun, 06 Foo 1994 08:49:37 GMT"_ba;
    QTest::newRow("bad day") << "Sun, 31 Feb 1994 08:49:37 GMT"_ba;
    QTest::newRow("bad clock") << "Sun, 06 Nov 1994 25:49:37 GMT"_ba;
    QTest::newRow("not GMT") << "Sun, 06 Nov 1994 08:49:37 PST"_ba;
}

void TestApiParsing::retryAfterInvalid()
{
    QFETCH(QByteArray, value);
    QCOMPARE(parseRetryAfter(value, QDateTime::currentDateTimeUtc()), std::nullopt);
}

void TestApiParsing::redaction_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("secret");
    QTest::newRow("query")
        << u"GET http://h/api3/api_create_partner_token?api_key=abc-DEF=&token=1"_s
        << u"abc-DEF="_s;
    QTest::newRow("query, upper-case name") << u"url ?API_KEY=s3cr3tvalue"_s << u"s3cr3tvalue"_s;
    QTest::newRow("json") << uR"({"api_key": "k-e-y\"x", "x": 1})"_s << u"k-e-y"_s;
    QTest::newRow("header") << u"Authorization: Bearer zzzzzz\r\nHost: h"_s << u"zzzzzz"_s;
    QTest::newRow("password") << u"psql password=hunter22 host=db"_s << u"hunter22"_s;
}

void TestApiParsing::redaction()
{
    QFETCH(QString, text);
    QFETCH(QString, secret);
    const QString clean = redact(text);
    QVERIFY2(!clean.contains(secret), qPrintable(clean));
    QVERIFY(clean.contains(u"REDACTED"_s));
}

void TestApiParsing::redactionOfRegisteredSecret()
{
    // The example key of the API docs is longer than 32 characters and holds '-' and '='.
    const QString key = u"Zm9vYmFy-c2VjcmV0LWtleS1zZW50aW5lbA=="_s;
    registerSecret(key);
    const QString encoded = QString::fromLatin1(QUrl::toPercentEncoding(key));
    QVERIFY(encoded != key);
    const QString text =
        u"failed: "_s + key + u" and "_s + encoded + u" and "_s + encoded.toLower();
    const QString clean = redact(text);
    QVERIFY2(!clean.contains(key), qPrintable(clean));
    QVERIFY2(!clean.contains(encoded, Qt::CaseInsensitive), qPrintable(clean));

    ServiceEndpoint endpoint;
    endpoint.baseUrl = QUrl(u"https://widget.sendshapes.com:3443/api3/"_s);
    endpoint.apiKey = key;
    const QString shown = redactUrl(endpoint.resourceUrl(u"api_create_partner_token"));
    QVERIFY2(!shown.contains(u"c2VjcmV0"_s), qPrintable(shown));
    QVERIFY(shown.contains(u"api_key=REDACTED"_s));
    unregisterSecret(key);

    // Short values are not registered: they would mangle ordinary text.
    registerSecret(u"ab"_s);
    QCOMPARE(redact(u"about"_s), u"about"_s);
}

void TestApiParsing::decimalParsing_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("allowComma");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<QString>("canonical");
    QTest::newRow("integer") << u"10"_s << false << true << u"10"_s;
    QTest::newRow("cents") << u"10.56"_s << false << true << u"10.56"_s;
    QTest::newRow("leading point") << u".5"_s << false << true << u"0.5"_s;
    QTest::newRow("small") << u"0.01"_s << false << true << u"0.01"_s;
    QTest::newRow("spaces") << u" 3.25 "_s << false << true << u"3.25"_s;
    QTest::newRow("negative") << u"-1.5"_s << false << true << u"-1.5"_s;
    QTest::newRow("comma refused") << u"10,50"_s << false << false << QString();
    QTest::newRow("comma allowed") << u"10,50"_s << true << true << u"10.50"_s;
    QTest::newRow("two points") << u"1.2.3"_s << false << false << QString();
    QTest::newRow("trailing point") << u"10."_s << false << false << QString();
    QTest::newRow("exponent") << u"1e3"_s << false << false << QString();
    QTest::newRow("nan") << u"NaN"_s << false << false << QString();
    QTest::newRow("inf") << u"inf"_s << false << false << QString();
    QTest::newRow("empty") << QString() << false << false << QString();
    QTest::newRow("too many decimals") << u"1.1234567"_s << false << false << QString();
    QTest::newRow("overflow") << u"99999999999999999999"_s << false << false << QString();
    QTest::newRow("thousands") << u"1,000.00"_s << true << false << QString();
}

void TestApiParsing::decimalParsing()
{
    QFETCH(QString, text);
    QFETCH(bool, allowComma);
    QFETCH(bool, valid);
    QFETCH(QString, canonical);
    const auto value = Decimal::fromString(text, allowComma);
    QCOMPARE(value.has_value(), valid);
    if (valid)
        QCOMPARE(value->toString(), canonical);
}

void TestApiParsing::decimalWireFormat()
{
    QCOMPARE(printValueToWire(*Decimal::fromString(u"10.56")), u"10.56"_s);
    QCOMPARE(printValueToWire(*Decimal::fromString(u"0.1")), u"0.1"_s);
    QCOMPARE(Decimal::fromMinorUnits(1056, 2).toString(), u"10.56"_s);
    QCOMPARE(Decimal::fromMinorUnits(5, 2).toString(), u"0.05"_s);
    QCOMPARE(Decimal::fromMinorUnits(-5, 2).toString(), u"-0.05"_s);
    QCOMPARE(Decimal::fromString(u"3")->toString(2), u"3.00"_s);
    QCOMPARE(*Decimal::fromString(u"10.5"), *Decimal::fromString(u"10.50"));
    QVERIFY(!(*Decimal::fromString(u"10.5") == *Decimal::fromString(u"10.05")));
}

void TestApiParsing::resourceUrlEncodesEverything()
{
    ServiceEndpoint endpoint;
    endpoint.baseUrl = QUrl(u"http://widget.sendshapes.com:3000/api3/"_s);
    endpoint.apiKey = u"k+y&x=1 %41"_s;
    const QUrl url = endpoint.resourceUrl(
        ApiClient::kUpload, {{u"receiver_email"_s, u"a+b@example.com"_s}, {u"token"_s, u"t&1"_s}});
    QCOMPARE(url.path(), u"/api3/api_upload_partner_stl"_s);
    QCOMPARE(url.host(), u"widget.sendshapes.com"_s);
    QCOMPARE(url.port(), 3000);
    const QString encoded = QString::fromLatin1(url.toEncoded());
    QVERIFY2(encoded.contains(u"?api_key=k%2By%26x%3D1%20%2541&"_s), qPrintable(encoded));
    QVERIFY2(encoded.contains(u"receiver_email=a%2Bb%40example.com"_s), qPrintable(encoded));
    // What a server decodes is exactly what was meant.
    const QUrlQuery query(url);
    QCOMPARE(query.queryItemValue(u"api_key"_s, QUrl::FullyDecoded), endpoint.apiKey);
    QCOMPARE(query.queryItemValue(u"token"_s, QUrl::FullyDecoded), u"t&1"_s);
}

void TestApiParsing::normalizeBaseUrl_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("expected"); // empty = invalid
    QTest::newRow("host only") << u"https://widget.sendshapes.com:3443"_s
                               << u"https://widget.sendshapes.com:3443/api3/"_s;
    QTest::newRow("api3 without slash") << u"http://widget.sendshapes.com:3000/api3"_s
                                        << u"http://widget.sendshapes.com:3000/api3/"_s;
    QTest::newRow("legacy host") << u" HTTPS://print.authentise.com/api3/ "_s
                                 << u"https://print.authentise.com/api3/"_s;
    QTest::newRow("loopback") << u"http://127.0.0.1:8080/api3/"_s
                              << u"http://127.0.0.1:8080/api3/"_s;
    QTest::newRow("no scheme") << u"widget.sendshapes.com"_s << QString();
    QTest::newRow("ftp") << u"ftp://example.com/"_s << QString();
    QTest::newRow("user info") << u"https://u:p@example.com/"_s << QString();
    QTest::newRow("query") << u"https://example.com/api3/?api_key=x"_s << QString();
    QTest::newRow("empty") << QString() << QString();
}

void TestApiParsing::normalizeBaseUrl()
{
    QFETCH(QString, text);
    QFETCH(QString, expected);
    QString error;
    const auto url = ServiceEndpoint::normalizeBaseUrl(text, &error);
    if (expected.isEmpty()) {
        QVERIFY(!url);
        QVERIFY(!error.isEmpty());
    } else {
        QVERIFY2(url, qPrintable(error));
        QCOMPARE(url->toString(), expected);
    }
}

void TestApiParsing::multipartFileName_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("sent");
    QTest::newRow("plain") << u"cube.stl"_s << u"cube.stl"_s;
    QTest::newRow("non-ASCII") << u"Größe 测试 ÆØÅ.stl"_s << u"Größe 测试 ÆØÅ.stl"_s;
    QTest::newRow("quotes and percent") << u"my \"best\" 100%.stl"_s << u"my \"best\" 100%.stl"_s;
    QTest::newRow("spaces") << u"   spaced   name   .stl"_s << u"   spaced   name   .stl"_s;
    QTest::newRow("path stripped") << u"C:\\Users\\me\\part.stl"_s << u"part.stl"_s;
    QTest::newRow("control characters") << u"a\r\nb\t.stl"_s << u"ab.stl"_s;
    QTest::newRow("empty") << QString() << u"design.stl"_s;
    QTest::newRow("long") << QString(300, u'x') + u".stl"_s << QString(300, u'x') + u".stl"_s;
}

void TestApiParsing::multipartFileName()
{
    QFETCH(QString, name);
    QFETCH(QString, sent);
    const QByteArray disposition = formDataFileDisposition("stl_file", name);
    QVERIFY(disposition.startsWith("form-data; name=\"stl_file\"; filename=\""));
    QVERIFY(!disposition.contains('\r') && !disposition.contains('\n'));
    const QByteArray quoted = disposition.mid(disposition.indexOf("filename=") + 9);
    // Exactly two quote characters: the value's own quotes are encoded.
    QCOMPARE(quoted.count('"'), 2);
    QCOMPARE(decodeFormDataFileName(quoted), sent);
}

void TestApiParsing::errorMessagesNeverEmpty()
{
    using NR = ApiError::NetworkReason;
    const QList<ApiError> errors{
        ApiError::network(NR::Offline, {}),
        ApiError::network(NR::HostNotFound, {}),
        ApiError::network(NR::ConnectionRefused, {}),
        ApiError::network(NR::ConnectionClosed, {}),
        ApiError::timeout(std::chrono::seconds(30)),
        ApiError::tls(u"self-signed"_s),
        ApiError::http(401, {}, {}, std::nullopt),
        ApiError::http(413, {}, {}, std::nullopt),
        ApiError::http(503, {}, {}, std::chrono::seconds(5)),
        ApiError::service({}, {}),
        ApiError::protocol(u"x"_s),
        ApiError::file(u"/tmp/x.stl"_s, u"No such file"_s),
        ApiError::aborted(),
    };
    for (const ApiError &error : errors) {
        QVERIFY(error.isError());
        QVERIFY2(error.message.size() > 15, qPrintable(error.message));
        QVERIFY(!ApiError::kindName(error.kind).isEmpty());
    }
    QVERIFY(ApiError::http(401, {}, {}, std::nullopt).message.contains(u"API key"_s));
    QVERIFY(ApiError::http(413, {}, {}, std::nullopt).message.contains(u"too large"_s));
    QVERIFY(ApiError::http(503, {}, {}, std::nullopt).isTransient());
    QVERIFY(ApiError::http(429, {}, {}, std::nullopt).isTransient());
    QVERIFY(!ApiError::http(400, {}, {}, std::nullopt).isTransient());
    QVERIFY(!ApiError::http(403, {}, {}, std::nullopt).isTransient());
    QVERIFY(ApiError::http(403, {}, {}, std::nullopt).isAuthenticationFailure());
    QVERIFY(ApiError::network(NR::Offline, {}).isTransient());
    QVERIFY(!ApiError::tls({}).isTransient());
}

QTEST_GUILESS_MAIN(TestApiParsing)
#include "tst_apiparsing.moc"

// Retry decisions for every fault of RELIABILITY.md's network table, replayed with a seeded
// random source; and the source-file fingerprint used for duplicates and the re-check.
#include "orders/filefingerprint.h"
#include "orders/retrypolicy.h"
#include "orders/transferrate.h"

#include <QCryptographicHash>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using namespace pc;
using Action = RetryDecision::Action;

class TestRetryPolicy final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void transientFaultsBackOffThenFail_data();
    void transientFaultsBackOffThenFail();
    void backoffIsJitteredAndCapped();
    void retryAfterIsHonouredAndCapped();
    void badRetryAfterFallsBackToBackoff();
    void noRetryForClientErrors_data();
    void noRetryForClientErrors();
    void offlineWaitsWithoutUsingAttempts_data();
    void offlineWaitsWithoutUsingAttempts();
    void fileAndCancelOutcomes();

    void fingerprintMatchesSha256();
    void recheckDetectsChanges();
    void fingerprintOfMissingFile();
    void fingerprintCancelled();

    void transferRateSteady();
    void transferRateIgnoresBurstsAndShortIntervals();
    void transferRateRestartsPerAttempt();
};

void TestRetryPolicy::transientFaultsBackOffThenFail_data()
{
    QTest::addColumn<ApiError>("error");
    QTest::newRow("reset part-way")
        << ApiError::network(ApiError::NetworkReason::ConnectionClosed, u"reset"_s);
    QTest::newRow("timeout (stall)") << ApiError::timeout(30s);
    QTest::newRow("500") << ApiError::http(500, {}, {}, std::nullopt);
    QTest::newRow("502") << ApiError::http(502, {}, {}, std::nullopt);
    QTest::newRow("503") << ApiError::http(503, {}, {}, std::nullopt);
    QTest::newRow("504") << ApiError::http(504, {}, {}, std::nullopt);
    QTest::newRow("truncated JSON") << ApiError::protocol(u"malformed JSON"_s);
}

void TestRetryPolicy::transientFaultsBackOffThenFail()
{
    QFETCH(ApiError, error);
    const RetryPolicy policy;
    QRandomGenerator random(7);
    std::chrono::milliseconds previousFloor{0};
    for (int failed = 0; failed < policy.settings().maxAttempts - 1; ++failed) {
        const RetryDecision d = policy.decide(error, failed, 0, random);
        QCOMPARE(d.action, Action::RetryLater);
        QVERIFY(d.countsAsAttempt);
        // Equal jitter: at least half of base * 2^n, at most the full step.
        const auto step =
            std::min(policy.settings().baseDelay * (1 << failed), policy.settings().maxDelay);
        QVERIFY2(d.delay >= step / 2 && d.delay <= step,
                 qPrintable(QString::number(d.delay.count())));
        QVERIFY(step / 2 >= previousFloor);
        previousFloor = step / 2;
        QVERIFY(d.reason.contains(error.messageWithoutRetry()));
    }
    const RetryDecision last = policy.decide(error, policy.settings().maxAttempts - 1, 0, random);
    QCOMPARE(last.action, Action::Fail);
    QVERIFY(last.reason.contains(u"Retry"_s));
}

void TestRetryPolicy::backoffIsJitteredAndCapped()
{
    const RetryPolicy policy;
    QRandomGenerator random(1);
    QSet<qint64> seen;
    for (int i = 0; i < 50; ++i)
        seen.insert(policy.backoff(3, 1000ms, 60000ms, random).count());
    QVERIFY2(seen.size() > 10, "retries of many items must spread out");
    for (int retry : {20, 62, 1000})
        QVERIFY(policy.backoff(retry, 1000ms, 60000ms, random) <= 60000ms);
}

void TestRetryPolicy::retryAfterIsHonouredAndCapped()
{
    const RetryPolicy policy;
    QRandomGenerator random(3);
    for (const int status : {429, 503}) {
        const RetryDecision soon =
            policy.decide(ApiError::http(status, {}, {}, 120s), 0, 0, random);
        QCOMPARE(soon.action, Action::RetryLater);
        QCOMPARE(soon.delay, std::chrono::milliseconds(120s));
        const RetryDecision far =
            policy.decide(ApiError::http(status, {}, {}, std::chrono::hours(30)), 0, 0, random);
        QCOMPARE(far.delay, policy.settings().maxRetryAfter);
        // Whatever the service asks for, one wait stays within five minutes, and the reason
        // promises nothing twice.
        const RetryDecision absurd = policy.decide(
            ApiError::http(status, {}, {}, std::chrono::seconds(999999999)), 0, 0, random);
        QCOMPARE(absurd.delay, std::chrono::milliseconds(5min));
        QVERIFY2(absurd.reason.contains(u"Trying again in 5 minute"_s), qPrintable(absurd.reason));
        QVERIFY2(!absurd.reason.contains(u"will try again"_s), qPrintable(absurd.reason));
        // Retry-After shorter than the backoff: the backoff wins.
        const RetryDecision tiny = policy.decide(ApiError::http(status, {}, {}, 0s), 3, 0, random);
        QVERIFY(tiny.delay >= policy.settings().baseDelay * 8 / 2);
    }
}

void TestRetryPolicy::badRetryAfterFallsBackToBackoff()
{
    // An unparseable Retry-After arrives as "no value" (see parseRetryAfter).
    const RetryPolicy policy;
    QRandomGenerator random(5);
    const RetryDecision d = policy.decide(ApiError::http(429, {}, {}, std::nullopt), 0, 0, random);
    QCOMPARE(d.action, Action::RetryLater);
    QVERIFY(d.delay >= policy.settings().baseDelay / 2 && d.delay <= policy.settings().baseDelay);
}

void TestRetryPolicy::noRetryForClientErrors_data()
{
    QTest::addColumn<ApiError>("error");
    QTest::addColumn<QString>("says");
    QTest::newRow("400") << ApiError::http(400, {}, u"Missing parameter"_s, std::nullopt)
                         << u"Missing parameter"_s;
    QTest::newRow("401") << ApiError::http(401, {}, {}, std::nullopt) << u"API key"_s;
    QTest::newRow("403") << ApiError::http(403, {}, {}, std::nullopt) << u"API key"_s;
    QTest::newRow("413") << ApiError::http(413, {}, {}, std::nullopt) << u"too large"_s;
    QTest::newRow("service error")
        << ApiError::service(u"System error"_s, u"Bad token"_s) << u"System error"_s;
    QTest::newRow("TLS") << ApiError::tls(u"self-signed"_s) << u"certificate"_s;
}

void TestRetryPolicy::noRetryForClientErrors()
{
    QFETCH(ApiError, error);
    QFETCH(QString, says);
    QRandomGenerator random(9);
    const RetryDecision d = RetryPolicy().decide(error, 0, 0, random);
    QCOMPARE(d.action, Action::Fail);
    QVERIFY(!d.retriesAutomatically());
    QVERIFY2(d.reason.contains(says), qPrintable(d.reason));
}

void TestRetryPolicy::offlineWaitsWithoutUsingAttempts_data()
{
    QTest::addColumn<int>("reason");
    QTest::newRow("offline") << int(ApiError::NetworkReason::Offline);
    QTest::newRow("DNS") << int(ApiError::NetworkReason::HostNotFound);
    QTest::newRow("refused") << int(ApiError::NetworkReason::ConnectionRefused);
}

void TestRetryPolicy::offlineWaitsWithoutUsingAttempts()
{
    QFETCH(int, reason);
    const RetryPolicy policy;
    QRandomGenerator random(11);
    const ApiError error = ApiError::network(ApiError::NetworkReason(reason), {});
    // However long it lasts, and even with the attempts nearly used up, it keeps waiting,
    // never faster than the base step and never slower than the cap: no busy loop.
    for (int waits = 0; waits < 40; ++waits) {
        const RetryDecision d =
            policy.decide(error, policy.settings().maxAttempts - 1, waits, random);
        QCOMPARE(d.action, Action::WaitForNetwork);
        QVERIFY(!d.countsAsAttempt);
        QVERIFY(d.delay >= policy.settings().networkBaseDelay / 2);
        QVERIFY(d.delay <= policy.settings().networkMaxDelay);
        QVERIFY(d.reason.contains(u"Waiting for the network"_s));
    }
}

void TestRetryPolicy::fileAndCancelOutcomes()
{
    QRandomGenerator random(13);
    QCOMPARE(RetryPolicy().decide(ApiError::file(u"/x.stl"_s, u"gone"_s), 0, 0, random).action,
             Action::NeedsAttention);
    QCOMPARE(RetryPolicy().decide(ApiError::aborted(), 0, 0, random).action, Action::Cancelled);
}

void TestRetryPolicy::fingerprintMatchesSha256()
{
    QTemporaryDir dir;
    QFile file(dir.filePath(u"part.stl"_s));
    QVERIFY(file.open(QIODevice::WriteOnly));
    QByteArray content;
    for (int i = 0; i < 300'000; ++i) // several read blocks
        content += char(i * 31 % 251);
    file.write(content);
    file.close();
    QString error;
    const auto fingerprint = fingerprintFile(file.fileName(), nullptr, &error);
    QVERIFY2(fingerprint, qPrintable(error));
    QVERIFY(fingerprint->isValid());
    QCOMPARE(fingerprint->size, content.size());
    QCOMPARE(fingerprint->sha256, QCryptographicHash::hash(content, QCryptographicHash::Sha256));
    QCOMPARE(fingerprint->modified.timeSpec(), Qt::UTC);
}

void TestRetryPolicy::recheckDetectsChanges()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"part.stl"_s);
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(QByteArray(1000, 'a'));
    file.close();
    const auto original = fingerprintFile(path);
    QVERIFY(original);
    QString message;
    QCOMPARE(recheckFile(path, *original, nullptr, &message), FileCheck::Unchanged);

    // Touched only: still the same content.
    QVERIFY(file.open(QIODevice::ReadWrite));
    QVERIFY(file.setFileTime(QDateTime::currentDateTimeUtc().addDays(1),
                             QFileDevice::FileModificationTime));
    file.close();
    QCOMPARE(recheckFile(path, *original), FileCheck::Unchanged);

    // Same size, other content.
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(QByteArray(999, 'a') + 'b');
    file.close();
    QCOMPARE(recheckFile(path, *original, nullptr, &message), FileCheck::Changed);
    QVERIFY(message.contains(u"content"_s));

    // Other size.
    QVERIFY(file.open(QIODevice::Append));
    file.write("more");
    file.close();
    QCOMPARE(recheckFile(path, *original, nullptr, &message), FileCheck::Changed);
    QVERIFY(message.contains(u"1004"_s));

    QVERIFY(QFile::remove(path));
    QCOMPARE(recheckFile(path, *original, nullptr, &message), FileCheck::Missing);
    QVERIFY(message.contains(path));
}

void TestRetryPolicy::fingerprintOfMissingFile()
{
    QString error;
    QVERIFY(!fingerprintFile(u"/nonexistent/part.stl"_s, nullptr, &error));
    QVERIFY(error.contains(u"/nonexistent/part.stl"_s));
}

void TestRetryPolicy::fingerprintCancelled()
{
    QTemporaryDir dir;
    QFile file(dir.filePath(u"part.stl"_s));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(QByteArray(10, 'x'));
    file.close();
    std::atomic<bool> cancel{true};
    QString error;
    QVERIFY(!fingerprintFile(file.fileName(), &cancel, &error));
    QVERIFY(error.contains(u"cancelled"_s));
}

void TestRetryPolicy::transferRateSteady()
{
    TransferRate rate;
    rate.restart(1000);
    QVERIFY(!rate.bytesPerSecond());
    QVERIFY(!rate.secondsLeft(1000));
    // 2 MB/s for ten seconds, sampled every 100 ms.
    for (qint64 t = 100; t <= 10000; t += 100)
        rate.sample(1000 + t, t * 2000);
    QVERIFY(rate.bytesPerSecond());
    QVERIFY(qAbs(*rate.bytesPerSecond() - 2'000'000.0) < 1.0);
    QCOMPARE(rate.bytes(), qint64(20'000'000));
    // 30 MB left at 2 MB/s.
    QCOMPARE(rate.secondsLeft(50'000'000), std::optional<qint64>(15));
    // Done: nothing left, whatever the speed.
    QCOMPARE(rate.secondsLeft(20'000'000), std::optional<qint64>(0));
}

void TestRetryPolicy::transferRateIgnoresBurstsAndShortIntervals()
{
    TransferRate rate;
    rate.restart(0);
    rate.sample(100, 50'000'000); // socket buffers filling at once: the warm-up
    QVERIFY(!rate.bytesPerSecond());
    for (qint64 t = 300; t <= 6000; t += 300) // then 1 MB/s
        rate.sample(t, 50'000'000 + (t - 100) * 1000);
    const double settled = *rate.bytesPerSecond();
    QVERIFY2(settled < 1'300'000.0, qPrintable(QString::number(settled)));
    QVERIFY2(settled > 900'000.0, qPrintable(QString::number(settled)));

    // A stall pulls the speed down and the time left up, smoothly rather than to zero at once.
    const qint64 before = *rate.secondsLeft(100'000'000);
    rate.sample(6300, 50'000'000 + 5900 * 1000);
    QVERIFY(*rate.bytesPerSecond() < settled);
    QVERIFY(*rate.bytesPerSecond() > settled / 2);
    QVERIFY(*rate.secondsLeft(100'000'000) > before);
    // A long stall: the speed is gone, so is the estimate.
    for (qint64 t = 6600; t <= 60000; t += 300)
        rate.sample(t, 50'000'000 + 5900 * 1000);
    QVERIFY(*rate.bytesPerSecond() < 1.0);
    QVERIFY(!rate.secondsLeft(100'000'000));
}

void TestRetryPolicy::transferRateRestartsPerAttempt()
{
    TransferRate rate;
    rate.sample(0, 0); // an unstarted estimator starts at its first report
    rate.sample(1000, 4'000'000);
    QCOMPARE(*rate.bytesPerSecond(), 4'000'000.0);
    rate.restart(5000);
    QVERIFY(!rate.bytesPerSecond());
    QCOMPARE(rate.bytes(), qint64(0));
    rate.sample(5100, 100'000); // the new attempt's warm-up
    rate.sample(5600, 600'000);
    QVERIFY(!rate.bytesPerSecond());
    rate.sample(6100, 1'100'000);
    QCOMPARE(*rate.bytesPerSecond(), 1'000'000.0);
}

QTEST_GUILESS_MAIN(TestRetryPolicy)
#include "tst_retrypolicy.moc"

#include "api/retryafter.h"

#include <QList>
#include <algorithm>
#include <limits>

#include <array>
#include <charconv>

namespace pc {

namespace {

constexpr std::array<std::string_view, 12> kMonths{"jan", "feb", "mar", "apr", "may", "jun",
                                                   "jul", "aug", "sep", "oct", "nov", "dec"};

bool isAsciiSpace(char c)
{
    return c == ' ' || c == '\t';
}

QByteArrayView trimmed(QByteArrayView v)
{
    while (!v.isEmpty() && isAsciiSpace(v.front()))
        v = v.sliced(1);
    while (!v.isEmpty() && isAsciiSpace(v.back()))
        v.chop(1);
    return v;
}

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

// Only ASCII digits: std::from_chars alone would also take a minus sign ("-123" as a year).
std::optional<int> parseNumber(QByteArrayView digits, int minDigits, int maxDigits)
{
    if (digits.size() < minDigits || digits.size() > maxDigits ||
        !std::all_of(digits.begin(), digits.end(), isDigit))
        return std::nullopt;
    int value = 0;
    const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
    if (ec != std::errc() || end != digits.data() + digits.size())
        return std::nullopt;
    return value;
}

std::optional<int> parseMonth(QByteArrayView name)
{
    if (name.size() != 3)
        return std::nullopt;
    const std::string lower{char(name[0] | 0x20), char(name[1] | 0x20), char(name[2] | 0x20)};
    for (size_t i = 0; i < kMonths.size(); ++i) {
        if (kMonths[i] == lower)
            return int(i) + 1;
    }
    return std::nullopt;
}

// "08:49:37"
std::optional<QTime> parseClock(QByteArrayView text)
{
    if (text.size() != 8 || text[2] != ':' || text[5] != ':')
        return std::nullopt;
    const auto h = parseNumber(text.sliced(0, 2), 2, 2);
    const auto m = parseNumber(text.sliced(3, 2), 2, 2);
    const auto s = parseNumber(text.sliced(6, 2), 2, 2);
    if (!h || !m || !s)
        return std::nullopt;
    // HTTP allows a leap second (60); QTime does not, so it is read as 59.
    const QTime time(*h, *m, std::min(*s, 59));
    if (!time.isValid())
        return std::nullopt;
    return time;
}

QDateTime makeUtc(int year, int month, int day, QTime time)
{
    const QDate date(year, month, day);
    if (!date.isValid())
        return {};
    return QDateTime(date, time, Qt::UTC);
}

QList<QByteArrayView> words(QByteArrayView text)
{
    QList<QByteArrayView> out;
    qsizetype start = -1;
    for (qsizetype i = 0; i <= text.size(); ++i) {
        const bool space = i == text.size() || isAsciiSpace(text[i]);
        if (space && start >= 0) {
            out.append(text.sliced(start, i - start));
            start = -1;
        } else if (!space && start < 0) {
            start = i;
        }
    }
    return out;
}

} // namespace

QDateTime parseHttpDate(QByteArrayView value)
{
    const QList<QByteArrayView> w = words(trimmed(value));
    if (w.size() == 6 && w[0].endsWith(',') && w[5] == "GMT") {
        // IMF-fixdate: Sun, 06 Nov 1994 08:49:37 GMT
        const auto day = parseNumber(w[1], 1, 2);
        const auto month = parseMonth(w[2]);
        const auto year = parseNumber(w[3], 4, 4);
        const auto time = parseClock(w[4]);
        if (day && month && year && time)
            return makeUtc(*year, *month, *day, *time);
        return {};
    }
    if (w.size() == 4 && w[0].endsWith(',') && w[3] == "GMT") {
        // RFC 850: Sunday, 06-Nov-94 08:49:37 GMT
        const QByteArrayView dmy = w[1];
        if (dmy.size() != 9 || dmy[2] != '-' || dmy[6] != '-')
            return {};
        const auto day = parseNumber(dmy.sliced(0, 2), 2, 2);
        const auto month = parseMonth(dmy.sliced(3, 3));
        auto year = parseNumber(dmy.sliced(7, 2), 2, 2);
        const auto time = parseClock(w[2]);
        if (!day || !month || !year || !time)
            return {};
        // Two-digit years: RFC 9110 says a year more than 50 years ahead is in the past.
        *year += *year < 70 ? 2000 : 1900;
        return makeUtc(*year, *month, *day, *time);
    }
    if (w.size() == 5) {
        // asctime: Sun Nov  6 08:49:37 1994
        const auto month = parseMonth(w[1]);
        const auto day = parseNumber(w[2], 1, 2);
        const auto time = parseClock(w[3]);
        const auto year = parseNumber(w[4], 4, 4);
        if (month && day && time && year)
            return makeUtc(*year, *month, *day, *time);
    }
    return {};
}

std::optional<std::chrono::seconds> parseRetryAfter(QByteArrayView value, const QDateTime &now)
{
    const QByteArrayView text = trimmed(value);
    if (text.isEmpty())
        return std::nullopt;
    if (std::all_of(text.begin(), text.end(), isDigit)) {
        qint64 seconds = 0;
        const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), seconds);
        if (ec == std::errc::result_out_of_range)
            return kMaxRetryAfter;
        if (ec != std::errc() || end != text.data() + text.size())
            return std::nullopt;
        // Capped: a value that fits in 64 bits may still overflow once in milliseconds.
        return std::min(std::chrono::seconds(seconds), kMaxRetryAfter);
    }
    const QDateTime when = parseHttpDate(text);
    if (!when.isValid())
        return std::nullopt;
    // Rounded up: retrying before the date the service named would be too early.
    const qint64 msecs = std::max<qint64>(0, now.msecsTo(when));
    return std::min(std::chrono::seconds((msecs + 999) / 1000), kMaxRetryAfter);
}

} // namespace pc

#pragma once

#include <QByteArrayView>
#include <QDateTime>

#include <chrono>
#include <limits>
#include <optional>

namespace pc {

// The longest delay parseRetryAfter() returns (about 68 years): larger values are capped, so
// a caller can convert any result to milliseconds without overflow.
inline constexpr std::chrono::seconds kMaxRetryAfter{std::numeric_limits<int>::max()};

// Parses an HTTP Retry-After value (RFC 9110 10.2.3): either delay-seconds ("120") or an
// HTTP date in any of the three formats ("Sun, 06 Nov 1994 08:49:37 GMT", "Sunday,
// 06-Nov-94 08:49:37 GMT", "Sun Nov  6 08:49:37 1994"), relative to `now`. A date in the
// past gives 0 s, a larger value than kMaxRetryAfter gives kMaxRetryAfter. Returns nullopt
// for anything else (then the caller's normal backoff applies).
std::optional<std::chrono::seconds> parseRetryAfter(QByteArrayView value, const QDateTime &now);

// Parses just the HTTP date formats above (UTC); invalid QDateTime when not a date.
QDateTime parseHttpDate(QByteArrayView value);

} // namespace pc

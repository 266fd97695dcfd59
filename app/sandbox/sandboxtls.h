#pragma once

// The certificates the sandbox speaks TLS with when its fault plan asks for it (`tls=`), so
// the console's refusal of an untrusted or wrong certificate can be played end to end.
// Both are self-signed (P-256, valid 2024-2124) and share one key; nothing trusts them unless
// a test adds one to its trusted CA certificates on purpose. They and the key are public
// test material and protect nothing.

#include <QByteArray>

namespace pc::sandbox {

// For 127.0.0.1 and localhost: trusted by nobody (an "invalid" certificate), or, once a test
// trusts it, a working TLS sandbox.
inline constexpr char kSelfSignedCertificatePem[] = R"(-----BEGIN CERTIFICATE-----
MIIB6jCCAZCgAwIBAgICEAAwCgYIKoZIzj0EAwIwVTESMBAGA1UEAwwJMTI3LjAu
MC4xMT8wPQYDVQQKDDZQYXJ0bmVyIGNvbnNvbGUgc2FuZGJveCAoc2VsZi1zaWdu
ZWQgdGVzdCBjZXJ0aWZpY2F0ZSkwIBcNMjQwMTAxMDAwMDAwWhgPMjEyNDAxMDEw
MDAwMDBaMFUxEjAQBgNVBAMMCTEyNy4wLjAuMTE/MD0GA1UECgw2UGFydG5lciBj
b25zb2xlIHNhbmRib3ggKHNlbGYtc2lnbmVkIHRlc3QgY2VydGlmaWNhdGUpMFkw
EwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEBDy7ywZAdnDCb2ewlbCOrmzg7RR9g7vC
wS2cdXtfPo+YjvWoLHpCCUfYIRNLpbuRh5sPZ1KXl+iOh7v83a2AWKNOMEwwGgYD
VR0RBBMwEYcEfwAAAYIJbG9jYWxob3N0MA8GA1UdEwEB/wQFMAMBAf8wHQYDVR0O
BBYEFMcZlSYMNVZcAEualJKzr+NHo+xhMAoGCCqGSM49BAMCA0gAMEUCIQDALBjN
rkP8B4PisVNRY/mAp6gOGudsLZt3pWLogWHlPwIgFyp7ixHaOLC2wXnPckS1y+gc
wFC3p/xvHoLPGfDcsOY=
-----END CERTIFICATE-----
)";

// For wrong-host.invalid only: the wrong host for a sandbox on 127.0.0.1, even when trusted.
inline constexpr char kWrongHostCertificatePem[] = R"(-----BEGIN CERTIFICATE-----
MIIB/TCCAaOgAwIBAgICEAEwCgYIKoZIzj0EAwIwXTEbMBkGA1UEAwwSd3Jvbmct
aG9zdC5pbnZhbGlkMT4wPAYDVQQKDDVQYXJ0bmVyIGNvbnNvbGUgc2FuZGJveCAo
d3JvbmctaG9zdCB0ZXN0IGNlcnRpZmljYXRlKTAgFw0yNDAxMDEwMDAwMDBaGA8y
MTI0MDEwMTAwMDAwMFowXTEbMBkGA1UEAwwSd3JvbmctaG9zdC5pbnZhbGlkMT4w
PAYDVQQKDDVQYXJ0bmVyIGNvbnNvbGUgc2FuZGJveCAod3JvbmctaG9zdCB0ZXN0
IGNlcnRpZmljYXRlKTBZMBMGByqGSM49AgEGCCqGSM49AwEHA0IABAQ8u8sGQHZw
wm9nsJWwjq5s4O0UfYO7wsEtnHV7Xz6PmI71qCx6QglH2CETS6W7kYebD2dSl5fo
joe7/N2tgFijUTBPMB0GA1UdEQQWMBSCEndyb25nLWhvc3QuaW52YWxpZDAPBgNV
HRMBAf8EBTADAQH/MB0GA1UdDgQWBBTHGZUmDDVWXABLmpSSs6/jR6PsYTAKBggq
hkjOPQQDAgNIADBFAiEA6rc+MuHYVpXBKwJpAq1BUeHQAyHSg0bz1lsyw8nz1TEC
IAvD7nlayJIefrF7uDrbLaCV2AcS9byqh3BOLj7fVWTY
-----END CERTIFICATE-----
)";

// The EC key of both certificates (PKCS #8).
inline constexpr char kTlsPrivateKeyPem[] = R"(-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQg3OF/fpJvIhaRherU
2su+L73CjSPGe67K1pj5WTCXSgihRANCAAQEPLvLBkB2cMJvZ7CVsI6ubODtFH2D
u8LBLZx1e18+j5iO9agsekIJR9ghE0ulu5GHmw9nUpeX6I6Hu/zdrYBY
-----END PRIVATE KEY-----
)";

} // namespace pc::sandbox

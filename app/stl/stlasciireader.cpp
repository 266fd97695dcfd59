// The ASCII STL parser: strict about structure and numbers, relaxed about whitespace, case,
// line endings, a UTF-8 BOM, several solids and a missing final "endsolid". No locale, no
// QString per line: tokens are byte ranges, numbers go through std::from_chars.
#include "stl/stlreader.h"

#include <QCoreApplication>

#include <sys/mman.h>

#include <bit>
#include <charconv>
#include <cmath>
#include <limits>

using namespace Qt::StringLiterals;

namespace pc::stl::detail {

namespace {

// Text::tr() for this file's functions; lupdate takes the context from the macro.
struct Text
{
    Q_DECLARE_TR_FUNCTIONS(StlInspector)
};

bool isSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

// A token as shown in an error message: at most 24 bytes, control bytes as \xNN.
QString shown(QByteArrayView token)
{
    if (token.isEmpty())
        return Text::tr("the end of the file");
    QString out = u"\""_s;
    const qsizetype n = std::min<qsizetype>(token.size(), 24);
    for (qsizetype i = 0; i < n; ++i) {
        const uchar c = uchar(token[i]);
        if (c < 0x20 || c == 0x7f)
            out += u"\\x"_s + QString::number(c, 16).rightJustified(2, u'0');
        else if (c < 0x80)
            out += QChar(char16_t(c));
        else
            out += u'?';
    }
    if (token.size() > n)
        out += u'\u2026';
    return out + u'"';
}

// Decimal "[-+]digits[.digits][e[-+]digits]" with at most 19 significant digits and a
// small exponent, done exactly (Clinger's fast path in double, then one rounding to float,
// refused when that second rounding could differ). False: let std::from_chars decide.
// Returns where the number ended (null when the fast path does not apply).
const char *fastFloat(const char *p, const char *end, float &out)
{
    static constexpr double powers[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                        1e8,  1e9,  1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
                                        1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
    bool negative = false;
    if (p != end && (*p == '-' || *p == '+'))
        negative = *p++ == '-';
    quint64 mantissa = 0;
    int digits = 0;
    int exponent = 0;
    const char *start = p;
    while (p != end && *p >= '0' && *p <= '9') {
        if (digits > 0 || *p != '0')
            ++digits;
        mantissa = mantissa * 10 + quint64(*p++ - '0');
    }
    const bool intDigits = p != start;
    bool fracDigits = false;
    if (p != end && *p == '.') {
        ++p;
        while (p != end && *p >= '0' && *p <= '9') {
            if (digits > 0 || *p != '0')
                ++digits;
            mantissa = mantissa * 10 + quint64(*p++ - '0');
            --exponent;
            fracDigits = true;
        }
    }
    if ((!intDigits && !fracDigits) || digits > 19)
        return nullptr;
    if (p != end && (*p == 'e' || *p == 'E')) {
        ++p;
        bool negativeExponent = false;
        if (p != end && (*p == '-' || *p == '+'))
            negativeExponent = *p++ == '-';
        if (p == end || *p < '0' || *p > '9')
            return nullptr;
        int e = 0;
        while (p != end && *p >= '0' && *p <= '9' && e < 10000)
            e = e * 10 + (*p++ - '0');
        exponent += negativeExponent ? -e : e;
    }
    if ((p != end && !isSpace(*p)) || mantissa > (quint64(1) << 53) || exponent < -22 ||
        exponent > 22)
        return nullptr;
    double d = double(mantissa);
    d = exponent < 0 ? d / powers[-exponent] : d * powers[exponent];
    if (mantissa != 0 && (d < 1.2e-38 || d > 3.4e38))
        return nullptr;
    if ((std::bit_cast<quint64>(d) & 0x1fffffffu) == 0x10000000u)
        return nullptr; // exactly halfway between two floats: needs the exact decimal
    out = negative ? -float(d) : float(d);
    return p;
}

// Asks for transparent huge pages on the reserved, still untouched storage of a large
// vector (fewer page faults while it fills up).
void adviseHugePages(const std::vector<float> &v)
{
#ifdef MADV_HUGEPAGE
    constexpr quintptr huge = quintptr(2) << 20;
    const auto begin = (quintptr(v.data()) + huge - 1) & ~(huge - 1);
    const auto end = (quintptr(v.data() + v.capacity())) & ~(huge - 1);
    if (end > begin)
        madvise(reinterpret_cast<void *>(begin), end - begin, MADV_HUGEPAGE);
#else
    Q_UNUSED(v);
#endif
}

class AsciiParser final
{
public:
    AsciiParser(QByteArrayView bytes, const ParseOptions &options, const WorkControl &control,
                ParseResult &result)
        : m_begin(bytes.data())
        , m_p(bytes.data())
        , m_end(bytes.data() + bytes.size())
        , m_keep(!options.quickOnly)
        , m_consumed(options.consumed)
        , m_control(control)
        , m_r(result)
    {}

    void run();

private:
    void skipSpace()
    {
        while (m_p < m_end) {
            const char c = *m_p;
            if (c == '\n')
                ++m_line;
            else if (!isSpace(c))
                break;
            ++m_p;
        }
    }
    QByteArrayView token()
    {
        skipSpace();
        const char *start = m_p;
        while (m_p < m_end && !isSpace(*m_p))
            ++m_p;
        return QByteArrayView(start, m_p - start);
    }
    QByteArrayView restOfLine()
    {
        while (m_p < m_end && (*m_p == ' ' || *m_p == '\t'))
            ++m_p;
        const char *start = m_p;
        while (m_p < m_end && *m_p != '\n')
            ++m_p;
        QByteArrayView line(start, m_p - start);
        while (!line.isEmpty() && isSpace(line.back()))
            line.chop(1);
        return line;
    }
    static bool is(QByteArrayView token, std::string_view keyword)
    {
        if (token.size() != qsizetype(keyword.size()))
            return false;
        for (size_t i = 0; i < keyword.size(); ++i) {
            if ((token[qsizetype(i)] | 0x20) != keyword[i])
                return false;
        }
        return true;
    }
    bool fail(const QString &what)
    {
        if (m_r.error.isEmpty())
            m_r.error = QCoreApplication::translate("StlInspector",
                                                    "Line %1: %2. This is not a valid ASCII STL "
                                                    "file; export it again.")
                            .arg(m_line)
                            .arg(what);
        return false;
    }
    bool expect(std::string_view keyword)
    {
        const QByteArrayView t = token();
        if (is(t, keyword))
            return true;
        return fail(
            QCoreApplication::translate("StlInspector", "expected \"%1\" but found %2")
                .arg(QLatin1StringView(keyword.data(), qsizetype(keyword.size())), shown(t)));
    }
    bool number(float &out, bool mustBeFinite);
    bool facet();

    const char *m_begin;
    const char *m_p;
    const char *m_end;
    qint64 m_line = 1;
    bool m_keep;
    const std::function<void(qsizetype)> &m_consumed;
    const WorkControl &m_control;
    ParseResult &m_r;
    float m_lo[3] = {};
    float m_hi[3] = {};
};

bool AsciiParser::number(float &out, bool mustBeFinite)
{
    skipSpace();
    if (const char *next = fastFloat(m_p, m_end, out)) {
        m_p = next;
        return true;
    }
    const QByteArrayView t = token();
    const char *first = t.data();
    const char *last = t.data() + t.size();
    if (first != last && *first == '+' && last - first > 1 && *(first + 1) != '-')
        ++first;
    auto [ptr, ec] = std::from_chars(first, last, out);
    if (ec == std::errc::result_out_of_range) {
        double d = 0.0;
        const auto r = std::from_chars(first, last, d);
        ptr = r.ptr;
        ec = r.ec;
        if (ec == std::errc() && std::fabs(d) < 1.0)
            out = float(d); // underflow to a subnormal or zero: harmless
        else
            ec = std::errc::result_out_of_range;
    }
    if (t.isEmpty() || ec == std::errc::invalid_argument || ptr != last)
        return fail(QCoreApplication::translate("StlInspector", "expected a number but found %1")
                        .arg(shown(t)));
    if (ec != std::errc())
        return fail(QCoreApplication::translate("StlInspector", "the number %1 is out of range")
                        .arg(shown(t)));
    if (!std::isfinite(out)) {
        if (mustBeFinite)
            return fail(QCoreApplication::translate("StlInspector",
                                                    "the coordinate %1 is not a finite number "
                                                    "(NaN or infinity)")
                            .arg(shown(t)));
        out = 0.0f;
        ++m_r.nonFiniteNormals;
    }
    return true;
}

bool AsciiParser::facet()
{
    float n[3];
    float v[9];
    if (!expect("normal"))
        return false;
    for (float &f : n) {
        if (!number(f, false))
            return false;
    }
    if (!expect("outer") || !expect("loop"))
        return false;
    for (int i = 0; i < 3; ++i) {
        if (!expect("vertex"))
            return false;
        for (int k = 0; k < 3; ++k) {
            if (!number(v[3 * i + k], true))
                return false;
        }
    }
    const QByteArrayView t = token();
    if (is(t, "vertex"))
        return fail(Text::tr("a loop has more than 3 vertices; STL facets must be triangles"));
    if (!is(t, "endloop"))
        return fail(QCoreApplication::translate("StlInspector", "expected \"%1\" but found %2")
                        .arg(u"endloop"_s, shown(t)));
    if (!expect("endfacet"))
        return false;
    for (int i = 0; i < 3; ++i) {
        for (int k = 0; k < 3; ++k) {
            const float f = v[3 * i + k];
            if (m_r.triangles == 0 && i == 0) {
                m_lo[k] = m_hi[k] = f;
            } else {
                m_lo[k] = f < m_lo[k] ? f : m_lo[k];
                m_hi[k] = f > m_hi[k] ? f : m_hi[k];
            }
        }
    }
    if (m_keep) {
        for (const float f : v)
            m_r.mesh.positions.push_back(f);
        for (const float f : n)
            m_r.mesh.normals.push_back(f);
    }
    ++m_r.triangles;
    return true;
}

void AsciiParser::run()
{
    m_r.format = Format::Ascii;
    if (QByteArrayView(m_p, m_end - m_p).startsWith("\xef\xbb\xbf"))
        m_p += 3;
    if (m_keep) {
        const size_t estimate = size_t(m_end - m_p) / 200;
        m_r.mesh.positions.reserve(estimate * 9);
        m_r.mesh.normals.reserve(estimate * 3);
        adviseHugePages(m_r.mesh.positions);
        adviseHugePages(m_r.mesh.normals);
    }
    const double total = double(std::max<qsizetype>(1, m_end - m_begin));
    bool first = true;
    for (;;) {
        QByteArrayView t = token();
        if (t.isEmpty())
            break;
        if (!is(t, "solid")) {
            fail(QCoreApplication::translate("StlInspector", "expected \"%1\" but found %2")
                     .arg(u"solid"_s, shown(t)));
            return;
        }
        const QByteArrayView name = restOfLine();
        if (first)
            m_r.header = name.toByteArray();
        first = false;
        for (;;) {
            t = token();
            if (t.isEmpty()) {
                m_r.missingEndsolid = true;
                m_r.warnings << Text::tr(
                    "The file ends without \"endsolid\"; it may be incomplete.");
                break;
            }
            if (is(t, "endsolid")) {
                restOfLine();
                break;
            }
            if (!is(t, "facet")) {
                fail(QCoreApplication::translate("StlInspector",
                                                 "expected \"facet\" or \"endsolid\" but found %1")
                         .arg(shown(t)));
                return;
            }
            if (!facet())
                return;
            if ((m_r.triangles & 0x3fff) == 0) {
                if (!Phase{&m_control}.tick((m_p - m_begin) / total)) {
                    m_r.cancelled = true;
                    return;
                }
                if (m_consumed)
                    m_consumed(m_p - m_begin);
            }
        }
    }
    if (m_r.triangles > 0) {
        m_r.bbox.valid = true;
        for (int k = 0; k < 3; ++k) {
            m_r.bbox.min[k] = m_lo[k];
            m_r.bbox.max[k] = m_hi[k];
        }
    }
    m_r.ok = true;
}

} // namespace

void parseAscii(QByteArrayView bytes, const ParseOptions &options, const WorkControl &control,
                ParseResult &result)
{
    AsciiParser(bytes, options, control, result).run();
}

} // namespace pc::stl::detail

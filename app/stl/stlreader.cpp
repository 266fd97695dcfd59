#include "stl/stlreader.h"

#include "common/regularfile.h"
#include "stl/stllogging.h"

#include <QCoreApplication>
#include <QtEndian>

#include <sys/mman.h>
#include <unistd.h>

#include <bit>
#include <cstring>
#include <limits>
#include <optional>

using namespace Qt::StringLiterals;

namespace pc::stl {

static_assert(std::endian::native == std::endian::little, "binary STL is read in place");

namespace {

// Text::tr() for this file's functions; lupdate takes the context from the macro.
struct Text
{
    Q_DECLARE_TR_FUNCTIONS(StlInspector)
};

constexpr qsizetype kChunk = 1 << 16; // facets between progress reports / cancel checks
constexpr quint32 kMaxCount = 0x7fffffffu;

struct Magic
{
    std::string_view bytes;
    const char *what;
};

// Known non-STL files, by their first bytes.
const char *knownOtherFormat(QByteArrayView bytes)
{
    static constexpr Magic magics[] = {
        {"\x89PNG\r\n\x1a\n", QT_TRANSLATE_NOOP("StlInspector", "a PNG image")},
        {"\xff\xd8\xff", QT_TRANSLATE_NOOP("StlInspector", "a JPEG image")},
        {"GIF87a", QT_TRANSLATE_NOOP("StlInspector", "a GIF image")},
        {"GIF89a", QT_TRANSLATE_NOOP("StlInspector", "a GIF image")},
        {"PK\x03\x04",
         QT_TRANSLATE_NOOP("StlInspector", "a ZIP archive (3MF files are ZIP archives too)")},
        {"PK\x05\x06",
         QT_TRANSLATE_NOOP("StlInspector", "a ZIP archive (3MF files are ZIP archives too)")},
        {"%PDF-", QT_TRANSLATE_NOOP("StlInspector", "a PDF document")},
        {"\x1f\x8b", QT_TRANSLATE_NOOP("StlInspector", "a gzip-compressed file")},
    };
    for (const Magic &m : magics) {
        if (bytes.startsWith(QByteArrayView(m.bytes.data(), qsizetype(m.bytes.size()))))
            return m.what;
    }
    return nullptr;
}

bool isTextByte(uchar c)
{
    return c >= 0x20 || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

// Text has no NUL or other control bytes; binary facet data nearly always has some.
bool looksLikeText(QByteArrayView bytes)
{
    const qsizetype n = std::min<qsizetype>(bytes.size(), 4096);
    for (qsizetype i = 0; i < n; ++i) {
        if (!isTextByte(uchar(bytes[i])))
            return false;
    }
    return true;
}

// After a failed ASCII parse of a file beginning with "solid": is it rather a binary file?
// Yes when its count fits the size (trailing bytes), or when it holds NUL bytes (floats
// nearly always do, text does not).
bool looksBinary(QByteArrayView bytes)
{
    const quint32 count = qFromLittleEndian<quint32>(bytes.data() + 80);
    if (count <= kMaxCount && binarySizeFor(count) <= quint64(bytes.size()))
        return true;
    if (!bytes.first(std::min<qsizetype>(bytes.size(), 4096)).contains('\0'))
        return false;
    // A broken ASCII file still names its facets near the start.
    return !bytes.first(std::min<qsizetype>(bytes.size(), 1024))
                .toByteArray()
                .toLower()
                .contains("facet");
}

bool startsWithSolid(QByteArrayView bytes)
{
    if (bytes.startsWith("\xef\xbb\xbf"))
        bytes = bytes.sliced(3);
    qsizetype i = 0;
    while (i < bytes.size() &&
           (bytes[i] == ' ' || bytes[i] == '\t' || bytes[i] == '\r' || bytes[i] == '\n'))
        ++i;
    bytes = bytes.sliced(i);
    return bytes.size() >= 5 && bytes.first(5).compare("solid", Qt::CaseInsensitive) == 0;
}

void detectColour(const QByteArray &header, quint64 count, quint64 withBit15, ColourInfo &colour)
{
    const qsizetype at = header.indexOf("COLOR=");
    if (at >= 0) {
        colour.convention = ColourConvention::Magics;
        colour.colouredFacets = count - withBit15;
        if (at + 10 <= header.size()) {
            colour.hasDefaultColour = true;
            for (int k = 0; k < 4; ++k)
                colour.defaultRgba[k] = quint8(header[at + 6 + k]);
        }
    } else if (withBit15 > 0) {
        colour.convention = ColourConvention::VisCam;
        colour.colouredFacets = withBit15;
    }
}

// Hands out `n` facets starting at facet `first` (asked in order); null on a read error.
using FacetSource = std::function<const char *(qsizetype first, qsizetype n)>;

// `head` is the first 84 bytes, `size` the whole size.
void parseBinary(QByteArrayView head, quint64 size, const FacetSource &source,
                 const ParseOptions &options, const WorkControl &control, ParseResult &r)
{
    r.format = Format::Binary;
    r.header = head.first(80).toByteArray();
    const quint32 count = qFromLittleEndian<quint32>(head.data() + 80);
    if (count > kMaxCount) {
        r.error =
            Text::tr("The header announces %1 triangles, more than this program accepts "
                     "(2147483647); the file has only %2 bytes. The file is corrupt or not an "
                     "STL file.")
                .arg(count)
                .arg(size);
        return;
    }
    const quint64 needed = binarySizeFor(count);
    if (needed > size) {
        r.error =
            Text::tr("The file is truncated: its header announces %1 triangles, which need %2 "
                     "bytes, but the file has only %3 bytes. Export or copy it again.")
                .arg(count)
                .arg(needed)
                .arg(size);
        return;
    }
    r.trailingBytes = size - needed;
    if (r.trailingBytes > 0)
        r.warnings << Text::tr("%n byte(s) after the last triangle were ignored.", nullptr,
                               int(std::min<quint64>(r.trailingBytes, kMaxCount)));
    const bool keep = options.buildMesh && !options.quickOnly;
    if (keep) {
        r.mesh.positions.resize(size_t(count) * 9);
        r.mesh.normals.resize(size_t(count) * 3);
        r.mesh.attributes.resize(count);
    }
    constexpr float inf = std::numeric_limits<float>::infinity();
    float lo[3] = {inf, inf, inf};
    float hi[3] = {-inf, -inf, -inf};
    quint64 withBit15 = 0;
    quint64 badNormals = 0;
    for (qsizetype start = 0; start < qsizetype(count); start += kChunk) {
        if (!Phase{&control}.tick(double(start) / count)) {
            r.cancelled = true;
            return;
        }
        if (options.consumed)
            options.consumed(84 + 50 * start);
        const qsizetype end = std::min<qsizetype>(qsizetype(count), start + kChunk);
        const char *block = source(start, end - start);
        if (!block) {
            r.error = Text::tr("The file could not be read to the end.");
            return;
        }
        for (qsizetype i = start; i < end; ++i) {
            const char *p = block + (i - start) * 50;
            quint32 u[12];
            std::memcpy(u, p, sizeof u);
            quint16 attribute;
            std::memcpy(&attribute, p + 48, 2);
            withBit15 += attribute >> 15;
            bool badVertex = false;
            for (int k = 3; k < 12; ++k)
                badVertex |= (u[k] & 0x7f800000u) == 0x7f800000u;
            if (badVertex) [[unlikely]] {
                r.error = Text::tr("Triangle %1 of %2 has a coordinate that is not a finite number "
                                   "(NaN or infinity). The file is corrupt; export it again.")
                              .arg(i + 1)
                              .arg(count);
                return;
            }
            bool badNormal = false;
            for (int k = 0; k < 3; ++k)
                badNormal |= (u[k] & 0x7f800000u) == 0x7f800000u;
            badNormals += badNormal;
            for (int v = 0; v < 3; ++v) {
                for (int k = 0; k < 3; ++k) {
                    const float f = std::bit_cast<float>(u[3 + 3 * v + k]);
                    lo[k] = f < lo[k] ? f : lo[k];
                    hi[k] = f > hi[k] ? f : hi[k];
                }
            }
            if (keep) {
                std::memcpy(&r.mesh.positions[size_t(i) * 9], p + 12, 36);
                std::memcpy(&r.mesh.normals[size_t(i) * 3], p, 12);
                r.mesh.attributes[size_t(i)] = attribute;
            }
        }
    }
    r.triangles = count;
    r.nonFiniteNormals = badNormals;
    if (count > 0) {
        r.bbox.valid = true;
        for (int k = 0; k < 3; ++k) {
            r.bbox.min[k] = lo[k];
            r.bbox.max[k] = hi[k];
        }
    }
    detectColour(r.header, count, withBit15, r.colour);
    r.ok = true;
}

void parseBinary(QByteArrayView bytes, const ParseOptions &options, const WorkControl &control,
                 ParseResult &r)
{
    const char *base = bytes.data() + 84;
    parseBinary(
        bytes.first(84), quint64(bytes.size()),
        [base](qsizetype first, qsizetype) { return base + first * 50; }, options, control, r);
}

void finish(ParseResult &r)
{
    if (r.ok && r.triangles == 0) {
        r.ok = false;
        r.error =
            Text::tr("The file contains no triangles (an empty solid). Export the model again "
                     "with its geometry.");
    }
    if (r.ok && r.nonFiniteNormals > 0)
        r.warnings << Text::tr("%n stored normal(s) are not finite numbers; they were ignored.",
                               nullptr, int(std::min<quint64>(r.nonFiniteNormals, kMaxCount)));
    if (r.cancelled) {
        r.ok = false;
        r.error = Text::tr("The inspection was cancelled.");
    }
    if (!r.ok)
        r.mesh = {};
}

} // namespace

QString formatName(Format format)
{
    switch (format) {
    case Format::Binary:
        return u"binary"_s;
    case Format::Ascii:
        return u"ascii"_s;
    case Format::Unknown:
        break;
    }
    return u"unknown"_s;
}

ParseResult parse(QByteArrayView bytes, const ParseOptions &options, const WorkControl &control)
{
    ParseResult r;
    r.fileSize = quint64(bytes.size());
    if (bytes.isEmpty()) {
        r.error = Text::tr("The file is empty (0 bytes). Export the model again.");
        return r;
    }
    if (bytes.size() >= 84) {
        const quint32 count = qFromLittleEndian<quint32>(bytes.data() + 80);
        if (binarySizeFor(count) == quint64(bytes.size())) {
            parseBinary(bytes, options, control, r);
            finish(r);
            return r;
        }
    }
    if (const char *what = knownOtherFormat(bytes)) {
        r.error =
            Text::tr("This is %1, not an STL file. Choose the .stl file exported from the CAD "
                     "program.")
                .arg(QCoreApplication::translate("StlInspector", what));
        return r;
    }
    if (startsWithSolid(bytes)) {
        detail::parseAscii(bytes, options, control, r);
        if ((!r.ok || r.triangles == 0) && !r.cancelled && bytes.size() >= 84 &&
            looksBinary(bytes)) {
            // A binary file whose header begins with "solid" and whose size is not exact.
            qCDebug(lcStl) << "not ASCII:" << r.error << "- reading as binary";
            r = ParseResult{};
            r.fileSize = quint64(bytes.size());
            parseBinary(bytes, options, control, r);
        }
        finish(r);
        return r;
    }
    if (bytes.size() < 84) {
        r.error =
            Text::tr("The file has only %1 bytes: too small for a binary STL (at least 84 bytes) "
                     "and it is not an ASCII STL (it does not begin with \"solid\").")
                .arg(bytes.size());
        return r;
    }
    if (looksLikeText(bytes)) {
        r.error = Text::tr("This is a text file, but not an ASCII STL (it does not begin with "
                           "\"solid\"). Choose the .stl file exported from the CAD program.");
        return r;
    }
    parseBinary(bytes, options, control, r);
    finish(r);
    return r;
}

bool MappedFile::open(const QString &path, QString *error)
{
    // Only a regular file: a FIFO would block the open, /dev/zero would never end.
    if (!openRegularFile(m_file, path, error))
        return false;
    const qint64 size = m_file.size();
    if (size > 0) {
        if (uchar *map = m_file.map(0, size)) {
            m_bytes = QByteArrayView(reinterpret_cast<const char *>(map), size);
            // Truncated while it is read, it would kill the process with SIGBUS otherwise.
            m_guard = std::make_unique<MappedRegionGuard>(map, size);
            return true;
        }
    }
    qCDebug(lcStl) << "cannot map" << path << "- reading it";
    // Never more than the size the file had when opened (one that grows meanwhile is cut).
    m_buffer = m_file.read(size);
    m_bytes = m_buffer;
    return true;
}

void MappedFile::releaseBefore(qsizetype offset)
{
    if (m_bytes.isEmpty() || !m_buffer.isEmpty())
        return;
    const auto page = quintptr(sysconf(_SC_PAGESIZE));
    const auto begin = quintptr(m_bytes.data()); // mappings start on a page
    const quintptr end = (begin + quintptr(std::min(offset, m_bytes.size()))) & ~(page - 1);
    if (end > begin)
        madvise(reinterpret_cast<void *>(begin), end - begin, MADV_DONTNEED);
}

// The quick path for a binary file of exact size: blocks read into one reused buffer.
// Faster than a mapping, whose page faults would cost more than the scan itself.
std::optional<ParseResult> quickReadBinary(const QString &path, const WorkControl &control)
{
    QFile file;
    if (!openRegularFile(file, path, nullptr) || file.size() < 84)
        return std::nullopt; // readFile() says why
    const QByteArray head = file.read(84);
    if (head.size() != 84 ||
        binarySizeFor(qFromLittleEndian<quint32>(head.constData() + 80)) != quint64(file.size()))
        return std::nullopt;
    QByteArray buffer;
    const FacetSource source = [&file, &buffer](qsizetype, qsizetype n) -> const char * {
        buffer.resize(n * 50);
        return file.read(buffer.data(), n * 50) == n * 50 ? buffer.constData() : nullptr;
    };
    ParseResult r;
    r.fileSize = quint64(file.size());
    ParseOptions options;
    options.quickOnly = true;
    parseBinary(head, r.fileSize, source, options, control, r);
    finish(r);
    return r;
}

ParseResult readFile(const QString &path, const ParseOptions &options, const WorkControl &control)
{
    if (options.quickOnly) {
        if (auto quick = quickReadBinary(path, control))
            return std::move(*quick);
    }
    MappedFile file;
    QString error;
    if (!file.open(path, &error)) {
        ParseResult r;
        r.error = error;
        return r;
    }
    ParseResult r = parse(file.bytes(), options, control);
    if (file.wasCutShort()) {
        r = ParseResult();
        r.error = fileCutShortMessage(path);
    }
    return r;
}

QString fileCutShortMessage(const QString &path)
{
    return Text::tr("%1 became shorter while it was being read, so what was read is not its "
                    "content. Wait until the program writing it has finished, then try again.")
        .arg(path);
}

TriangleView binaryView(QByteArrayView bytes, const ParseResult &result)
{
    if (!result.ok || result.format != Format::Binary ||
        quint64(bytes.size()) < binarySizeFor(result.triangles))
        return {};
    const char *base = bytes.data() + 84;
    return {base + 12, 50, base, 50, qsizetype(result.triangles), {}};
}

} // namespace pc::stl

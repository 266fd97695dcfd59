#pragma once

#include "stl/mappedregionguard.h"
#include "stl/stlformat.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QFile>
#include <QString>

#include <memory>

namespace pc::stl {

struct ParseOptions final
{
    // Called now and then with the number of leading bytes the parser will not read again.
    std::function<void(qsizetype)> consumed;
    // Quick path: format, count, bounding box, NaN/Inf check and colour detection only. No
    // mesh is built, whatever buildMesh says.
    bool quickOnly = false;
    // Copy binary facets into ParseResult::mesh. ASCII facets always land in the mesh
    // (unless quickOnly), since there is nothing else to point at.
    bool buildMesh = false;
};

struct ParseResult final
{
    bool ok = false;
    bool cancelled = false;
    QString error;        // translated; empty when ok
    QStringList warnings; // translated; problems that do not stop the file from being used

    Format format = Format::Unknown;
    quint64 triangles = 0;
    quint64 fileSize = 0;
    BoundingBox bbox;
    ColourInfo colour;
    quint64 trailingBytes = 0;    // binary: bytes after the last facet
    bool missingEndsolid = false; // ASCII: the last solid was not closed
    quint64 nonFiniteNormals = 0; // stored normals with NaN/Inf (ignored, warned)
    QByteArray header;            // binary: 80-byte header; ASCII: the first solid's name

    Mesh mesh; // filled as described in ParseOptions
};

// Parses an STL held in memory (any byte sequence; never crashes). `control` may cancel
// (then cancelled is set and ok is false) and receives progress 0..1.
ParseResult parse(QByteArrayView bytes, const ParseOptions &options = {},
                  const WorkControl &control = {});

// The same for a file, memory-mapped (falls back to reading it when it cannot be mapped).
ParseResult readFile(const QString &path, const ParseOptions &options = {},
                     const WorkControl &control = {});

// For binary results: a view of the facets straight over `bytes` (which must be the very
// buffer that was parsed, and outlive the view). Empty view for anything else.
TriangleView binaryView(QByteArrayView bytes, const ParseResult &result);

// A read-only file mapped into memory (or read into a buffer when mapping fails). bytes()
// stays valid as long as the object lives.
class MappedFile final
{
public:
    // False with a translated message in *error when the file cannot be opened.
    bool open(const QString &path, QString *error);
    QByteArrayView bytes() const { return m_bytes; }
    // Drops the mapped pages below `offset` from this process (they stay in the page cache
    // and fault back in if read again). Nothing happens for a file that was read instead.
    void releaseBefore(qsizetype offset);
    // The file became shorter while it was mapped and part of bytes() read as zeros: what
    // was made of them is not the file's content (MappedRegionGuard).
    bool wasCutShort() const { return m_guard && m_guard->wasCutShort(); }

private:
    QFile m_file;
    QByteArray m_buffer;
    QByteArrayView m_bytes;
    std::unique_ptr<MappedRegionGuard> m_guard; // declared after m_file: gone before the unmap
};

// The error for a file that wasCutShort(), naming it.
QString fileCutShortMessage(const QString &path);

// Size needed by a binary STL holding `count` facets: 84 + 50 * count.
constexpr quint64 binarySizeFor(quint64 count)
{
    return 84 + 50 * count;
}

namespace detail {
// The ASCII parser (stlasciireader.cpp); fills format, triangles, bbox, mesh, warnings.
void parseAscii(QByteArrayView bytes, const ParseOptions &options, const WorkControl &control,
                ParseResult &result);
} // namespace detail

} // namespace pc::stl

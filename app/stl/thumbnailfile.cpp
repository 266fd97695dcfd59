#include "stl/thumbnailfile.h"

#include "stl/stlreader.h"

namespace pc::stl {

QImage renderFileThumbnail(const QString &path, const ThumbnailOptions &options)
{
    MappedFile file;
    QString error;
    if (!file.open(path, &error))
        return {};
    ParseOptions parseOptions;
    parseOptions.consumed = [&file](qsizetype offset) { file.releaseBefore(offset); };
    const ParseResult parsed = parse(file.bytes(), parseOptions, WorkControl{options.cancel, {}});
    if (!parsed.ok || parsed.cancelled || file.wasCutShort())
        return {};
    TriangleView view;
    if (parsed.format == Format::Binary) {
        view = binaryView(file.bytes(), parsed);
        view.passed = [&file](qsizetype n) { file.releaseBefore(qsizetype(binarySizeFor(n))); };
    } else {
        file.releaseBefore(file.bytes().size());
        view = TriangleView::fromMesh(parsed.mesh);
    }
    const QImage image = renderThumbnail(view, options);
    // Zeros read from a file cut short draw a picture of nothing that was in it.
    return file.wasCutShort() ? QImage() : image;
}

} // namespace pc::stl

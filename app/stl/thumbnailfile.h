#pragma once

#include "stl/thumbnailrenderer.h"

#include <QImage>
#include <QString>

namespace pc::stl {

// The thumbnail of an STL file by itself, without the mesh checks: maps the file, reads its
// facets and draws them (renderThumbnail), giving the mapped pages back as it goes. A null
// image when the file cannot be read, is not a usable STL, changed while it was read, or the
// drawing was cancelled (options.cancel). Blocking: call it on a worker thread.
QImage renderFileThumbnail(const QString &path, const ThumbnailOptions &options = {});

} // namespace pc::stl

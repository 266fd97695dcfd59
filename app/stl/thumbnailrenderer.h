#pragma once

#include "stl/stlformat.h"

#include <QColor>
#include <QImage>
#include <QSize>

#include <atomic>

namespace pc::stl {

struct ThumbnailOptions
{
    QSize size{256, 256};
    QColor colour{0x4f, 0x86, 0xb8}; // a calm steel blue; shading gives the form
    int supersampling = 2;           // 1 = no anti-aliasing; 2 renders 4 samples per pixel
    const std::atomic<bool> *cancel = nullptr; // set from another thread to stop early
};

// A software renderer (no OpenGL, so it works headless and off the GUI thread): draws a
// shaded isometric view of the facets with a z-buffer into a transparent QImage. The view may
// point straight into a memory-mapped binary STL. Facets are lit on both sides, so a flipped
// facet still shows; facets with NaN/Inf corners are skipped. Returns a null image when
// cancelled; no facets give a transparent image.
QImage renderThumbnail(const TriangleView &facets, const ThumbnailOptions &options = {});

} // namespace pc::stl

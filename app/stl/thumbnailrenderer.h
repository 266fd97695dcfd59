#pragma once

#include "stl/stlformat.h"

#include <QColor>
#include <QImage>
#include <QSize>

#include <atomic>
#include <functional>

namespace pc::stl {

// What one drawing cost, in units that do not depend on the machine: for tests and benchmarks.
struct ThumbnailWork
{
    // Drawn in full, every pixel of their clipped box tested (those smaller than a pixel too).
    qint64 facetsRasterised = 0;
    qint64 facetsSampled = 0; // drawn by a few samples once the budget was spent
    qint64 pixelTests = 0;    // coverage and depth tests over all facets
};

struct ThumbnailOptions
{
    // Pixel tests the full drawing may spend, as a multiple of the canvas's pixel count. An
    // ordinary mesh covers each pixel a few times and stays far below; a file of many facets
    // that each cover the whole picture reaches it after a few dozen of them.
    static constexpr int kDefaultPixelBudget = 64;
    // Past the budget a facet is drawn by at most this many samples at scattered points of it,
    // so the rest of the file costs a bounded amount per facet.
    static constexpr int kSamplesPerFacet = 8;

    QSize size{256, 256};
    QColor colour{0x4f, 0x86, 0xb8}; // a calm steel blue; shading gives the form
    int supersampling = 2;           // 1 = no anti-aliasing; 2 renders 4 samples per pixel
    const std::atomic<bool> *cancel = nullptr; // set from another thread to stop early
    // Called on the rendering thread every few thousand facets or pixel tests with the share
    // of the work done (0..1): a caller with a deadline sets `cancel` from here.
    std::function<void(double)> progress;
    int pixelBudget = kDefaultPixelBudget;
    ThumbnailWork *work = nullptr; // when set, receives what the drawing cost
};

// A software renderer (no OpenGL, so it works headless and off the GUI thread): draws a
// shaded isometric view of the facets with a z-buffer into a transparent QImage. The view may
// point straight into a memory-mapped binary STL. Facets are lit on both sides, so a flipped
// facet still shows; facets with NaN/Inf corners are skipped. Each facet costs at most the
// pixels of its own box on the canvas, and the whole drawing at most the pixel budget plus a
// few samples per facet, whatever the file holds. Returns a null image when cancelled; no
// facets give a transparent image.
QImage renderThumbnail(const TriangleView &facets, const ThumbnailOptions &options = {});

} // namespace pc::stl

// The software thumbnail renderer: framing, shading, z-buffer, robustness, cancellation, and
// the budget that bounds the work of any file.
#include "stl/meshgenerator.h"
#include "stl/stlinspector.h"
#include "stl/thumbnailrenderer.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>

#include <QTest>

#include <array>
#include <cmath>
#include <limits>
#include <vector>

using namespace pc::stl;
using namespace Qt::StringLiterals;

namespace {

// A closed axis-aligned box as a triangle soup, wound outwards.
std::vector<float> box(float x0, float y0, float z0, float x1, float y1, float z1)
{
    const std::array<std::array<float, 3>, 8> v{{{x0, y0, z0},
                                                 {x1, y0, z0},
                                                 {x1, y1, z0},
                                                 {x0, y1, z0},
                                                 {x0, y0, z1},
                                                 {x1, y0, z1},
                                                 {x1, y1, z1},
                                                 {x0, y1, z1}}};
    const int faces[12][3] = {{0, 2, 1}, {0, 3, 2}, {4, 5, 6}, {4, 6, 7}, {0, 1, 5}, {0, 5, 4},
                              {1, 2, 6}, {1, 6, 5}, {2, 3, 7}, {2, 7, 6}, {3, 0, 4}, {3, 4, 7}};
    std::vector<float> out;
    for (const auto &face : faces)
        for (const int index : face)
            out.insert(out.end(), v[index].begin(), v[index].end());
    return out;
}

QImage render(const std::vector<float> &positions, const ThumbnailOptions &options = {})
{
    const TriangleView view{reinterpret_cast<const char *>(positions.data()),
                            36,
                            nullptr,
                            0,
                            qsizetype(positions.size() / 9),
                            {}};
    return renderThumbnail(view, options);
}

int opaquePixels(const QImage &image)
{
    int count = 0;
    for (int y = 0; y < image.height(); ++y)
        for (int x = 0; x < image.width(); ++x)
            count += qAlpha(image.pixel(x, y)) == 255;
    return count;
}

} // namespace

class TestThumbnail final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void cubeIsFramedAndShaded();
    void sizeOnRequest();
    void nearerSurfaceWins();
    void windingDoesNotHideFacets();
    void emptyAndNonFiniteInput();
    void flatAndTinyMeshes();
    void cancelled();
    void stackedLargeFacetsStayWithinTheBudget();
    void ordinaryMeshesAreDrawnInFull();
    void cancelIsHeardWithinLargeFacets();
    void mappedFileIsGivenBackWhileRendering();
};

void TestThumbnail::cubeIsFramedAndShaded()
{
    const auto cube = box(0, 0, 0, 20, 20, 20);
    const QImage image = render(cube);
    QCOMPARE(image.size(), QSize(256, 256));
    // Corners stay transparent, the centre is the object.
    QCOMPARE(qAlpha(image.pixel(0, 0)), 0);
    QCOMPARE(qAlpha(image.pixel(255, 255)), 0);
    QCOMPARE(qAlpha(image.pixel(128, 128)), 255);
    // Fitted with a margin: the object spans most of the image but not its border.
    const int covered = opaquePixels(image);
    QVERIFY2(covered > 256 * 256 / 3, qPrintable(QString::number(covered)));
    for (int i = 0; i < 256; ++i) {
        QCOMPARE(qAlpha(image.pixel(i, 0)), 0);
        QCOMPARE(qAlpha(image.pixel(0, i)), 0);
    }
    // Three visible faces, three clearly different shades.
    QList<QRgb> shades;
    for (int y = 0; y < 256; y += 4)
        for (int x = 0; x < 256; x += 4) {
            const QRgb p = image.pixel(x, y);
            if (qAlpha(p) == 255 && !shades.contains(p))
                shades.append(p);
        }
    int distinct = 0;
    for (int i = 0; i < shades.size(); ++i) {
        bool far = true;
        for (int j = 0; j < i; ++j)
            far = far && std::abs(qGray(shades[i]) - qGray(shades[j])) > 12;
        distinct += far;
    }
    QVERIFY2(distinct >= 3, qPrintable(QString::number(distinct)));
}

void TestThumbnail::sizeOnRequest()
{
    const auto cube = box(0, 0, 0, 1, 1, 1);
    ThumbnailOptions options;
    options.size = QSize(640, 480);
    options.supersampling = 1;
    const QImage image = render(cube, options);
    QCOMPARE(image.size(), QSize(640, 480));
    QCOMPARE(qAlpha(image.pixel(320, 240)), 255);
}

void TestThumbnail::nearerSurfaceWins()
{
    // A small box standing in front of the big one's +x face (nearer the camera, which looks
    // from +x, -y, +z). Its -y face shows in the middle of the big +x face, in another shade.
    // (A box on the big one's corner, along the view axis, would look exactly the same as
    // the big box alone in an isometric view.)
    auto scene = box(-50, -50, -50, 50, 50, 50);
    const auto front = box(50, -20, -20, 70, 0, 0);
    scene.insert(scene.end(), front.begin(), front.end());
    const QImage both = render(scene);
    const auto onlyBig = box(-50, -50, -50, 50, 50, 50);
    const QImage big = render(onlyBig);
    QVERIFY(both != big);
    // Drawing order must not matter: the z-buffer decides.
    auto reversed = front;
    reversed.insert(reversed.end(), onlyBig.begin(), onlyBig.end());
    QCOMPARE(render(reversed), both);
}

void TestThumbnail::windingDoesNotHideFacets()
{
    auto cube = box(0, 0, 0, 1, 1, 1);
    const QImage normal = render(cube);
    // Flip every facet: a mesh with wrong orientation still shows the same object.
    for (std::size_t t = 0; t < cube.size() / 9; ++t)
        std::swap_ranges(cube.begin() + t * 9 + 3, cube.begin() + t * 9 + 6,
                         cube.begin() + t * 9 + 6);
    const QImage flipped = render(cube);
    QCOMPARE(opaquePixels(flipped), opaquePixels(normal));
}

void TestThumbnail::emptyAndNonFiniteInput()
{
    const QImage empty = render({});
    QCOMPARE(empty.size(), QSize(256, 256));
    QCOMPARE(opaquePixels(empty), 0);

    auto cube = box(0, 0, 0, 1, 1, 1);
    const float nan = std::numeric_limits<float>::quiet_NaN();
    const float inf = std::numeric_limits<float>::infinity();
    // One bad corner disqualifies the facet: its finite corners do not stretch the framing.
    std::vector<float> bad{nan, 0, 0, 1, inf, 0, 0, 0, 1e30f};
    cube.insert(cube.end(), bad.begin(), bad.end());
    const QImage image = render(cube);
    QCOMPARE(qAlpha(image.pixel(128, 128)), 255);
}

void TestThumbnail::flatAndTinyMeshes()
{
    // One triangle in the XY plane, micrometre-sized: still framed and drawn.
    const std::vector<float> tiny{0, 0, 0, 1e-6f, 0, 0, 0, 1e-6f, 0};
    QVERIFY(opaquePixels(render(tiny)) > 100);
    // A degenerate triangle (a point) draws nothing and does not crash.
    const std::vector<float> point{1, 1, 1, 1, 1, 1, 1, 1, 1};
    QCOMPARE(opaquePixels(render(point)), 0);
}

void TestThumbnail::cancelled()
{
    const auto cube = box(0, 0, 0, 1, 1, 1);
    std::atomic<bool> cancel{true};
    ThumbnailOptions options;
    options.cancel = &cancel;
    QVERIFY(render(cube, options).isNull());
}

// Copies of one large triangle, each covering the whole picture, cost a full pass each until
// the budget is spent and a few samples each after it: the work is bounded by the budget plus
// the facet count, and the picture is still the triangle.
void TestThumbnail::stackedLargeFacetsStayWithinTheBudget()
{
    constexpr qsizetype kFacets = 600'000;
    const Mesh stacked = makeStackedTriangles(kFacets);
    QCOMPARE(stacked.facetCount(), kFacets);
    ThumbnailWork work;
    ThumbnailOptions options;
    options.work = &work;
    const QImage image = renderThumbnail(TriangleView::fromMesh(stacked), options);
    QVERIFY(!image.isNull());

    const qint64 canvas = qint64(options.size.width()) * options.size.height() *
                          options.supersampling * options.supersampling;
    const qint64 bound = ThumbnailOptions::kDefaultPixelBudget * canvas +
                         qint64(ThumbnailOptions::kSamplesPerFacet) * kFacets;
    QVERIFY2(work.pixelTests <= bound,
             qPrintable(u"%1 pixel tests, bound %2"_s.arg(work.pixelTests).arg(bound)));
    QCOMPARE(work.facetsRasterised + work.facetsSampled, qint64(kFacets));
    QVERIFY(work.facetsRasterised > 0);
    QVERIFY(work.facetsSampled > kFacets / 2);

    // The same picture as the triangle alone: the later copies lie on the drawn one.
    const Mesh one = makeStackedTriangles(1);
    const QImage single = renderThumbnail(TriangleView::fromMesh(one));
    QCOMPARE(opaquePixels(image), opaquePixels(single));
    QVERIFY(opaquePixels(image) > 256 * 256 / 8);
    QCOMPARE(image, single);

    // Facets that move nearer one after another each pass the depth test: past the budget
    // they are still only sampled, and together they cover the triangle.
    Mesh rising = makeStackedTriangles(200'000);
    for (qsizetype t = 0; t < rising.facetCount(); ++t)
        for (int corner = 0; corner < 3; ++corner)
            rising.positions[std::size_t(t) * 9 + std::size_t(corner) * 3] += float(t) * 1e-4f;
    ThumbnailWork risingWork;
    options.work = &risingWork;
    const QImage risingImage = renderThumbnail(TriangleView::fromMesh(rising), options);
    QVERIFY(risingWork.pixelTests <= ThumbnailOptions::kDefaultPixelBudget * canvas +
                                         qint64(ThumbnailOptions::kSamplesPerFacet) * 200'000);
    QVERIFY(risingWork.facetsSampled > 0);
    QVERIFY(opaquePixels(risingImage) > 256 * 256 / 8);
}

// Ordinary meshes never reach the budget: every facet is drawn in full, as before.
void TestThumbnail::ordinaryMeshesAreDrawnInFull()
{
    const QDir corpus(QStringLiteral(PC_TEST_DATA_DIR "/stl"));
    int drawn = 0;
    const QStringList names = corpus.entryList({u"*.stl"_s, u"*.STL"_s}, QDir::Files);
    for (const QString &name : names) {
        ThumbnailWork work;
        InspectOptions inspect;
        inspect.withFacets = [&work](const TriangleView &facets) {
            ThumbnailOptions options;
            options.work = &work;
            renderThumbnail(facets, options);
        };
        if (!inspectFile(corpus.filePath(name), inspect).ok)
            continue;
        ++drawn;
        QVERIFY2(work.facetsSampled == 0, qPrintable(name));
    }
    QVERIFY(drawn >= 10);
    const Mesh torus = makeTorus(500, 250);
    ThumbnailWork work;
    ThumbnailOptions options;
    options.work = &work;
    renderThumbnail(TriangleView::fromMesh(torus), options);
    QCOMPARE(work.facetsSampled, 0);
    QCOMPARE(work.facetsRasterised, qint64(torus.facetCount()));
}

// The cancel flag is looked at every few thousand facets or pixel tests, not only between
// large facets: a caller with a deadline sets it from the progress call.
void TestThumbnail::cancelIsHeardWithinLargeFacets()
{
    const Mesh stacked = makeStackedTriangles(100'000);
    std::atomic<bool> cancel{false};
    int calls = 0;
    double last = -1;
    ThumbnailWork work;
    ThumbnailOptions options;
    options.cancel = &cancel;
    options.work = &work;
    options.progress = [&](double share) {
        QVERIFY(share >= last && share <= 1.0);
        last = share;
        if (++calls == 40)
            cancel = true;
    };
    QVERIFY(renderThumbnail(TriangleView::fromMesh(stacked), options).isNull());
    QCOMPARE(calls, 40);
    QCOMPARE(work.pixelTests, 0); // not written when cancelled
}

// The thumbnail of a mapped binary STL says how far each pass read, so the inspection can drop
// the pages behind it instead of holding the whole file resident while it renders.
void TestThumbnail::mappedFileIsGivenBackWhileRendering()
{
    const pc::stl::Mesh torus = pc::stl::makeTorus(400, 200); // 160,000 facets, 8 MB
    QTemporaryDir dir;
    QFile file(dir.filePath(u"torus.stl"_s));
    QVERIFY(file.open(QIODevice::WriteOnly));
    QVERIFY(file.write(pc::stl::toBinaryStl(torus)) > 0);
    file.close();

    QList<qsizetype> passed;
    qsizetype count = 0;
    pc::stl::InspectOptions options;
    options.withFacets = [&](const TriangleView &facets) {
        count = facets.count;
        QVERIFY(facets.passed);
        TriangleView watched = facets;
        watched.passed = [&passed, &facets](qsizetype n) {
            passed << n;
            facets.passed(n);
        };
        QVERIFY(!renderThumbnail(watched).isNull());
    };
    const pc::stl::InspectionReport report = pc::stl::inspectFile(file.fileName(), options);
    QVERIFY2(report.ok, qPrintable(report.error));
    QVERIFY(report.watertight()); // the checks still read every facet after the pages went
    QCOMPARE(count, torus.facetCount());
    QVERIFY2(passed.size() > 4, qPrintable(QString::number(passed.size())));
    QCOMPARE(passed.last(), count);
    QVERIFY(std::all_of(passed.begin(), passed.end(),
                        [count](qsizetype n) { return n >= 0 && n <= count; }));

    // A mesh in memory has nothing to give back.
    const auto cube = box(0, 0, 0, 1, 1, 1);
    QVERIFY(!TriangleView::fromMesh(pc::stl::Mesh{cube, {}, {}}).passed);
}

QTEST_GUILESS_MAIN(TestThumbnail)
#include "tst_thumbnail.moc"

// partnerconsole-iconrender: renders the application's SVG icon to the PNG sizes of the
// hicolor icon theme at build time, with the same SVG renderer the GUI itself uses, so the
// repository carries no binary PNG copies that could drift from the SVG.
//
// Usage: partnerconsole-iconrender SVG OUTDIR NAME SIZE...
// Writes OUTDIR/<SIZE>x<SIZE>/apps/NAME.png for each SIZE.

#include <QDir>
#include <QGuiApplication>
#include <QImage>
#include <QPainter>
#include <QSvgRenderer>

#include <cstdio>

using namespace Qt::StringLiterals;

namespace {

void fail(const QString &message)
{
    std::fprintf(stderr, "partnerconsole-iconrender: %s\n", qPrintable(message));
}

} // namespace

int main(int argc, char *argv[])
{
    // No display at build time; the offscreen platform is enough for raster painting and
    // gives the renderer fonts should the SVG ever contain text.
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv);
    const QStringList args = QGuiApplication::arguments();
    if (args.size() < 5) {
        fail(u"usage: partnerconsole-iconrender SVG OUTDIR NAME SIZE..."_s);
        return 2;
    }

    QSvgRenderer renderer(args.at(1));
    if (!renderer.isValid()) {
        fail(u"cannot read the SVG icon %1"_s.arg(args.at(1)));
        return 1;
    }
    const QDir outDir(args.at(2));
    const QString name = args.at(3);

    for (const QString &sizeText : args.mid(4)) {
        bool ok = false;
        const int size = sizeText.toInt(&ok);
        if (!ok || size < 1 || size > 1024) {
            fail(u"invalid size %1"_s.arg(sizeText));
            return 2;
        }
        QImage image(size, size, QImage::Format_ARGB32_Premultiplied);
        image.fill(Qt::transparent);
        {
            QPainter painter(&image);
            painter.setRenderHint(QPainter::Antialiasing);
            painter.setRenderHint(QPainter::SmoothPixmapTransform);
            renderer.render(&painter, QRectF(0, 0, size, size));
        }
        const QString folder = u"%1x%1/apps"_s.arg(size);
        if (!outDir.mkpath(folder)) {
            fail(u"cannot create %1"_s.arg(outDir.filePath(folder)));
            return 1;
        }
        const QString path = outDir.filePath(folder + u'/' + name + u".png"_s);
        // PNG is lossless; the icon theme wants straight (not premultiplied) alpha.
        if (!image.convertToFormat(QImage::Format_ARGB32).save(path, "PNG")) {
            fail(u"cannot write %1"_s.arg(path));
            return 1;
        }
    }
    return 0;
}

// Presentation of print states: labels, colours, icons, and the time formats of the
// order views.

#include "statuspresentation.h"

#include <QDir>
#include <QFile>
#include <QSet>
#include <QTest>

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>

Q_DECLARE_METATYPE(std::optional<double>)

using namespace Qt::StringLiterals;
using pc::JobStatus;

namespace {

constexpr std::array kAllStatuses{
    JobStatus::AwaitingCustomer, JobStatus::WarmingUp, JobStatus::Printing,
    JobStatus::Failure,          JobStatus::Success,   JobStatus::ConfirmedSuccess,
    JobStatus::ConfirmedFailure, JobStatus::Unknown,
};

const QString kMissing = u"\u2014"_s;

// --- colour-vision deficiency check -----------------------------------------------------
// Simulates full dichromacy with the matrices of Machado, Oliveira & Fernandes (2009,
// severity 1.0) in linear RGB and measures colour distance as CIE76 delta E in CIELAB.
struct Lab
{
    double l, a, b;
};

enum class Vision { Normal, Protanopia, Deuteranopia, Tritanopia };

using Matrix = std::array<std::array<double, 3>, 3>;

constexpr Matrix kProtanopia{{{0.152286, 1.052583, -0.204868},
                              {0.114503, 0.786281, 0.099216},
                              {-0.003882, -0.048116, 1.051998}}};
constexpr Matrix kDeuteranopia{{{0.367322, 0.860646, -0.227968},
                                {0.280085, 0.672501, 0.047413},
                                {-0.011820, 0.042940, 0.968881}}};
constexpr Matrix kTritanopia{{{1.255528, -0.076749, -0.178779},
                              {-0.078411, 0.930809, 0.147602},
                              {0.004733, 0.691367, 0.303900}}};

double toLinear(double c)
{
    return c <= 0.04045 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4);
}

double labF(double t)
{
    return t > 216.0 / 24389.0 ? std::cbrt(t) : (24389.0 / 27.0 * t + 16.0) / 116.0;
}

Lab toLab(const QColor &color, Vision vision)
{
    std::array<double, 3> rgb{toLinear(color.redF()), toLinear(color.greenF()),
                              toLinear(color.blueF())};
    const Matrix *matrix = vision == Vision::Protanopia     ? &kProtanopia
                           : vision == Vision::Deuteranopia ? &kDeuteranopia
                           : vision == Vision::Tritanopia   ? &kTritanopia
                                                            : nullptr;
    if (matrix) {
        std::array<double, 3> simulated{};
        for (std::size_t row = 0; row < 3; ++row) {
            for (std::size_t column = 0; column < 3; ++column)
                simulated[row] += (*matrix)[row][column] * rgb[column];
            simulated[row] = std::clamp(simulated[row], 0.0, 1.0);
        }
        rgb = simulated;
    }
    const auto [r, g, b] = rgb;
    const double x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047;
    const double y = 0.2126 * r + 0.7152 * g + 0.0722 * b;
    const double z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883;
    return {116.0 * labF(y) - 16.0, 500.0 * (labF(x) - labF(y)), 200.0 * (labF(y) - labF(z))};
}

double deltaE(const Lab &p, const Lab &q)
{
    return std::hypot(p.l - q.l, p.a - q.a, p.b - q.b);
}

} // namespace

class TestStatusPresentation final : public QObject
{
    Q_OBJECT

private slots:
    void everyStatusHasLabelColourAndIcon();
    void labelsColoursAndIconsAreDistinct();
    void iconFilesExist();
    void coloursStayDistinctForColourBlindVision_data();
    void coloursStayDistinctForColourBlindVision();
    void unknownShowsRawText_data();
    void unknownShowsRawText();
    void knownStatusIgnoresRawText();
    void presentsPrintStatus();
    void formatsPrintTime_data();
    void formatsPrintTime();
    void formatsMinutesLeft_data();
    void formatsMinutesLeft();
};

void TestStatusPresentation::everyStatusHasLabelColourAndIcon()
{
    for (const JobStatus status : kAllStatuses) {
        const pc::StatusPresentation p = pc::presentStatus(status);
        QVERIFY2(!p.label.trimmed().isEmpty(), qPrintable(p.iconResource));
        QVERIFY(p.color.isValid());
        QCOMPARE(p.color.alpha(), 255);
        QVERIFY2(p.iconResource.startsWith(u":/icons/status-"_s), qPrintable(p.iconResource));
        QVERIFY2(p.iconResource.endsWith(u".svg"_s), qPrintable(p.iconResource));
        QCOMPARE(p.label, pc::statusLabel(status));
        QCOMPARE(p.color, pc::statusColor(status));
        QCOMPARE(p.iconResource, pc::statusIconResource(status));
    }
}

void TestStatusPresentation::labelsColoursAndIconsAreDistinct()
{
    QSet<QString> labels;
    QSet<QRgb> colours;
    QSet<QString> icons;
    for (const JobStatus status : kAllStatuses) {
        labels.insert(pc::statusLabel(status));
        colours.insert(pc::statusColor(status).rgb());
        icons.insert(pc::statusIconResource(status));
    }
    QCOMPARE(labels.size(), qsizetype(kAllStatuses.size()));
    QCOMPARE(colours.size(), qsizetype(kAllStatuses.size()));
    QCOMPARE(icons.size(), qsizetype(kAllStatuses.size()));
}

void TestStatusPresentation::iconFilesExist()
{
    // The resources are compiled into the ui library (tst_mainwindow loads them); here the
    // named files must exist in resources/icons.
    const QDir icons(QStringLiteral(PC_TEST_DATA_DIR) + u"/../../resources/icons"_s);
    for (const JobStatus status : kAllStatuses) {
        const QString resource = pc::statusIconResource(status);
        const QString file = icons.filePath(resource.sliced(qsizetype(u":/icons/"_s.size())));
        QVERIFY2(QFile::exists(file), qPrintable(file));
    }
}

void TestStatusPresentation::coloursStayDistinctForColourBlindVision_data()
{
    QTest::addColumn<int>("vision");
    QTest::addColumn<double>("minimum");
    // Every pair of status colours stays apart by a clearly noticeable delta E (2.3 is a
    // "just noticeable difference"; 15 reads as a different colour at a glance), also for
    // each full dichromacy.
    QTest::newRow("normal") << int(Vision::Normal) << 25.0;
    QTest::newRow("protanopia") << int(Vision::Protanopia) << 15.0;
    QTest::newRow("deuteranopia") << int(Vision::Deuteranopia) << 15.0;
    QTest::newRow("tritanopia") << int(Vision::Tritanopia) << 15.0;
}

void TestStatusPresentation::coloursStayDistinctForColourBlindVision()
{
    QFETCH(int, vision);
    QFETCH(double, minimum);
    for (std::size_t i = 0; i < kAllStatuses.size(); ++i) {
        for (std::size_t j = i + 1; j < kAllStatuses.size(); ++j) {
            const Lab p = toLab(pc::statusColor(kAllStatuses[i]), Vision(vision));
            const Lab q = toLab(pc::statusColor(kAllStatuses[j]), Vision(vision));
            const double distance = deltaE(p, q);
            QVERIFY2(distance >= minimum, qPrintable(u"%1 vs %2: delta E %3"_s
                                                         .arg(pc::statusLabel(kAllStatuses[i]),
                                                              pc::statusLabel(kAllStatuses[j]))
                                                         .arg(distance, 0, 'f', 1)));
        }
    }
}

void TestStatusPresentation::unknownShowsRawText_data()
{
    QTest::addColumn<QString>("raw");
    QTest::addColumn<QString>("label");
    QTest::newRow("new state") << u"PAUSED_BY_OWNER"_s << u"PAUSED_BY_OWNER"_s;
    QTest::newRow("free text") << u"Waiting for filament"_s << u"Waiting for filament"_s;
    QTest::newRow("blanks trimmed") << u"  QUEUED \n"_s << u"QUEUED"_s;
    QTest::newRow("non-ASCII") << u"Druckt gerade \u00fcber Nacht"_s
                               << u"Druckt gerade \u00fcber Nacht"_s;
    QTest::newRow("empty") << QString() << u"Unknown status"_s;
    QTest::newRow("blank") << u"   "_s << u"Unknown status"_s;
}

void TestStatusPresentation::unknownShowsRawText()
{
    QFETCH(QString, raw);
    QFETCH(QString, label);
    QCOMPARE(pc::statusLabel(JobStatus::Unknown, raw), label);
    const pc::StatusPresentation p = pc::presentStatus(JobStatus::Unknown, raw);
    QCOMPARE(p.label, label);
    QCOMPARE(p.iconResource, u":/icons/status-unknown.svg"_s);
    QCOMPARE(p.color, pc::statusColor(JobStatus::Unknown));
}

void TestStatusPresentation::knownStatusIgnoresRawText()
{
    QCOMPARE(pc::statusLabel(JobStatus::Printing, u"PRINTING"_s), u"Printing"_s);
    QCOMPARE(pc::statusLabel(JobStatus::ConfirmedSuccess, u"confirmed_success"_s),
             u"Success confirmed"_s);
    QCOMPARE(pc::statusLabel(JobStatus::AwaitingCustomer), u"Waiting for customer"_s);
}

void TestStatusPresentation::presentsPrintStatus()
{
    pc::PrintStatus unknown;
    unknown.status = JobStatus::Unknown;
    unknown.statusText = u"RECYCLED"_s;
    QCOMPARE(pc::presentStatus(unknown).label, u"RECYCLED"_s);

    pc::PrintStatus failed;
    failed.status = JobStatus::Failure;
    failed.statusText = u"FAILURE"_s;
    const pc::StatusPresentation p = pc::presentStatus(failed);
    QCOMPARE(p.label, u"Print failed"_s);
    QCOMPARE(p.iconResource, u":/icons/status-failure.svg"_s);
    QCOMPARE(p.color, QColor(u"#d55e00"_s));

    QCOMPARE(pc::presentStatus(pc::PrintStatus{}).label, u"Waiting for customer"_s);
}

void TestStatusPresentation::formatsPrintTime_data()
{
    QTest::addColumn<std::optional<double>>("seconds");
    QTest::addColumn<QString>("text");
    const double nan = std::numeric_limits<double>::quiet_NaN();
    const double inf = std::numeric_limits<double>::infinity();
    QTest::newRow("missing") << std::optional<double>() << kMissing;
    QTest::newRow("zero") << std::optional<double>(0.0) << u"0:00:00"_s;
    QTest::newRow("one second") << std::optional<double>(1.0) << u"0:00:01"_s;
    QTest::newRow("rounds down") << std::optional<double>(59.4) << u"0:00:59"_s;
    QTest::newRow("rounds up") << std::optional<double>(59.6) << u"0:01:00"_s;
    QTest::newRow("minutes") << std::optional<double>(754.0) << u"0:12:34"_s;
    QTest::newRow("hours") << std::optional<double>(3725.0) << u"1:02:05"_s;
    QTest::newRow("day minus 1 s") << std::optional<double>(86399.0) << u"23:59:59"_s;
    QTest::newRow("one day") << std::optional<double>(86400.0) << u"24:00:00"_s;
    QTest::newRow("over a day") << std::optional<double>(93784.0) << u"26:03:04"_s;
    QTest::newRow("100 hours") << std::optional<double>(360000.0) << u"100:00:00"_s;
    QTest::newRow("negative") << std::optional<double>(-5.0) << kMissing;
    QTest::newRow("NaN") << std::optional<double>(nan) << kMissing;
    QTest::newRow("infinite") << std::optional<double>(inf) << kMissing;
}

void TestStatusPresentation::formatsPrintTime()
{
    QFETCH(std::optional<double>, seconds);
    QFETCH(QString, text);
    QCOMPARE(pc::formatPrintTime(seconds), text);
}

void TestStatusPresentation::formatsMinutesLeft_data()
{
    QTest::addColumn<std::optional<double>>("minutes");
    QTest::addColumn<QString>("text");
    QTest::newRow("missing") << std::optional<double>() << kMissing;
    QTest::newRow("zero") << std::optional<double>(0.0) << u"less than a minute left"_s;
    QTest::newRow("fraction rounds up") << std::optional<double>(0.3) << u"1 min left"_s;
    QTest::newRow("minutes") << std::optional<double>(12.0) << u"12 min left"_s;
    QTest::newRow("59.5") << std::optional<double>(59.5) << u"1 h 00 min left"_s;
    QTest::newRow("hour") << std::optional<double>(60.0) << u"1 h 00 min left"_s;
    QTest::newRow("hours") << std::optional<double>(125.0) << u"2 h 05 min left"_s;
    QTest::newRow("over a day") << std::optional<double>(1501.0) << u"25 h 01 min left"_s;
    QTest::newRow("negative") << std::optional<double>(-3.0) << kMissing;
    QTest::newRow("NaN") << std::optional<double>(std::numeric_limits<double>::quiet_NaN())
                         << kMissing;
}

void TestStatusPresentation::formatsMinutesLeft()
{
    QFETCH(std::optional<double>, minutes);
    QFETCH(QString, text);
    QCOMPARE(pc::formatMinutesLeft(minutes), text);
}

QTEST_GUILESS_MAIN(TestStatusPresentation)
#include "tst_statuspresentation.moc"

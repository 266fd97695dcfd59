#pragma once

#include "orders/storetypes.h"

#include <QHash>
#include <QImage>
#include <QPointer>
#include <QWidget>

#include <optional>

class QFormLayout;
class QLabel;
class QLineEdit;
class QSplitter;
class QStackedWidget;
class QTreeWidget;

namespace pc {

namespace stl {
class InspectionTask;
struct InspectionReport;
} // namespace stl

// The details of the selected order: its file (name, size, SHA-256 and, while the source file
// is still on this computer, a thumbnail and the mesh's metrics), receiver, price, job id,
// token and links, times, and the status timeline (every change the poller recorded, newest
// first). Text a user may want to copy (hashes, tokens, links) is selectable.
//
// The file is read off the GUI thread (stl::InspectionTask); its results are kept for a few
// files, so going back and forth between orders does not read them again.
class OrderDetails final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OrderDetails)

public:
    // What the file section shows.
    enum class FileState {
        NoSource,   // no path given: the file is not known on this computer
        Missing,    // the path no longer exists
        Changed,    // the file at the path is not the one uploaded (another size)
        Inspecting, // being read
        Inspected,  // metrics and thumbnail shown
        Unreadable, // the file could not be read as STL
    };
    Q_ENUM(FileState)

    static constexpr int kThumbnailSide = 112; // device-independent pixels

    explicit OrderDetails(QWidget *parent = nullptr);
    ~OrderDetails() override;

    // Shows `order` with its status history (any order; shown newest first). `sourcePath` is
    // where the uploaded file was on this computer (the queue item's source path), if known.
    // Showing the same order again (after a poll round) keeps the file's results.
    void showOrder(const Order &order, const QList<StatusHistoryEntry> &history,
                   const QString &sourcePath = {});
    // Back to "select an order".
    void clear();

    std::optional<qint64> orderId() const;
    FileState fileState() const { return m_fileState; }
    QImage thumbnail() const { return m_thumbnail; }
    QTreeWidget *timeline() const { return m_timeline; }
    // The text of a field, by its object name ("detailsSha256", "detailsTriangles", ...):
    // for tests and accessibility checks.
    QString fieldText(const QString &objectName) const;

Q_SIGNALS:
    // The file section reached a final state for the shown order (Inspected, Unreadable,
    // Missing, Changed or NoSource).
    void fileStateChanged(pc::OrderDetails::FileState state);

protected:
    void resizeEvent(QResizeEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    struct FileFacts
    {
        bool ok = false;
        QString error;
        quint64 triangles = 0;
        std::array<double, 3> dimensions{};
        QImage thumbnail;
    };

    QWidget *createEmptyPage();
    QWidget *createFactsPane();
    QWidget *createTimelinePane();
    QLabel *addField(QFormLayout *form, const QString &caption, const QString &objectName);
    QLineEdit *addCopyableField(QFormLayout *form, const QString &caption,
                                const QString &objectName);
    void fillFacts(const Order &order);
    void fillTimeline(const QList<StatusHistoryEntry> &history);
    void updateBadge();
    void startFile(const QString &sourcePath, qint64 expectedSize);
    void onInspected(const QString &key, const stl::InspectionReport &report,
                     const QImage &thumbnail);
    void showFacts(const FileFacts &facts);
    void setFileState(FileState state, const QString &text);
    QString cacheKey(const QString &path) const;

    QStackedWidget *m_stack = nullptr;
    QSplitter *m_splitter = nullptr;
    QLabel *m_thumbnailLabel = nullptr;
    QLabel *m_fileName = nullptr;
    QLabel *m_badge = nullptr;
    QLabel *m_subtitle = nullptr;
    QLabel *m_fileStateText = nullptr;
    QLabel *m_noHistory = nullptr;
    QTreeWidget *m_timeline = nullptr;
    QFormLayout *m_form = nullptr;
    QLabel *m_triangles = nullptr;
    QLabel *m_dimensions = nullptr;
    std::optional<Order> m_order;
    QString m_sourcePath;
    FileState m_fileState = FileState::NoSource;
    QImage m_thumbnail;
    QPointer<stl::InspectionTask> m_task;
    QHash<QString, FileFacts> m_cache;
};

} // namespace pc

#pragma once

#include "orders/storetypes.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QIcon>
#include <QList>
#include <QLocale>
#include <QSet>

#include <array>
#include <functional>

namespace pc {

// The live order table: one row per order of the environment, in the order the owner hands
// them over (views sort through OrderFilterProxyModel). The model holds plain Order values
// and formats on demand, so a row costs little more than its Order; it never reads the store
// itself: the owner calls setOrders() once and updateOrders() after each poll round.
//
// Roles: DisplayRole is formatted text, RawValueRole the value to sort on (and for delegates),
// the status column carries the icon (DecorationRole), colour and the history tooltip. An
// archived order's row is in italics (FontRole) and says so in its File tooltip.
// updateOrders() emits dataChanged only for the cells and roles that changed, with adjacent
// cells of the same change merged into rectangles.
class OrderTableModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OrderTableModel)

public:
    enum Column {
        Created,
        File,
        Receiver,
        Price,
        Status,
        Progress,
        MinutesLeft,
        PrintTime,
        Printer,
        Message,
        LastChecked,
        JobId,    // the partner's own job id
        Currency, // the ISO 4217 code alone (Price shows it with the amount)
        Note,     // a person's note, on one line
        ColumnCount
    };
    Q_ENUM(Column)

    enum Role {
        // Per column: QDateTime (Created, LastChecked; invalid QVariant when never checked),
        // QString (File, Receiver, Printer, Message, JobId, Currency, Note), double (Price
        // amount; Progress in
        // percent; MinutesLeft in minutes; PrintTime in seconds; invalid when unknown),
        // int (Status: the JobStatus value, which follows the life of a print).
        RawValueRole = Qt::UserRole + 1,
        // On every column: what identifies the row's transaction.
        OrderIdRole,          // qint64
        TokenRole,            // QString
        TokenLinkRole,        // QString
        SslTokenLinkRole,     // QString
        PriceRole,            // pc::Decimal, exact (Price column)
        CurrencyRole,         // QString ISO 4217 code (Price column)
        JobStatusRole,        // int (pc::JobStatus), Status column
        StatusColorRole,      // QColor, Status column
        StatusIconRole,       // QString resource path of the icon, Status column
        UnknownToServiceRole, // bool, Status column
        PrintStartedRole,     // QDateTime or invalid, Status column
        PrintFinishedRole,    // QDateTime or invalid, Status column
        ArchivedRole,         // QDateTime when archived, or invalid; every column
        NoteRole,             // QString, the whole note; every column
    };
    Q_ENUM(Role)

    // Asked for an order's history when a view shows its status tooltip; answers later with
    // setHistory(). Never called from inside data(): the request is posted.
    using HistoryRequester = std::function<void(qint64 orderId)>;

    explicit OrderTableModel(QObject *parent = nullptr);
    ~OrderTableModel() override;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QHash<int, QByteArray> roleNames() const override;

    // Replaces every order (a model reset). A second order with the same id replaces the
    // first one in place.
    void setOrders(QList<Order> orders);
    // Upserts by order id: changed cells emit dataChanged (only their columns and roles,
    // adjacent ones coalesced); orders not in the model yet are appended in one insertion.
    void updateOrders(const QList<Order> &orders);
    void removeOrder(qint64 id);

    const Order *orderAt(int row) const;
    int rowOfOrder(qint64 id) const; // -1 when absent
    const QList<Order> &orders() const { return m_orders; }

    // The status tooltip asks the owner for an order's history when a view first shows it,
    // and lists it once setHistory() has brought it (the history is read off the GUI thread).
    // A history is kept until the order's status changes. Without a requester, or until the
    // history is there, the tooltip holds the current status only.
    void setHistoryRequester(HistoryRequester requester);
    void setHistory(qint64 orderId, const QList<StatusHistoryEntry> &history);

    // "45 %"; an em dash when unknown. Rounded down, so 100 % means done.
    static QString formatPercentage(std::optional<double> percent,
                                    const QLocale &locale = QLocale());
    // The short local date and time of `when`; an em dash for a null time.
    static QString formatDateTime(const QDateTime &when, const QLocale &locale = QLocale());

private:
    // Bit positions of the roles dataChanged can name.
    enum RoleBit : quint32 {
        DisplayBit = 1u << 0,
        DecorationBit = 1u << 1,
        ToolTipBit = 1u << 2,
        RawValueBit = 1u << 3,
        TokenBit = 1u << 4,
        TokenLinkBit = 1u << 5,
        SslTokenLinkBit = 1u << 6,
        PriceBit = 1u << 7,
        CurrencyBit = 1u << 8,
        JobStatusBit = 1u << 9,
        StatusColorBit = 1u << 10,
        StatusIconBit = 1u << 11,
        UnknownBit = 1u << 12,
        PrintStartedBit = 1u << 13,
        PrintFinishedBit = 1u << 14,
        ArchivedBit = 1u << 15, // ArchivedRole and the italic font of an archived row
        NoteBit = 1u << 16,
    };
    using CellChanges = std::array<quint32, ColumnCount>;

    static CellChanges diff(const Order &before, const Order &after);
    static QList<int> rolesOf(quint32 bits);
    // Emits dataChanged for `changes` (ascending rows), merged into rectangles.
    void emitChanges(const QList<std::pair<int, CellChanges>> &changes);
    void rebuildIndex(int fromRow);
    QVariant displayData(const Order &order, int column) const;
    QVariant rawData(const Order &order, int column) const;
    QVariant toolTipData(const Order &order, int column) const;
    QString statusText(const Order &order) const;
    QIcon statusIcon(JobStatus status) const;

    QList<Order> m_orders;
    QHash<qint64, int> m_rowById;
    HistoryRequester m_historyRequester;
    QHash<qint64, QList<StatusHistoryEntry>> m_history;
    mutable QSet<qint64> m_historyAsked;
    // Eight icons shared by every row, made when first shown.
    mutable std::array<QIcon, 8> m_icons;
    mutable quint32 m_iconsMade = 0;
};

} // namespace pc

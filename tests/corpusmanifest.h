#pragma once

// Reads the STL corpus's MANIFEST.tsv (tests/data/stl/ or ../shared/stl-corpus/) into rows
// addressed by column name, for the suites that check files against it. A missing file
// gives no rows (the shared corpus may be absent on a machine).

#include <QByteArray>
#include <QFile>
#include <QHash>
#include <QList>
#include <QString>

struct CorpusRow
{
    QString path; // the file's full path
    QHash<QByteArray, QByteArray> cells;

    QByteArray operator[](const char *column) const { return cells.value(column); }
};

inline QList<CorpusRow> readCorpusManifest(const QString &dir)
{
    QList<CorpusRow> rows;
    QFile file(dir + QStringLiteral("/MANIFEST.tsv"));
    if (!file.open(QIODevice::ReadOnly))
        return rows;
    const QList<QByteArray> lines = file.readAll().split('\n');
    if (lines.isEmpty())
        return rows;
    const QList<QByteArray> header = lines.first().trimmed().split('\t');
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QList<QByteArray> values = lines[i].split('\t');
        if (values.size() < header.size())
            continue;
        CorpusRow row;
        for (qsizetype c = 0; c < header.size(); ++c)
            row.cells.insert(header[c], values[c]);
        row.path = dir + u'/' + QString::fromUtf8(row["file"]);
        rows.append(row);
    }
    return rows;
}

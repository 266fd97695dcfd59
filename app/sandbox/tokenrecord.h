#pragma once

#include "sandbox/printsimulation.h"

#include <QDateTime>
#include <QString>

namespace pc::sandbox {

// What the sandbox knows about one token: its upload, its print, and (in memory only) how
// it was asked about.
struct TokenRecord
{
    QString token;
    bool uploaded = false;
    QString fileName;
    qint64 size = 0;
    QString filePath;
    QString receiverEmail;
    QString printValue;
    QString currency;
    QString partnerJobId;
    QDateTime uploadedAt;
    QDateTime createdAt; // the oldest records go first when the kept state is full
    // On the sandbox's clock: when the print starts by itself (-1: it does not).
    qint64 autoPrintAtMs = -1;
    int statusRequests = 0;
    int uploadRequests = 0;
    // On the sandbox's clock: when the last status request for the token arrived, and the
    // shortest time between two of them (-1: not yet), so tests can check the 15 s rule.
    qint64 lastStatusRequestMs = -1;
    qint64 shortestStatusGapMs = -1;
    PrintSimulation simulation;

    // How far the token got: created 0, uploaded 1, printing 2. Records only move forward,
    // which is what lets two processes merge what each of them saved.
    int progress() const { return simulation.isStarted() ? 2 : uploaded ? 1 : 0; }
};

} // namespace pc::sandbox

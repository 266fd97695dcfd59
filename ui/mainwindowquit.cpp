// MainWindow's closing: the layout is saved, and Quit asks first while uploads run or files
// wait for their details, saying what becomes of them.
#include "mainwindow.h"

#include "consolesession.h"
#include "uploadqueuemodel.h"

#include <QCloseEvent>
#include <QFileInfo>
#include <QMessageBox>
#include <QPushButton>

using namespace Qt::StringLiterals;

namespace pc {

namespace {

constexpr int kNamedFiles = 3;

QString nameFew(const QStringList &names)
{
    QStringList shown = names.mid(0, kNamedFiles);
    if (names.size() > kNamedFiles)
        shown << MainWindow::tr("and %n more", nullptr, int(names.size() - kNamedFiles));
    return shown.join(MainWindow::tr(", "));
}

} // namespace

QMessageBox *MainWindow::createQuitQuestion()
{
    if (!m_session)
        return nullptr;
    QStringList running;  // a token asked or the file being sent
    QStringList notSent;  // checked or waiting for its turn
    QStringList awaiting; // waiting for order details
    const UploadQueueModel &model = m_session->queueModel();
    for (int row = 0; row < model.rowCount(); ++row) {
        const QueueItem *item = model.itemAt(row);
        if (!item)
            continue;
        const QString name =
            item->fileName.isEmpty() ? QFileInfo(item->sourcePath).fileName() : item->fileName;
        switch (item->state) {
        case QueueState::CreatingToken:
        case QueueState::Uploading:
            running << name;
            break;
        case QueueState::Queued:
        case QueueState::Validating:
        case QueueState::Ready:
            notSent << name;
            break;
        case QueueState::AwaitingDetails:
            awaiting << name;
            break;
        default:
            break;
        }
    }
    if (running.isEmpty() && notSent.isEmpty() && awaiting.isEmpty())
        return nullptr;

    // What the queue does at its next start (UploadQueue::resumeStored()): an interrupted
    // upload goes back to ready and is sent again, after the service was asked whether the
    // file already arrived; files not sent yet are checked and sent; files without details
    // wait in the form, each on its own, until details are confirmed for them.
    QStringList parts;
    if (!running.isEmpty())
        parts << tr("%n upload(s) under way stop now: %1. The next time the console starts it "
                    "sends them again from the beginning, after asking the service whether a "
                    "file already arrived, so no order is made twice.",
                    nullptr, int(running.size()))
                     .arg(nameFew(running));
    if (!notSent.isEmpty())
        parts << tr("%n file(s) not sent yet stay in the queue and are sent the next time the "
                    "console starts: %1.",
                    nullptr, int(notSent.size()))
                     .arg(nameFew(notSent));
    if (!awaiting.isEmpty())
        parts << tr("%n file(s) waiting for order details stay in the queue, still waiting: "
                    "%1. Nothing is sent for them until you confirm their details after the "
                    "next start.",
                    nullptr, int(awaiting.size()))
                     .arg(nameFew(awaiting));

    auto *box = new QMessageBox(this);
    box->setObjectName(u"quitQuestion"_s);
    box->setIcon(QMessageBox::Question);
    box->setWindowTitle(tr("Quit the console?"));
    box->setText(!running.isEmpty() || !notSent.isEmpty()
                     ? tr("Quit while uploads are not finished?")
                     : tr("Quit while files wait for their order details?"));
    box->setInformativeText(parts.join(u"\n\n"_s));
    QPushButton *quit = box->addButton(tr("&Quit Now"), QMessageBox::AcceptRole);
    quit->setObjectName(u"quitNow"_s);
    QPushButton *stay = box->addButton(tr("&Keep Working"), QMessageBox::RejectRole);
    stay->setObjectName(u"keepWorking"_s);
    box->setDefaultButton(stay);
    box->setEscapeButton(stay);
    // The message box sizes itself from its labels; a sentence this long needs the room.
    box->setStyleSheet(u"QLabel#qt_msgbox_informativelabel { min-width: 420px; }"_s);
    return box;
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    // Asked only when a person closes the window (its close button, Quit): a termination
    // signal or the end of the desktop session quits the application without a question.
    const bool byPerson = event->spontaneous() || m_quitChosen;
    if (m_session && byPerson && !m_quitConfirmed) {
        if (m_quitQuestion && m_quitQuestion->isVisible()) { // already asked: it decides
            event->ignore();
            m_quitQuestion->raise();
            m_quitQuestion->activateWindow();
            return;
        }
        if (QMessageBox *question = createQuitQuestion()) {
            event->ignore();
            m_quitQuestion = question;
            question->setAttribute(Qt::WA_DeleteOnClose);
            connect(question, &QMessageBox::buttonClicked, this,
                    [this, question](QAbstractButton *button) {
                        if (question->buttonRole(button) != QMessageBox::AcceptRole)
                            return;
                        m_quitConfirmed = true;
                        close();
                    });
            question->open();
            return;
        }
    }
    if (m_session)
        saveLayout();
    QMainWindow::closeEvent(event);
}

} // namespace pc

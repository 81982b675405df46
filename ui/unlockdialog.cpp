// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/unlockdialog.h"

#include "access/session.h"
#include "cli/command.h"
#include "store/cipherthreadstate.h"
#include "ui/recoverykeydialog.h"

#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSettings>
#include <QStandardPaths>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

#include <sodium.h>

namespace bv::ui {

namespace {

const auto kLastStoreKey = QStringLiteral("unlock/lastStore");

// The passphrase leaves the QLineEdit as bytes in locked memory; the widget's own copy is
// cleared straight after.
SecretBytes takeSecret(QLineEdit *edit)
{
    QByteArray utf8 = edit->text().toUtf8();
    SecretBytes secret = SecretBytes::fromView(utf8);
    sodium_memzero(utf8.data(), static_cast<std::size_t>(utf8.size()));
    edit->clear();
    return secret;
}

} // namespace

UnlockDialog::UnlockDialog(const Clock &clock, QWidget *parent)
    : QDialog(parent)
    , m_clock(clock)
{
    setWindowTitle(tr("Open a Broadview store"));
    setAccessibleName(tr("Open a Broadview store"));

    m_openMode = new QRadioButton(tr("&Open an existing store"), this);
    m_createMode = new QRadioButton(tr("C&reate a new store"), this);
    m_openMode->setChecked(true);
    m_openMode->setAccessibleDescription(tr("Unlock a store with its passphrase."));
    m_createMode->setAccessibleDescription(
        tr("Make a new, empty encrypted store and its recovery key."));

    m_path = new QLineEdit(this);
    m_path->setAccessibleName(tr("Store file"));
    m_path->setAccessibleDescription(tr("The encrypted store to open or create (a .bvstore "
                                        "file); its key file sits beside it."));
    m_path->setText(QSettings().value(kLastStoreKey).toString());
    m_path->setPlaceholderText(
        tr("For example %1").arg(QDir::home().filePath(QStringLiteral("cases.bvstore"))));
    auto *browseButton = new QPushButton(tr("&Browse..."), this);
    browseButton->setAccessibleName(tr("Browse for a store file"));
    auto *pathRow = new QHBoxLayout;
    pathRow->addWidget(m_path, 1);
    pathRow->addWidget(browseButton);

    m_passphrase = new QLineEdit(this);
    m_passphrase->setEchoMode(QLineEdit::Password);
    m_passphrase->setAccessibleName(tr("Passphrase"));
    m_passphrase->setAccessibleDescription(
        tr("The store's passphrase. A wrong one changes nothing and can be tried again."));
    m_confirm = new QLineEdit(this);
    m_confirm->setEchoMode(QLineEdit::Password);
    m_confirm->setAccessibleName(tr("Passphrase again"));
    m_confirm->setAccessibleDescription(
        tr("The new store's passphrase once more, to be sure it was typed as meant."));

    m_status = new QLabel(this);
    m_status->setWordWrap(true);
    m_status->setAccessibleName(tr("Status"));
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *form = new QFormLayout;
    form->addRow(tr("&Store file:"), pathRow);
    form->addRow(tr("&Passphrase:"), m_passphrase);
    m_confirmLabel = new QLabel(tr("&Again:"), this);
    m_confirmLabel->setBuddy(m_confirm);
    form->addRow(m_confirmLabel, m_confirm);
    if (auto *label = qobject_cast<QLabel *>(form->labelForField(pathRow)))
        label->setBuddy(m_path);

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);

    auto *intro = new QLabel(tr("Broadview keeps the records you may see in an encrypted store on "
                                "this computer. Unlock a store with its passphrase, or create a "
                                "new one."),
                             this);
    intro->setWordWrap(true);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addWidget(m_openMode);
    layout->addWidget(m_createMode);
    layout->addLayout(form);
    layout->addWidget(m_status);
    layout->addWidget(m_buttons);

    setTabOrder(m_openMode, m_createMode);
    setTabOrder(m_createMode, m_path);
    setTabOrder(m_path, browseButton);
    setTabOrder(browseButton, m_passphrase);
    setTabOrder(m_passphrase, m_confirm);

    connect(m_openMode, &QRadioButton::toggled, this, &UnlockDialog::updateMode);
    connect(browseButton, &QPushButton::clicked, this, &UnlockDialog::browse);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &UnlockDialog::submit);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &UnlockDialog::reject);
    connect(&m_watcher, &QFutureWatcher<void>::finished, this, &UnlockDialog::finished);
    updateMode();
    (m_path->text().isEmpty() ? m_path : m_passphrase)->setFocus();
    setMinimumWidth(520);
}

UnlockDialog::~UnlockDialog()
{
    m_watcher.waitForFinished();
}

void UnlockDialog::reject()
{
    if (!m_watcher.isRunning()) // Escape while creating would hide the recovery key
        QDialog::reject();
}

std::unique_ptr<access::Session> UnlockDialog::takeSession()
{
    return std::move(m_session);
}

void UnlockDialog::updateMode()
{
    const bool creating = m_createMode->isChecked();
    m_confirmLabel->setVisible(creating);
    m_confirm->setVisible(creating);
    m_buttons->button(QDialogButtonBox::Ok)->setText(creating ? tr("&Create") : tr("&Unlock"));
    m_status->clear();
}

void UnlockDialog::browse()
{
    const QString start = m_path->text().isEmpty() ? QDir::homePath() : m_path->text();
    const QString filter = tr("Broadview stores (*.bvstore);;All files (*)");
    const QString path = m_createMode->isChecked()
                             ? QFileDialog::getSaveFileName(this, tr("New store"), start, filter)
                             : QFileDialog::getOpenFileName(this, tr("Open store"), start, filter);
    if (!path.isEmpty())
        m_path->setText(path);
}

void UnlockDialog::showError(const QString &message)
{
    m_status->setText(message);
    m_status->setAccessibleDescription(message);
}

void UnlockDialog::setBusy(bool busy)
{
    // Cancel too: closing while a store is being created would lose its recovery key.
    m_buttons->setEnabled(!busy);
    m_path->setEnabled(!busy);
    m_passphrase->setEnabled(!busy);
    m_confirm->setEnabled(!busy);
    if (busy)
        m_status->setText(m_createMode->isChecked() ? tr("Creating the store...")
                                                    : tr("Checking the passphrase..."));
    setCursor(busy ? Qt::BusyCursor : Qt::ArrowCursor);
}

void UnlockDialog::submit()
{
    const QString path = m_path->text().trimmed();
    if (path.isEmpty()) {
        showError(tr("Choose a store file."));
        m_path->setFocus();
        return;
    }
    if (m_passphrase->text().isEmpty()) {
        showError(tr("Type the passphrase."));
        m_passphrase->setFocus();
        return;
    }
    const bool creating = m_createMode->isChecked();
    if (creating && m_passphrase->text() != m_confirm->text()) {
        showError(tr("The two passphrases differ."));
        m_confirm->clear();
        m_confirm->setFocus();
        return;
    }
    m_confirm->clear();
    const auto paths = store::StorePaths::forStore(path);
    auto secret = std::make_shared<SecretBytes>(takeSecret(m_passphrase));
    const auto context
        = access::AccessContext::administrator(cli::currentUserName(), QStringLiteral("case work"));
    QSettings().setValue(kLastStoreKey, paths.store);
    setBusy(true);
    const Clock &clock = m_clock;
    if (creating) {
        m_watcher.setFuture(QtConcurrent::run([this, paths, secret, context, &clock] {
            const store::CipherThreadStateRelease releaseOnReturn;
            m_created = std::make_unique<Result<access::CreatedSession>>(access::Session::create(
                paths, *secret, store::KdfParams::calibrated(), context, clock));
        }));
    } else {
        m_watcher.setFuture(QtConcurrent::run([this, paths, secret, context, &clock] {
            const store::CipherThreadStateRelease releaseOnReturn;
            m_opened = std::make_unique<Result<std::unique_ptr<access::Session>>>(
                access::Session::unlock(paths, *secret, context, clock));
        }));
    }
}

void UnlockDialog::finished()
{
    setBusy(false);
    if (m_created) {
        auto created = std::move(m_created);
        if (!created->ok()) {
            showError(created->error().message);
            return;
        }
        RecoveryKeyDialog recovery(created->value().recoveryKeyText, this);
        recovery.exec();
        m_session = std::move(created->value().session);
        accept();
        return;
    }
    if (m_opened) {
        auto opened = std::move(m_opened);
        if (!opened->ok()) {
            showError(opened->error().message);
            m_passphrase->setFocus();
            return;
        }
        m_session = std::move(opened->value());
        accept();
    }
}

} // namespace bv::ui

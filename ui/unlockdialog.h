// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "common/clock.h"
#include "common/result.h"

#include <QDialog>
#include <QFutureWatcher>

#include <memory>

class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QRadioButton;

namespace bv::access {
class Session;
struct CreatedSession;
} // namespace bv::access

namespace bv::ui {

// Unlock an existing store or create a new one. Key derivation takes about half a second,
// so it runs off the GUI thread; the dialog stays responsive and says what it is doing.
class UnlockDialog final : public QDialog
{
    Q_OBJECT

public:
    explicit UnlockDialog(const Clock &clock, QWidget *parent = nullptr);
    ~UnlockDialog() override;

    // The unlocked session after exec() returned Accepted.
    std::unique_ptr<access::Session> takeSession();

    void reject() override;

private:
    void updateMode();
    void browse();
    void submit();
    void finished();
    void showError(const QString &message);
    void setBusy(bool busy);

    const Clock &m_clock;
    QRadioButton *m_openMode = nullptr;
    QRadioButton *m_createMode = nullptr;
    QLineEdit *m_path = nullptr;
    QLineEdit *m_passphrase = nullptr;
    QLabel *m_confirmLabel = nullptr;
    QLineEdit *m_confirm = nullptr;
    QLabel *m_status = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
    QFutureWatcher<void> m_watcher;
    std::unique_ptr<Result<std::unique_ptr<access::Session>>> m_opened;
    std::unique_ptr<Result<access::CreatedSession>> m_created;
    std::unique_ptr<access::Session> m_session;
};

} // namespace bv::ui

// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "common/secretbytes.h"

#include <QDialog>

class QCheckBox;

namespace bv::ui {

// Shows a new store's recovery key once. Closing needs a tick in "I have written it down",
// because the key is never shown again.
class RecoveryKeyDialog final : public QDialog
{
    Q_OBJECT

public:
    RecoveryKeyDialog(const SecretBytes &recoveryKeyText, QWidget *parent = nullptr);

    // Escape closes only once the key is marked as written down.
    void reject() override;

private:
    QCheckBox *m_written = nullptr;
};

} // namespace bv::ui

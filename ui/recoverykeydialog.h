// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "common/secretbytes.h"

#include <QDialog>

namespace bv::ui {

// Shows a new store's recovery key once. Closing needs a tick in "I have written it down",
// because the key is never shown again.
class RecoveryKeyDialog final : public QDialog
{
    Q_OBJECT

public:
    RecoveryKeyDialog(const SecretBytes &recoveryKeyText, QWidget *parent = nullptr);
};

} // namespace bv::ui

// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/recoverykeydialog.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace bv::ui {

RecoveryKeyDialog::RecoveryKeyDialog(const SecretBytes &recoveryKeyText, QWidget *parent)
    : QDialog(parent)
{
    setWindowTitle(tr("Recovery key"));
    auto *explanation = new QLabel(
        tr("This is the store's recovery key. With it, an administrator can set a new passphrase "
           "if the passphrase is forgotten (broadview recover). It is shown only now: write it "
           "down and keep it away from this computer."),
        this);
    explanation->setWordWrap(true);

    auto *key = new QLineEdit(this);
    key->setReadOnly(true);
    key->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    key->setText(QString::fromLatin1(reinterpret_cast<const char *>(recoveryKeyText.data()),
                                     static_cast<qsizetype>(recoveryKeyText.size())));
    key->setAccessibleName(tr("Recovery key"));
    key->setAccessibleDescription(
        tr("Opens the store if the passphrase is lost. Shown only now: write it down and keep "
           "it apart from the laptop."));
    key->setMinimumWidth(key->fontMetrics().horizontalAdvance(key->text()) + 24);

    m_written = new QCheckBox(tr("I have &written it down"), this);
    auto *written = m_written;
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->button(QDialogButtonBox::Close)->setEnabled(false);
    connect(written, &QCheckBox::toggled, buttons->button(QDialogButtonBox::Close),
            &QPushButton::setEnabled);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::accept);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(explanation);
    layout->addWidget(key);
    layout->addWidget(written);
    layout->addWidget(buttons);
    written->setFocus();
}

void RecoveryKeyDialog::reject()
{
    if (m_written->isChecked())
        QDialog::reject();
}

} // namespace bv::ui

// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/notedialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace bv::ui {

NoteDialog::NoteDialog(const QString &eventTitle, QWidget *parent)
    : QDialog(parent)
{
    setWindowTitle(tr("Add a note to: %1").arg(eventTitle));
    m_kind = new QComboBox(this);
    m_kind->addItem(tr("Analysis"), QStringLiteral("analysis"));
    m_kind->addItem(tr("Impact on the person"), QStringLiteral("impact"));
    m_kind->addItem(tr("Note"), QStringLiteral("note"));
    m_kind->setAccessibleName(tr("Kind of note"));
    m_kind->setAccessibleDescription(
        tr("Analysis and impact go into the chronology's columns of the same names."));
    m_body = new QPlainTextEdit(this);
    m_body->setAccessibleName(tr("Note"));
    m_body->setAccessibleDescription(
        tr("Your own words, kept in this store and shown in chronologies; never sent to an "
           "agency. Adding it is recorded in the audit."));
    m_body->setTabChangesFocus(true);
    auto *form = new QFormLayout;
    form->addRow(tr("Kind:"), m_kind);
    form->addRow(tr("Note:"), m_body);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    QPushButton *ok = buttons->button(QDialogButtonBox::Ok);
    ok->setText(tr("Add"));
    ok->setEnabled(false);
    connect(m_body, &QPlainTextEdit::textChanged, this,
            [this, ok] { ok->setEnabled(!m_body->toPlainText().trimmed().isEmpty()); });
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(buttons);
    resize(480, 260);
}

QString NoteDialog::kind() const
{
    return m_kind->currentData().toString();
}

QString NoteDialog::body() const
{
    return m_body->toPlainText().trimmed();
}

} // namespace bv::ui

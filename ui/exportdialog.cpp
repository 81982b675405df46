// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/exportdialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QPushButton>
#include <QStandardPaths>
#include <QToolButton>

namespace bv::ui {

ExportDialog::ExportDialog(const QString &personName, const QString &defaultPurpose,
                           QWidget *parent)
    : QDialog(parent)
{
    setWindowTitle(tr("Export chronology of %1").arg(personName));

    m_significance = new QComboBox(this);
    m_significance->addItem(tr("Key events (the chronology)"), 3);
    m_significance->addItem(tr("Notable and key events"), 2);
    m_significance->addItem(tr("All events"), 1);
    m_significance->setAccessibleName(tr("Events to include"));
    m_significance->setAccessibleDescription(
        tr("Which events the chronology lists, by significance; key events alone are the "
           "usual chronology."));

    m_limitDates = new QCheckBox(tr("Only between these dates"), this);
    m_limitDates->setAccessibleName(tr("Only between these dates"));
    m_from = new QDateEdit(QDate::currentDate().addYears(-2), this);
    m_to = new QDateEdit(QDate::currentDate(), this);
    for (QDateEdit *edit : {m_from, m_to}) {
        edit->setCalendarPopup(true);
        edit->setDisplayFormat(QStringLiteral("dd/MM/yyyy"));
        edit->setEnabled(false);
        connect(m_limitDates, &QCheckBox::toggled, edit, &QWidget::setEnabled);
    }
    m_from->setAccessibleName(tr("From"));
    m_to->setAccessibleName(tr("To"));
    m_from->setAccessibleDescription(tr("The first day of the chronology, as day/month/year."));
    m_to->setAccessibleDescription(tr("The last day of the chronology, as day/month/year."));
    for (QDateEdit *edit : {m_from, m_to}) {
        if (auto *field = edit->findChild<QLineEdit *>())
            field->setAccessibleName(edit->accessibleName());
    }
    auto *dates = new QHBoxLayout;
    dates->addWidget(m_from);
    dates->addWidget(m_to);

    m_format = new QComboBox(this);
    m_format->addItem(tr("PDF"), QStringLiteral("pdf"));
    m_format->addItem(tr("OpenDocument text (ODT)"), QStringLiteral("odt"));
    m_format->addItem(tr("CSV"), QStringLiteral("csv"));
    m_format->setAccessibleName(tr("Format"));
    m_format->setAccessibleDescription(
        tr("PDF to print or share, OpenDocument text to edit, or CSV for a spreadsheet."));

    m_purpose = new QLineEdit(defaultPurpose, this);
    m_purpose->setAccessibleName(tr("Purpose"));
    m_purpose->setAccessibleDescription(
        tr("Why the chronology is made: printed on every page and recorded in the audit."));

    m_path = new QLineEdit(this);
    m_path->setAccessibleName(tr("File"));
    m_path->setAccessibleDescription(
        tr("Where the chronology is saved; a file already there is replaced."));
    // Wide enough to see where the file goes, not just its last letters.
    m_path->setMinimumWidth(m_path->fontMetrics().horizontalAdvance(QLatin1Char('x')) * 48);
    const QString documents = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    m_path->setText(
        QDir(documents.isEmpty() ? QDir::homePath() : documents).filePath(tr("chronology.pdf")));
    auto *browse = new QToolButton(this);
    browse->setText(tr("Choose…"));
    browse->setAccessibleName(tr("Choose the file"));
    connect(browse, &QToolButton::clicked, this, &ExportDialog::choosePath);
    auto *where = new QHBoxLayout;
    where->addWidget(m_path, 1);
    where->addWidget(browse);
    connect(m_format, &QComboBox::currentIndexChanged, this, [this] {
        QString path = m_path->text();
        const QString suffix = m_format->currentData().toString();
        const qsizetype dot = path.lastIndexOf(QLatin1Char('.'));
        if (dot > path.lastIndexOf(QLatin1Char('/')))
            path.truncate(dot);
        m_path->setText(path + QLatin1Char('.') + suffix);
    });

    auto *form = new QFormLayout;
    form->addRow(tr("Events:"), m_significance);
    form->addRow(m_limitDates, dates);
    form->addRow(tr("Format:"), m_format);
    form->addRow(tr("Purpose:"), m_purpose);
    form->addRow(tr("File:"), where);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_ok = buttons->button(QDialogButtonBox::Ok);
    m_ok->setText(tr("Export"));
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    for (QLineEdit *edit : {m_purpose, m_path})
        connect(edit, &QLineEdit::textChanged, this, &ExportDialog::updateOk);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(buttons);
    updateOk();
}

void ExportDialog::choosePath()
{
    const QString path
        = QFileDialog::getSaveFileName(this, tr("Export chronology"), m_path->text());
    if (!path.isEmpty())
        m_path->setText(path);
}

void ExportDialog::updateOk()
{
    m_ok->setEnabled(!m_purpose->text().trimmed().isEmpty() && !m_path->text().trimmed().isEmpty());
}

report::ChronologyOptions ExportDialog::options() const
{
    report::ChronologyOptions options;
    options.minSignificance = m_significance->currentData().toInt();
    if (m_limitDates->isChecked()) {
        options.from = m_from->date();
        options.to = m_to->date();
    }
    return options;
}

report::ChronologyFormat ExportDialog::format() const
{
    return report::chronologyFormatFromName(m_format->currentData().toString())
        .value_or(report::ChronologyFormat::Pdf);
}

QString ExportDialog::purpose() const
{
    return m_purpose->text().trimmed();
}

QString ExportDialog::path() const
{
    return m_path->text().trimmed();
}

} // namespace bv::ui

// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "report/chronology.h"

#include <QDialog>

class QComboBox;
class QDateEdit;
class QCheckBox;
class QLineEdit;

namespace bv::ui {

// Exporting the open person's chronology: which events (significance, an optional date
// range), the format, why (printed on every page and audited), and where.
class ExportDialog final : public QDialog
{
    Q_OBJECT

public:
    ExportDialog(const QString &personName, const QString &defaultPurpose,
                 QWidget *parent = nullptr);

    report::ChronologyOptions options() const;
    report::ChronologyFormat format() const;
    QString purpose() const;
    QString path() const;

private:
    void choosePath();
    void updateOk();

    QComboBox *m_significance = nullptr;
    QCheckBox *m_limitDates = nullptr;
    QDateEdit *m_from = nullptr;
    QDateEdit *m_to = nullptr;
    QComboBox *m_format = nullptr;
    QLineEdit *m_purpose = nullptr;
    QLineEdit *m_path = nullptr;
    class QPushButton *m_ok = nullptr;
};

} // namespace bv::ui

// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDialog>

class QComboBox;
class QPlainTextEdit;

namespace bv::ui {

// A practitioner's note on an event: analysis, the impact on the person, or a plain note. It
// goes into chronologies (analysis with the event, impact in its own column).
class NoteDialog final : public QDialog
{
    Q_OBJECT

public:
    explicit NoteDialog(const QString &eventTitle, QWidget *parent = nullptr);

    QString kind() const; // analysis, impact, note
    QString body() const;

private:
    QComboBox *m_kind = nullptr;
    QPlainTextEdit *m_body = nullptr;
};

} // namespace bv::ui

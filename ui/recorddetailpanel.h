// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "linkage/linkexplainer.h"
#include "store/annotationrepository.h"
#include "store/personrepository.h"

#include <QWidget>

#include <optional>

class QLabel;
class QPushButton;

namespace bv::ui {

class WaterfallChart;

// The selected event in full: every field with its provenance (agency, source reference,
// received and updated), why its record belongs to this person (the linkage explanation as a
// waterfall chart and a sentence), and the relationships that record holds.
class RecordDetailPanel final : public QWidget
{
    Q_OBJECT

public:
    explicit RecordDetailPanel(QWidget *parent = nullptr);

    // why: the explanation of the event's record (nothing when it could not be worked out);
    // relationships: the person's, of which those on the event's record are shown.
    void setEvent(const store::EventView &event,
                  const std::optional<linkage::RecordExplanation> &why,
                  const QList<store::RelationshipView> &relationships,
                  const std::vector<store::Annotation> &notes);
    void clear();

    QLabel *fields() const { return m_fields; }
    QLabel *why() const { return m_why; }
    QLabel *notes() const { return m_notes; }
    QPushButton *addNoteButton() const { return m_addNote; }
    WaterfallChart *chart() const { return m_chart; }

Q_SIGNALS:
    // The user asked to add a note to the event shown.
    void addNoteRequested(qint64 eventId);

private:
    QLabel *m_title = nullptr;
    QLabel *m_fields = nullptr;
    QLabel *m_whyHeading = nullptr;
    QLabel *m_why = nullptr;
    WaterfallChart *m_chart = nullptr;
    QLabel *m_relationships = nullptr;
    QLabel *m_notes = nullptr;
    QPushButton *m_addNote = nullptr;
    qint64 m_eventId = 0;
};

} // namespace bv::ui

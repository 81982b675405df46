// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "linkage/linkexplainer.h"
#include "store/personrepository.h"

#include <QWidget>

#include <optional>

class QLabel;

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
                  const QList<store::RelationshipView> &relationships);
    void clear();

    QLabel *fields() const { return m_fields; }
    QLabel *why() const { return m_why; }
    WaterfallChart *chart() const { return m_chart; }

private:
    QLabel *m_title = nullptr;
    QLabel *m_fields = nullptr;
    QLabel *m_whyHeading = nullptr;
    QLabel *m_why = nullptr;
    WaterfallChart *m_chart = nullptr;
    QLabel *m_relationships = nullptr;
};

} // namespace bv::ui

// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/recorddetailpanel.h"

#include "models/timelinemodel.h"
#include "search/personsearch.h"
#include "ui/waterfallchart.h"

#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QScrollArea>
#include <QTimeZone>
#include <QVBoxLayout>

namespace bv::ui {

namespace {

QString row(const QString &label, const QString &value)
{
    if (value.isEmpty())
        return {};
    return QStringLiteral("<tr><th align=left valign=top>%1</th><td>%2</td></tr>")
        .arg(label.toHtmlEscaped(), value.toHtmlEscaped());
}

QString instant(const QString &iso)
{
    const QDateTime when = QDateTime::fromString(iso, Qt::ISODateWithMs);
    return when.isValid() ? QLocale().toString(when.toTimeZone(QTimeZone("Europe/London")),
                                               QLocale::LongFormat)
                          : iso;
}

QString relationshipKind(const QString &kind)
{
    if (kind == QLatin1String("parent"))
        return RecordDetailPanel::tr("Parent");
    if (kind == QLatin1String("child"))
        return RecordDetailPanel::tr("Child");
    if (kind == QLatin1String("sibling"))
        return RecordDetailPanel::tr("Sibling");
    if (kind == QLatin1String("twin"))
        return RecordDetailPanel::tr("Twin");
    if (kind == QLatin1String("partner"))
        return RecordDetailPanel::tr("Partner");
    return RecordDetailPanel::tr("Household member");
}

QString linkReason(const linkage::RecordExplanation &why)
{
    if (why.reason == QLatin1String("nhs_number"))
        return RecordDetailPanel::tr("Linked because it holds the same NHS number as another "
                                     "record of this person.");
    if (why.reason == QLatin1String("decision"))
        return RecordDetailPanel::tr("Placed with this person by %1's decision.")
            .arg(why.decidedBy);
    if (why.reason == QLatin1String("withheld_partner"))
        return RecordDetailPanel::tr("Linked to another record of this person that is withheld "
                                     "from you, so the comparison is not shown.");
    if (why.reason == QLatin1String("no_match") || !why.strongest)
        return RecordDetailPanel::tr("This person's only record: nothing else matched it.");
    return RecordDetailPanel::tr("Linked because its details match another record of this "
                                 "person (%1), as below.")
        .arg(why.strongest->idB);
}

} // namespace

RecordDetailPanel::RecordDetailPanel(QWidget *parent)
    : QWidget(parent)
{
    auto *content = new QWidget;
    m_title = new QLabel(content);
    QFont titleFont = m_title->font();
    titleFont.setBold(true);
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.15);
    m_title->setFont(titleFont);
    m_title->setWordWrap(true);
    m_title->setAccessibleName(tr("Selected event"));
    m_fields = new QLabel(content);
    m_fields->setWordWrap(true);
    m_fields->setTextFormat(Qt::RichText);
    m_fields->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_fields->setAccessibleName(tr("Event details and provenance"));
    m_fields->setFocusPolicy(Qt::StrongFocus);

    m_whyHeading = new QLabel(tr("Why this record is in this person"), content);
    QFont heading = m_whyHeading->font();
    heading.setBold(true);
    m_whyHeading->setFont(heading);
    m_why = new QLabel(content);
    m_why->setWordWrap(true);
    m_why->setAccessibleName(tr("Why this record is in this person"));
    m_why->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_chart = new WaterfallChart(content);

    auto *relationshipsHeading = new QLabel(tr("Household and relationships"), content);
    relationshipsHeading->setFont(heading);
    m_relationships = new QLabel(content);
    m_relationships->setWordWrap(true);
    m_relationships->setAccessibleName(tr("Household and relationships"));
    m_relationships->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *notesHeading = new QLabel(tr("Your notes"), content);
    notesHeading->setFont(heading);
    m_notes = new QLabel(content);
    m_notes->setWordWrap(true);
    m_notes->setAccessibleName(tr("Your notes on this event"));
    m_notes->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_addNote = new QPushButton(tr("Add a note…"), content);
    m_addNote->setAccessibleName(tr("Add a note to this event"));
    m_addNote->setAccessibleDescription(
        tr("Your analysis, or the impact on the person, for chronologies. Audited."));
    connect(m_addNote, &QPushButton::clicked, this, [this] {
        if (m_eventId != 0)
            Q_EMIT addNoteRequested(m_eventId);
    });

    auto *layout = new QVBoxLayout(content);
    layout->addWidget(m_title);
    layout->addWidget(m_fields);
    layout->addSpacing(8);
    layout->addWidget(m_whyHeading);
    layout->addWidget(m_why);
    layout->addWidget(m_chart);
    layout->addSpacing(8);
    layout->addWidget(relationshipsHeading);
    layout->addWidget(m_relationships);
    layout->addSpacing(8);
    layout->addWidget(notesHeading);
    layout->addWidget(m_notes);
    layout->addWidget(m_addNote, 0, Qt::AlignLeft);
    layout->addStretch(1);

    auto *scroll = new QScrollArea(this);
    scroll->setWidget(content);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setAccessibleName(tr("Record detail"));
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    outer->addWidget(scroll);
    clear();
}

void RecordDetailPanel::setEvent(const store::EventView &event,
                                 const std::optional<linkage::RecordExplanation> &why,
                                 const QList<store::RelationshipView> &relationships,
                                 const std::vector<store::Annotation> &notes)
{
    m_eventId = event.withheld ? 0 : event.eventId;
    m_addNote->setEnabled(!event.withheld);
    QStringList noteLines;
    for (const store::Annotation &note : notes) {
        const QString kind = note.kind == QLatin1String("analysis") ? tr("Analysis")
                             : note.kind == QLatin1String("impact") ? tr("Impact on the person")
                                                                    : tr("Note");
        noteLines << tr("%1 (%2): %3").arg(kind, note.author, note.body);
    }
    m_notes->setText(noteLines.isEmpty() ? tr("No notes yet.") : noteLines.join(QLatin1Char('\n')));
    const QLocale locale;
    const QString when
        = event.occurredAt.isValid()
              ? locale.toString(event.occurredAt.toTimeZone(QTimeZone("Europe/London")),
                                QLocale::LongFormat)
              : locale.toString(event.occurredDate, QLocale::LongFormat)
                    + (event.periodEndDate.isValid() ? tr(" to %1").arg(
                           locale.toString(event.periodEndDate, QLocale::LongFormat))
                                                     : QString());
    const QString source = tr("%1, record %2").arg(event.sourceCode, event.externalId);
    if (event.withheld) {
        m_title->setText(tr("Withheld"));
        m_fields->setText(QStringLiteral("<table cellspacing=4>") + row(tr("When"), when)
                          + row(tr("Agency"), search::agencyLabel(event.agency))
                          + row(tr("Why withheld"), event.withheldReason)
                          + QStringLiteral("</table>"));
    } else {
        m_title->setText(event.title);
        QString category = event.category;
        if (!category.isEmpty())
            category[0] = category[0].toUpper();
        m_fields->setText(
            QStringLiteral("<table cellspacing=4>") + row(tr("When"), when)
            + row(tr("Agency"), search::agencyLabel(event.agency)) + row(tr("Category"), category)
            + row(tr("Significance"), models::TimelineModel::significanceLabel(event.significance))
            + row(tr("What happened"), event.summary) + row(tr("Outcome or action"), event.outcome)
            + row(tr("Where"), event.placeText) + row(tr("Agency contact"), event.agencyContact)
            + row(tr("Source"), source) + row(tr("Received"), instant(event.receivedAt))
            + row(tr("Updated"), instant(event.updatedAt)) + QStringLiteral("</table>"));
    }
    if (why) {
        m_why->setText(
            linkReason(*why)
            + (why->strongest ? QStringLiteral(" ") + why->strongest->match.summary : QString()));
        if (why->strongest)
            m_chart->setExplanation(why->strongest->match);
        else
            m_chart->clear();
        m_chart->setVisible(why->strongest.has_value());
    } else {
        m_why->setText(tr("Not linked yet: run a link to place this record."));
        m_chart->clear();
        m_chart->hide();
    }
    QStringList lines;
    for (const store::RelationshipView &relationship : relationships) {
        if (relationship.sourcePersonId != event.sourcePersonId)
            continue;
        if (relationship.withheld) {
            lines << tr("A relationship recorded by %1, withheld: %2")
                         .arg(search::agencyLabel(relationship.agency),
                              relationship.withheldReason);
            continue;
        }
        QString line = relationshipKind(relationship.kind) + QStringLiteral(": ")
                       + (relationship.relatedName.isEmpty() ? tr("not named in this store")
                                                             : relationship.relatedName);
        if (relationship.relatedPersonId != 0)
            line += tr(" (person %1)").arg(relationship.relatedPersonId);
        lines << line;
    }
    m_relationships->setText(lines.isEmpty() ? tr("None recorded on this record.")
                                             : lines.join(QLatin1Char('\n')));
}

void RecordDetailPanel::clear()
{
    m_title->setText(tr("No event selected"));
    m_fields->setText(tr("Choose an event in the timeline to see it in full."));
    m_why->clear();
    m_chart->clear();
    m_chart->hide();
    m_relationships->clear();
    m_notes->clear();
    m_eventId = 0;
    m_addNote->setEnabled(false);
}

} // namespace bv::ui

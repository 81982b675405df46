// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/timelinepanel.h"

#include "common/age.h"
#include "common/agencies.h"
#include "models/agencybadge.h"
#include "models/agencystyle.h"
#include "models/timelinemodel.h"
#include "search/personsearch.h"
#include "ui/timelinedelegate.h"
#include "ui/timelineoverview.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QLocale>
#include <QSignalBlocker>
#include <QToolButton>
#include <QVBoxLayout>

namespace bv::ui {

namespace {} // namespace

TimelinePanel::TimelinePanel(QWidget *parent)
    : QWidget(parent)
    , m_model(new models::TimelineModel(this))
{
    m_heading = new QLabel(this);
    QFont headingFont = m_heading->font();
    headingFont.setPointSizeF(headingFont.pointSizeF() * 1.4);
    headingFont.setBold(true);
    m_heading->setFont(headingFont);
    m_heading->setAccessibleName(tr("Person"));
    m_heading->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_details = new QLabel(this);
    m_details->setAccessibleName(tr("Person details"));
    m_details->setWordWrap(true);
    m_details->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_agencyBar = new QWidget(this);
    auto *agencies = new QHBoxLayout(m_agencyBar);
    agencies->setContentsMargins(0, 0, 0, 0);
    for (const QString &agency : agencyOrder()) {
        auto *button = new QToolButton(m_agencyBar);
        button->setText(search::agencyLabel(agency));
        button->setCheckable(true);
        button->setChecked(true);
        button->setProperty("agency", agency);
        button->setAccessibleName(tr("Show %1 events").arg(search::agencyLabel(agency)));
        button->setToolTip(tr("Show or hide %1's events").arg(search::agencyLabel(agency)));

        connect(button, &QToolButton::toggled, this, &TimelinePanel::applyFilter);
        agencies->addWidget(button);
        m_agencyButtons << button;
    }
    agencies->addStretch(1);
    styleAgencyButtons();

    m_significance = new QComboBox(this);
    m_significance->addItem(tr("All events"), 1);
    m_significance->addItem(tr("Notable and key events"), 2);
    m_significance->addItem(tr("Key events (the chronology)"), 3);
    m_significance->setAccessibleName(tr("Significance"));
    m_significance->setAccessibleDescription(tr("Which events to show by significance; key "
                                                "events alone make the chronology."));
    connect(m_significance, &QComboBox::currentIndexChanged, this, &TimelinePanel::applyFilter);

    m_text = new QLineEdit(this);
    m_text->setPlaceholderText(tr("Filter by words"));
    m_text->setClearButtonEnabled(true);
    m_text->setAccessibleName(tr("Filter events by words"));
    // Room for a word or two whatever else the filter bar holds.
    m_text->setMinimumWidth(m_text->fontMetrics().horizontalAdvance(QStringLiteral("M")) * 14);
    connect(m_text, &QLineEdit::textChanged, this, &TimelinePanel::applyFilter);

    // A date range: off until asked for, then from the first event to the last.
    m_limitDates = new QCheckBox(tr("Between"), this);
    m_limitDates->setAccessibleName(tr("Only events between two dates"));
    m_from = new QDateEdit(this);
    m_to = new QDateEdit(this);
    for (QDateEdit *edit : {m_from, m_to}) {
        edit->setCalendarPopup(true);
        edit->setDisplayFormat(QStringLiteral("dd/MM/yyyy"));
        edit->setEnabled(false);
        connect(m_limitDates, &QCheckBox::toggled, edit, &QWidget::setEnabled);
        connect(edit, &QDateEdit::dateChanged, this, &TimelinePanel::applyFilter);
    }
    m_from->setAccessibleName(tr("From date"));
    m_to->setAccessibleName(tr("To date"));
    // The text field inside each date edit takes the focus: it needs the name too.
    for (QDateEdit *edit : {m_from, m_to}) {
        if (auto *field = edit->findChild<QLineEdit *>())
            field->setAccessibleName(edit->accessibleName());
    }
    connect(m_limitDates, &QCheckBox::toggled, this, &TimelinePanel::applyFilter);

    m_counts = new QLabel(this);
    m_counts->setAccessibleName(tr("Events shown"));

    auto *filters = new QHBoxLayout;
    filters->addWidget(m_significance);
    filters->addWidget(m_text, 1);
    filters->addWidget(m_limitDates);
    filters->addWidget(m_from);
    filters->addWidget(m_to);
    filters->addWidget(m_counts);

    m_view = new QListView(this);
    m_view->setModel(m_model);
    m_view->setItemDelegate(new TimelineDelegate(m_view));
    m_view->setAccessibleName(tr("Timeline"));
    m_view->setAccessibleDescription(
        tr("Every event from every agency in time order, grouped by day."));
    m_view->setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setUniformItemSizes(false);
    // Rows are as wide as the view (the delegate elides what does not fit): laid out again
    // as the view is resized, never scrolled sideways.
    m_view->setResizeMode(QListView::Adjust);
    m_view->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentChanged, this,
            [this](const QModelIndex &current) {
                const store::EventView *event = m_model->eventAt(current.row());
                Q_EMIT eventSelected(event ? event->eventId : 0);
            });

    m_overview = new TimelineOverview(this);
    // Picking a mark shows its event in the list; picking an event marks it on the overview.
    connect(m_overview, &TimelineOverview::eventClicked, this, &TimelinePanel::selectEvent);
    connect(this, &TimelinePanel::eventSelected, m_overview, &TimelineOverview::setSelectedEvent);
    // Focus goes down the panel as it is drawn: the overview strip, the filters, the list.
    if (!m_agencyButtons.isEmpty())
        setTabOrder(m_overview, m_agencyButtons.first());

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_heading);
    layout->addWidget(m_details);
    layout->addWidget(m_overview);
    layout->addWidget(m_agencyBar);
    layout->addLayout(filters);
    layout->addWidget(m_view, 1);
    clear();
}

void TimelinePanel::selectEvent(qint64 eventId)
{
    int row = m_model->rowOfEvent(eventId);
    if (row < 0) { // filtered out: show everything again so it can be shown
        m_text->clear();
        m_significance->setCurrentIndex(0);
        m_limitDates->setChecked(false);
        for (QToolButton *button : m_agencyButtons)
            button->setChecked(true);
        row = m_model->rowOfEvent(eventId);
    }
    if (row >= 0) {
        m_view->setCurrentIndex(m_model->index(row));
        m_view->scrollTo(m_model->index(row), QAbstractItemView::PositionAtCenter);
    }
}

void TimelinePanel::styleAgencyButtons()
{
    const bool dark = models::isDarkPalette(palette());
    for (QToolButton *button : m_agencyButtons) {
        // The agency's colour and pictogram beside its name, as on its events' badges; checked
        // or not is said by the button.
        button->setIcon(models::agencyIcon(button->property("agency").toString(), dark));
        button->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    }
}

void TimelinePanel::changeEvent(QEvent *event)
{
    // The system (or the user) switched between light and dark: the bars follow.
    if (event->type() == QEvent::PaletteChange)
        styleAgencyButtons();
    QWidget::changeEvent(event);
}

QToolButton *TimelinePanel::agencyButton(const QString &agency) const
{
    for (QToolButton *button : m_agencyButtons) {
        if (button->property("agency").toString() == agency)
            return button;
    }
    return nullptr;
}

void TimelinePanel::setPerson(const store::PersonView &person, QDate today)
{
    const store::PersonSummary summary = store::summarise(person);
    const QString &name = summary.name;
    const QDate birth = summary.birthDate;
    const QStringList &agencies = summary.agencies;
    const int withheld = summary.withheldRecords;
    m_heading->setText(name.isEmpty() ? tr("Person %1").arg(person.personId) : name);
    QStringList details;
    if (birth.isValid()) {
        const int age = ageOn(birth, today);
        details
            << tr("Born %1 (age %2)").arg(QLocale().toString(birth, QLocale::LongFormat)).arg(age);
    } else {
        details << tr("Date of birth not known");
    }
    QStringList labels;
    for (const QString &agency : agencies)
        labels << search::agencyLabel(agency);
    details << tr("Known to %1").arg(labels.join(QStringLiteral(", ")));
    if (withheld > 0)
        details << tr("%n record(s) withheld from you", nullptr, withheld);
    details << tr("Person %1").arg(person.personId);
    m_details->setText(details.join(QStringLiteral(" · ")));
    for (QToolButton *button : m_agencyButtons)
        button->setEnabled(agencies.contains(button->property("agency").toString()));
    // The range starts as the person's whole history, so ticking "Between" hides nothing.
    if (!person.events.isEmpty()) {
        const QSignalBlocker blockFrom(m_from);
        const QSignalBlocker blockTo(m_to);
        m_from->setDate(person.events.front().occurredDate);
        m_to->setDate(person.events.back().occurredDate);
    }
    m_model->setEvents(person.events);
    m_overview->setEvents(person.events);
    showCounts();
    setEnabled(true);
}

void TimelinePanel::clear()
{
    m_heading->setText(tr("No person open"));
    m_details->setText(tr("Find a person (Ctrl+F) and press Enter to open their timeline."));
    m_model->setEvents({});
    m_overview->setEvents({});
    m_counts->clear();
}

void TimelinePanel::applyFilter()
{
    models::TimelineFilter filter;
    bool all = true;
    for (QToolButton *button : m_agencyButtons) {
        if (button->isChecked())
            filter.agencies.insert(button->property("agency").toString());
        else
            all = false;
    }
    if (all)
        filter.agencies.clear();
    filter.minSignificance = m_significance->currentData().toInt();
    filter.text = m_text->text().trimmed();
    if (m_limitDates->isChecked()) {
        filter.from = m_from->date();
        filter.to = m_to->date();
    }
    m_model->setFilter(filter);
    showCounts();
}

void TimelinePanel::showCounts()
{
    const int total = int(m_model->events().size());
    const int shown = m_model->shownEventCount();
    m_counts->setText(shown == total ? tr("%n event(s)", nullptr, total)
                                     : tr("%1 of %n event(s)", nullptr, total).arg(shown));
}

} // namespace bv::ui

// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/searchpanel.h"

#include "models/personsearchmodel.h"
#include "ui/agencyiconsdelegate.h"

#include <QDateTime>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QTableView>
#include <QTimeZone>
#include <QTimer>
#include <QVBoxLayout>

namespace bv::ui {

SearchPanel::SearchPanel(models::PersonSearchModel *model, const Clock &clock, QWidget *parent)
    : QWidget(parent)
    , m_model(model)
    , m_clock(clock)
{
    m_query = new QLineEdit(this);
    m_query->setPlaceholderText(tr("Name, NHS number, date of birth or postcode"));
    m_query->setClearButtonEnabled(true);
    m_query->setAccessibleName(tr("Find a person"));
    m_query->setAccessibleDescription(
        tr("Type a name or its first letters, an NHS number, a date of birth such as 12/03/1985, "
           "or a postcode. Results appear as you type; press Enter to record the search."));

    m_status = new QLabel(this);
    m_status->setAccessibleName(tr("Search status"));
    m_status->setWordWrap(true);

    m_results = new QTableView(this);
    m_results->setModel(m_model);
    m_results->setAccessibleName(tr("People found"));
    m_results->setAccessibleDescription(
        tr("Each linked person the search found, with date of birth, age, the agencies that know "
           "them and their active flags. Press Enter to open one."));
    m_results->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_results->setSelectionMode(QAbstractItemView::SingleSelection);
    m_results->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_results->setAlternatingRowColors(true);
    m_results->setWordWrap(false);
    m_results->verticalHeader()->hide();
    // Every column in view: the agencies as icons (named in the tooltip and to a screen
    // reader); the flags take what the others leave, elided, whole in the tooltip.
    QHeaderView *header = m_results->horizontalHeader();
    header->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_results->setItemDelegateForColumn(
        models::PersonSearchModel::AgenciesColumn,
        new AgencyIconsDelegate(models::PersonSearchModel::AgencyCodesRole,
                                models::PersonSearchModel::WithheldRecordsRole, m_results));
    header->setSectionResizeMode(models::PersonSearchModel::FlagsColumn, QHeaderView::Stretch);
    m_results->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_results->setTextElideMode(Qt::ElideRight);
    m_results->setTabKeyNavigation(false);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_query);
    layout->addWidget(m_status);
    layout->addWidget(m_results, 1);
    setTabOrder(m_query, m_results);

    m_typing = new QTimer(this);
    m_typing->setSingleShot(true);
    m_typing->setInterval(kTypingPauseMs);
    connect(m_typing, &QTimer::timeout, this, &SearchPanel::startSearch);
    connect(m_query, &QLineEdit::textChanged, m_typing, qOverload<>(&QTimer::start));
    connect(m_query, &QLineEdit::returnPressed, this, [this] {
        m_typing->stop();
        m_commitPending = true;
        startSearch();
    });
    connect(m_model, &models::PersonSearchModel::searchFinished, this, &SearchPanel::showOutcome);
    connect(m_results, &QTableView::activated, this, [this](const QModelIndex &index) {
        if (const qint64 person = m_model->personId(index.row()); person != 0)
            Q_EMIT personActivated(person);
    });
}

void SearchPanel::searchAgain()
{
    if (!m_query->text().trimmed().isEmpty())
        startSearch();
}

void SearchPanel::startSearch()
{
    const QString text = m_query->text().trimmed();
    if (text.isEmpty()) {
        m_commitPending = false;
        m_model->setQuery(QString(), today());
        return;
    }
    m_status->setText(tr("Searching…"));
    m_model->setQuery(text, today());
}

void SearchPanel::showOutcome(const QString &query, const QString &error)
{
    if (!error.isEmpty()) {
        m_status->setText(tr("The search failed: %1").arg(error));
        m_commitPending = false;
        return;
    }
    const auto &result = m_model->result();
    const int found = int(result.persons.size());
    if (query.trimmed().isEmpty())
        m_status->clear();
    else if (found == 0)
        m_status->setText(tr("No one found. Try fewer words, or the first letters of a name."));
    else
        m_status->setText(result.truncated
                              ? tr("The first %n people found: add a date of birth or postcode "
                                   "to narrow it.",
                                   nullptr, found)
                              : tr("%n person(s) found.", nullptr, found));
    if (m_commitPending && query == m_query->text().trimmed()) {
        m_commitPending = false;
        Q_EMIT searchCommitted(query);
        if (found > 0 && !m_results->currentIndex().isValid())
            m_results->setCurrentIndex(m_model->index(0, 0));
    }
}

QDate SearchPanel::today() const
{
    // Ages are as a person in the county would give them.
    return m_clock.nowUtc().toTimeZone(QTimeZone("Europe/London")).date();
}

void SearchPanel::clear()
{
    m_typing->stop();
    m_commitPending = false;
    m_query->clear();
    m_status->clear();
}

void SearchPanel::focusQuery()
{
    m_query->setFocus(Qt::ShortcutFocusReason);
    m_query->selectAll();
}

} // namespace bv::ui

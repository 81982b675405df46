// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/sourcespanel.h"

#include "access/session.h"
#include "models/synccontroller.h"
#include "store/storeinspector.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>
#include <QTableView>
#include <QVBoxLayout>

#include <spdlog/spdlog.h>

namespace bv::ui {

QString connectivityText(const models::Connectivity &connectivity, const QDateTime &now)
{
    using State = models::Connectivity::State;
    switch (connectivity.state) {
    case State::NotSynced:
        return SourcesPanel::tr("Not synced yet");
    case State::Online:
        return SourcesPanel::tr("Online: every feed synced since %1")
            .arg(models::FeedStatusModel::whenText(connectivity.since, now));
    case State::Partial:
        return SourcesPanel::tr("Feeds failing at the last sync: %1 of %2")
            .arg(connectivity.failing)
            .arg(connectivity.feeds);
    case State::Offline:
        return connectivity.since.isValid()
                   ? SourcesPanel::tr("Offline since %1 (no feed reached since)")
                         .arg(models::FeedStatusModel::whenText(connectivity.since, now))
                   : SourcesPanel::tr("Offline: no feed has been reached yet");
    }
    return {};
}

SourcesPanel::SourcesPanel(const Clock &clock, QWidget *parent)
    : QWidget(parent)
    , m_clock(clock)
    , m_model(new models::FeedStatusModel(this))
    , m_controller(new models::SyncController(clock, this))
{
    m_fileLabel = new QLabel(this);
    m_fileLabel->setWordWrap(true);
    m_fileLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_fileLabel->setAccessibleName(tr("Feeds file"));
    m_chooseButton = new QPushButton(tr("Choose feeds file…"), this);
    m_chooseButton->setAccessibleDescription(
        tr("Choose the feeds.json that says where each agency's feed is and how to sign in to it. "
           "It is remembered for this store."));
    connect(m_chooseButton, &QPushButton::clicked, this, &SourcesPanel::chooseFeedsFile);

    m_table = new QTableView(this);
    m_table->setModel(m_model);
    m_table->setAccessibleName(tr("Agency feeds"));
    m_table->setAccessibleDescription(
        tr("Each agency feed with its state, the time of its last complete sync, the records it "
           "has given, input held back as unreadable, and the last error."));
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->setTabKeyNavigation(false);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(models::FeedStatusModel::ProblemColumn,
                                                      QHeaderView::Stretch);
    m_table->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    // The last error is read whole in its tooltip; the other columns stay in view.
    m_table->setTextElideMode(Qt::ElideRight);

    m_progress = new QProgressBar(this);
    m_progress->setAccessibleName(tr("Sync progress"));
    m_progress->setVisible(false);
    m_status = new QLabel(this);
    m_status->setWordWrap(true);
    m_status->setAccessibleName(tr("Sync status"));

    m_syncButton = new QPushButton(tr("&Sync now"), this);
    m_syncButton->setAccessibleDescription(
        tr("Bring the store up to date with every feed, then link the new records into people."));
    m_cancelButton = new QPushButton(tr("Cancel sync"), this);
    m_cancelButton->setAccessibleDescription(
        tr("Stop reading the feeds. What came in so far is kept and linked."));
    connect(m_syncButton, &QPushButton::clicked, this, &SourcesPanel::sync);
    connect(m_cancelButton, &QPushButton::clicked, this, &SourcesPanel::cancelSync);

    connect(m_controller, &models::SyncController::progressed, this, &SourcesPanel::showProgress);
    connect(m_controller, &models::SyncController::finished, this, &SourcesPanel::finishSync);

    auto *fileRow = new QHBoxLayout;
    fileRow->addWidget(m_fileLabel, 1);
    fileRow->addWidget(m_chooseButton);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_syncButton);
    buttons->addWidget(m_cancelButton);
    buttons->addStretch(1);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(fileRow);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_progress);
    layout->addWidget(m_status);
    layout->addLayout(buttons);
    setTabOrder(m_chooseButton, m_table);
    setTabOrder(m_table, m_syncButton);
    setTabOrder(m_syncButton, m_cancelButton);
    updateButtons();
}

SourcesPanel::~SourcesPanel()
{
    m_controller->clearStore();
}

QString SourcesPanel::settingsKey() const
{
    // Per store; the path is hashed so the settings file does not list where stores are.
    const QByteArray path = QFileInfo(m_session->paths().store).absoluteFilePath().toUtf8();
    return QStringLiteral("feeds/file-")
           + QString::fromLatin1(
               QCryptographicHash::hash(path, QCryptographicHash::Sha256).toHex().left(16));
}

void SourcesPanel::setSession(access::Session *session, std::optional<feeds::FeedsFile> feeds)
{
    m_session = session;
    m_feeds = std::move(feeds);
    m_status->clear();
    store::StorePragmas pragmas;
    pragmas.cipherPageSize = int(session->keyFile().cipherPageSize);
    m_controller->setStore(session->paths().store, session->storeKey(), pragmas,
                           session->context());
    if (m_feeds) {
        // The demo's file too, so a lock and unlock finds it again while the demo runs.
        QSettings().setValue(settingsKey(), QFileInfo(m_feeds->path).absoluteFilePath());
    } else {
        const QString remembered = QSettings().value(settingsKey()).toString();
        if (!remembered.isEmpty()) {
            auto loaded = feeds::loadFeedsFile(remembered);
            if (loaded.ok())
                m_feeds = std::move(loaded.value());
            else
                m_status->setText(loaded.error().message);
        }
    }
    m_model->setFeeds(m_feeds ? m_feeds->feeds : std::vector<feeds::FeedConfig>{});
    m_fileLabel->setText(m_feeds ? tr("Feeds file: %1").arg(QDir::toNativeSeparators(m_feeds->path))
                                 : tr("No feeds file chosen for this store."));
    reload();
}

void SourcesPanel::clearSession()
{
    m_controller->clearStore();
    m_session = nullptr;
    m_feeds.reset();
    m_model->clear();
    m_fileLabel->clear();
    m_status->clear();
    m_progress->setVisible(false);
    updateButtons();
}

void SourcesPanel::reload()
{
    if (!m_session)
        return;
    auto sources = store::StoreInspector::sources(m_session->database());
    if (!sources.ok()) {
        spdlog::error("reading the feeds' state failed (error code {})",
                      static_cast<int>(sources.error().code));
        m_status->setText(sources.error().message);
        return;
    }
    m_model->setNow(m_clock.nowUtc());
    m_model->setSources(sources.value());
    updateButtons();
    Q_EMIT connectivityChanged();
}

models::Connectivity SourcesPanel::connectivity() const
{
    // The feeds in use: one turned off or taken out of the file says nothing about today.
    QStringList enabled;
    if (m_feeds) {
        for (const auto &feed : m_feeds->feeds) {
            if (feed.enabled)
                enabled << feed.id;
        }
    }
    return models::Connectivity::of(m_model->sources(), m_feeds ? &enabled : nullptr);
}

bool SourcesPanel::isSyncing() const
{
    return m_controller->isRunning();
}

void SourcesPanel::updateButtons()
{
    const bool syncing = m_controller->isRunning();
    const bool anyEnabled
        = m_feeds
          && std::any_of(m_feeds->feeds.cbegin(), m_feeds->feeds.cend(),
                         [](const feeds::FeedConfig &feed) { return feed.enabled; });
    m_syncButton->setEnabled(m_session && anyEnabled && !syncing);
    m_syncButton->setToolTip(m_feeds || !m_session ? QString() : tr("Choose a feeds file first."));
    m_cancelButton->setEnabled(syncing);
    m_chooseButton->setEnabled(m_session && !syncing);
    Q_EMIT canSyncChanged(m_syncButton->isEnabled());
}

void SourcesPanel::chooseFeedsFile()
{
    if (!m_session)
        return;
    const QString path = QFileDialog::getOpenFileName(this, tr("Choose the feeds file"),
                                                      m_feeds ? m_feeds->path : QString(),
                                                      tr("Feeds files (*.json)"));
    if (path.isEmpty())
        return;
    if (auto used = useFeedsFile(path); !used.ok())
        QMessageBox::warning(this, tr("Broadview"), used.error().message);
}

Result<void> SourcesPanel::useFeedsFile(const QString &path)
{
    if (!m_session)
        return makeError(ErrorCode::Usage, tr("Unlock a store first."));
    if (m_controller->isRunning())
        return makeError(ErrorCode::Usage, tr("Wait for the sync under way to finish."));
    auto loaded = feeds::loadFeedsFile(path);
    if (!loaded.ok()) {
        spdlog::warn("a feeds file was refused (error code {})",
                     static_cast<int>(loaded.error().code));
        return loaded.error();
    }
    m_feeds = std::move(loaded.value());
    QSettings().setValue(settingsKey(), QFileInfo(path).absoluteFilePath());
    m_model->setFeeds(m_feeds->feeds);
    m_fileLabel->setText(tr("Feeds file: %1").arg(QDir::toNativeSeparators(m_feeds->path)));
    m_status->clear();
    updateButtons();
    return {};
}

void SourcesPanel::sync()
{
    if (!m_session || !m_feeds || !m_controller->start(m_feeds->feeds))
        return;
    m_progress->setRange(0, 0); // busy until the first feed reports
    m_progress->setVisible(true);
    m_status->setText(tr("Starting the sync…"));
    updateButtons();
    m_cancelButton->setFocus(Qt::OtherFocusReason);
}

void SourcesPanel::cancelSync()
{
    if (!m_controller->isRunning())
        return;
    m_controller->cancel();
    m_cancelButton->setEnabled(false);
    m_status->setText(tr("Cancelling: the page being read is finished first…"));
}

void SourcesPanel::showProgress(const sync::RefreshProgress &progress)
{
    m_model->showProgress(progress);
    m_progress->setRange(0, progress.feedCount + 1); // each feed, then the link
    if (progress.stage == sync::RefreshProgress::Stage::Linking) {
        m_progress->setValue(progress.feedCount);
        m_progress->setFormat(tr("Linking"));
        m_status->setText(tr("Linking the new records into people…"));
        m_cancelButton->setEnabled(false); // the link runs to the end, so nothing is half-linked
        return;
    }
    m_progress->setValue(progress.feedIndex);
    m_progress->setFormat(tr("Feed %1 of %2").arg(progress.feedIndex + 1).arg(progress.feedCount));
    m_status->setText(
        progress.feed.stream.isEmpty()
            ? tr("Reading %1…").arg(progress.feed.feedId)
            : tr("Reading %1 (%2): %n page(s) so far", nullptr, int(progress.feed.pages))
                  .arg(progress.feed.feedId, progress.feed.stream));
}

void SourcesPanel::finishSync(const sync::RefreshOutcome &outcome)
{
    m_model->endProgress();
    m_progress->setVisible(false);
    if (!m_session)
        return;
    const bool hadFocus = m_cancelButton->hasFocus();
    const QLocale locale;
    QString text;
    if (outcome.notStarted) {
        text = tr("The sync could not start: %1").arg(outcome.notStarted->message);
    } else {
        qsizetype written = 0;
        qsizetype removed = 0;
        qsizetype quarantined = 0;
        QStringList failed;
        for (const auto &feed : outcome.feeds) {
            written += feed.written;
            removed += feed.removed;
            quarantined += feed.rejected;
            if (!feed.ok() && feed.error->code != ErrorCode::Cancelled)
                failed << feed.feedId;
        }
        const QString when = models::FeedStatusModel::whenText(m_clock.nowUtc(), m_clock.nowUtc());
        text = outcome.cancelled ? tr("Sync cancelled %1.").arg(when) : tr("Synced %1.").arg(when);
        text
            += QLatin1Char(' ')
               + (written + removed + quarantined == 0
                      ? tr("Nothing new.")
                      : tr("Records written: %1; removed: %2; quarantined: %3.")
                            .arg(locale.toString(qint64(written)), locale.toString(qint64(removed)),
                                 locale.toString(qint64(quarantined))));
        if (!failed.isEmpty())
            text += QLatin1Char(' ')
                    + tr("%n feed(s) failed: %1 (see Last error).", nullptr, int(failed.size()))
                          .arg(failed.join(QStringLiteral(", ")));
        if (outcome.link)
            text += QLatin1Char(' ')
                    + tr("People in the store: %1 (new: %2).")
                          .arg(locale.toString(outcome.link->persons),
                               locale.toString(outcome.link->newPersons));
        if (outcome.linkError)
            text += QLatin1Char(' ') + tr("Linking failed: %1").arg(outcome.linkError->message);
        if (outcome.auditError)
            text += QLatin1Char(' ')
                    + tr("The sync could not be audited, so nothing was linked: %1")
                          .arg(outcome.auditError->message);
    }
    m_status->setText(text);
    reload();
    updateButtons();
    if (hadFocus || !focusWidget())
        m_syncButton->setFocus(Qt::OtherFocusReason); // Cancel is off now: keep the keyboard here
    Q_EMIT syncFinished(outcome);
}

} // namespace bv::ui

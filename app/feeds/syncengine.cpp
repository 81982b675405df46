// SPDX-License-Identifier: GPL-3.0-or-later
#include "feeds/syncengine.h"

#include "feeds/feedadapter.h"
#include "feeds/pagewriter.h"
#include "store/cipherthreadstate.h"
#include "store/database.h"
#include "store/statement.h"

#include <QElapsedTimer>
#include <QObject>

#include <algorithm>
#include <future>
#include <memory>
#include <optional>
#include <spdlog/spdlog.h>
#include <string>

namespace bv::feeds {

namespace {

// A page that arrives whole but cannot be read is fetched again this many times before the
// feed is given up: a proxy or a restarting server can send one bad body.
constexpr int kUnreadablePageAttempts = 3;

// A page is written with synchronous = NORMAL, so its commit does not wait for the disk. In WAL
// mode a power cut can then lose the last pages committed but never tear one, and each page
// carries its stream's read position, so a lost page is simply read again on the next sync.
// The last page of a pass is written at the store's own level (FULL), which makes it and every
// page before it durable before the feed is marked synced. Audit entries are never written
// here, so none is left undurable (see store::StorePragmas).
class PageDurability
{
public:
    explicit PageDurability(store::Database &db)
        : m_db(db)
    {}
    ~PageDurability()
    {
        if (m_relaxed && !m_db.exec(levelPragma(m_storeLevel)).ok())
            spdlog::warn("the store's synchronous level could not be restored");
    }
    PageDurability(const PageDurability &) = delete;
    PageDurability &operator=(const PageDurability &) = delete;

    [[nodiscard]] Result<void> beforePage(bool lastOfPass)
    {
        if (m_storeLevel < 0) {
            auto level = m_db.queryInt("PRAGMA synchronous");
            BV_TRY(level);
            m_storeLevel = level.value();
            // Only WAL keeps a store whole when NORMAL loses the last commits; with a rollback
            // journal NORMAL could corrupt it, so there the store's level stays.
            auto mode = m_db.queryText("PRAGMA journal_mode");
            BV_TRY(mode);
            m_walMode = mode.value().compare(QLatin1String("wal"), Qt::CaseInsensitive) == 0;
        }
        if (!m_walMode)
            return {};
        const qint64 wanted = lastOfPass ? m_storeLevel : std::min<qint64>(m_storeLevel, 1);
        if (wanted == m_current)
            return {};
        BV_TRY(m_db.exec(levelPragma(wanted)));
        m_current = wanted;
        m_relaxed = wanted != m_storeLevel;
        return {};
    }

private:
    static std::string levelPragma(qint64 level)
    {
        return "PRAGMA synchronous = " + std::to_string(level);
    }

    store::Database &m_db;
    qint64 m_storeLevel = -1; // 0 OFF, 1 NORMAL, 2 FULL, 3 EXTRA
    qint64 m_current = -1;
    bool m_relaxed = false;
    bool m_walMode = false;
};

} // namespace

StreamState advanceStreamState(const StreamState &state, const FeedPage &page)
{
    StreamState next = state;
    if (page.maxUpdatedAt.isValid()
        && (!next.passHighWater.isValid() || page.maxUpdatedAt > next.passHighWater))
        next.passHighWater = page.maxUpdatedAt;
    if (!page.cursor.isEmpty())
        next.cursor = page.cursor;
    if (page.next.isValid() && !page.next.isEmpty()) {
        next.next = page.next;
        return next;
    }
    next.next = QUrl();
    if (next.passHighWater.isValid() && (!next.since.isValid() || next.passHighWater > next.since))
        next.since = next.passHighWater;
    next.passHighWater = QDateTime();
    return next;
}

SecretLookup storeSecretLookup(store::Database &db)
{
    return [&db](const QString &name) -> Result<QByteArray> {
        auto select = db.prepare("SELECT value FROM secret WHERE name = ?1");
        BV_TRY(select);
        select->bind(1, name);
        auto row = select->step();
        BV_TRY(row);
        if (!row.value())
            return makeError(ErrorCode::FeedConfig,
                             QObject::tr("The secret named %1 is not in the store. Add it with "
                                         "`broadview secret set --name %1`.")
                                 .arg(name));
        return select->blob(0);
    };
}

SyncEngine::SyncEngine(store::Database &db, SecretLookup secrets, const Clock &clock,
                       RetryPolicy policy)
    : m_db(db)
    , m_secrets(std::move(secrets))
    , m_clock(clock)
    , m_policy(policy)
{}

void SyncEngine::setProgressHandler(std::function<void(const SyncProgress &)> handler)
{
    m_progress = std::move(handler);
}

std::vector<FeedSyncSummary> SyncEngine::syncAll(const std::vector<FeedConfig> &feeds)
{
    std::vector<FeedSyncSummary> summaries;
    for (const FeedConfig &feed : feeds) {
        if (!feed.enabled)
            continue;
        summaries.push_back(syncFeed(feed));
        if (isCancelled())
            break;
    }
    return summaries;
}

FeedSyncSummary SyncEngine::syncFeed(const FeedConfig &feed)
{
    FeedSyncSummary summary;
    summary.feedId = feed.id;
    QElapsedTimer timer;
    timer.start();
    auto done = syncFeedInto(feed, summary);
    summary.elapsedMs = timer.elapsed();
    if (!done.ok()) {
        summary.error = done.error();
        spdlog::warn("feed {}: sync stopped after {} pages: {}", feed.id.toStdString(),
                     summary.pages, done.error().message.toStdString());
        if (done.error().code != ErrorCode::Cancelled)
            recordError(feed, done.error());
    } else {
        spdlog::info("feed {}: {} pages, {} records, {} written, {} removed, {} rejected, {} ms",
                     feed.id.toStdString(), summary.pages, summary.records, summary.written,
                     summary.removed, summary.rejected, summary.elapsedMs);
    }
    return summary;
}

FeedSyncSummary SyncEngine::skipFeed(const FeedConfig &feed, const Error &why)
{
    FeedSyncSummary summary;
    summary.feedId = feed.id;
    summary.error = why;
    spdlog::warn("feed {}: not tried: {}", feed.id.toStdString(), why.message.toStdString());
    recordError(feed, why);
    return summary;
}

void SyncEngine::recordError(const FeedConfig &feed, const Error &error)
{
    auto writer = PageWriter::create(m_db, feed, m_clock);
    if (!writer.ok()) {
        spdlog::warn("feed {}: the error could not be recorded: {}", feed.id.toStdString(),
                     writer.error().message.toStdString());
        return;
    }
    if (auto recorded = writer.value()->recordError(error.message); !recorded.ok())
        spdlog::warn("feed {}: the error could not be recorded: {}", feed.id.toStdString(),
                     recorded.error().message.toStdString());
}

Result<void> SyncEngine::syncFeedInto(const FeedConfig &feed, FeedSyncSummary &summary)
{
    auto adapter = createFeedAdapter(feed);
    BV_TRY(adapter);
    // The client asks for its OAuth secret whenever a token runs out, which can be while a page
    // is being written on the other thread; so the secret is read from the store here, once,
    // before any write starts. (A TLS key is read by create(), also here.)
    std::optional<Result<QByteArray>> oauthSecret;
    if (feed.auth.kind != FeedAuth::Kind::None)
        oauthSecret = m_secrets(feed.auth.secretRef);
    SecretLookup secrets = [this, &feed, oauthSecret](const QString &name) -> Result<QByteArray> {
        if (oauthSecret && name == feed.auth.secretRef)
            return *oauthSecret;
        return m_secrets(name);
    };
    auto client = FeedClient::create(feed, std::move(secrets), m_policy, m_cancelled);
    BV_TRY(client);
    auto writer = PageWriter::create(m_db, feed, m_clock);
    BV_TRY(writer);
    PageDurability durability(m_db);
    // A page is written on a thread of its own while the next is fetched and parsed here; the
    // next page's URL is in this page's body, so fetching and parsing are one chain and the
    // write is what can run beside it. One write at a time, in page order; the store is not
    // touched here while one runs. Declared after the writer, so that leaving early waits
    // for the write before anything it uses is destroyed.
    std::future<Result<PageOutcome>> writing;
    std::shared_ptr<const FeedPage> written; // the page being written, of writtenStream
    QString writtenStream;
    // Waits for the page being written, if any, and counts it.
    const auto collectWrite
        = [&writing, &written, &writtenStream, &summary, this, &feed]() -> Result<void> {
        if (!writing.valid())
            return {};
        auto outcome = writing.get();
        BV_TRY(outcome);
        ++summary.pages;
        summary.records += written->inputRecords;
        summary.written += outcome->written;
        summary.unchanged += outcome->unchanged;
        summary.removed += outcome->removed;
        summary.rejected += outcome->rejected;
        if (m_progress)
            m_progress(SyncProgress{feed.id, writtenStream, summary.pages, summary.records,
                                    summary.rejected});
        return {};
    };

    struct RetriesIntoSummary
    {
        FeedSyncSummary &summary;
        FeedClient &client;
        ~RetriesIntoSummary() { summary.retries = client.retries(); }
    } retriesIntoSummary{summary, *client.value()};

    const auto readStreams = [&]() -> Result<void> {
        for (const QString &stream : adapter.value()->streams()) {
            auto state = writer.value()->loadState(stream);
            BV_TRY(state);
            StreamState current = state.value();
            QUrl url = adapter.value()->requestFor(stream, current);
            auto pending = client.value()->start(url);
            int unreadable = 0;
            for (;;) {
                if (isCancelled())
                    return makeError(ErrorCode::Cancelled, QObject::tr("The sync was cancelled."));
                auto response = client.value()->finish(*pending);
                BV_TRY(response);
                // Not the URL: a feed's next link may carry search terms about a person.
                spdlog::debug("feed {} stream {}: page {} read", feed.id.toStdString(),
                              stream.toStdString(), summary.pages + 1);
                auto page = adapter.value()->parsePage(stream, response.value());
                if (!page.ok()) {
                    if (++unreadable >= kUnreadablePageAttempts)
                        return Error{ErrorCode::FeedRejected, page.error().message};
                    pending = client.value()->start(url);
                    continue;
                }
                unreadable = 0;
                const bool passComplete = page->next.isEmpty();
                if (!passComplete && page->next == url)
                    return makeError(ErrorCode::FeedRejected,
                                     QObject::tr("Feed %1: the page %2 names itself as the next "
                                                 "page; stopped to avoid a loop.")
                                         .arg(feed.id, url.toString()));
                const StreamState next = advanceStreamState(current, page.value());
                // Ask for the next page before writing this one, so the two overlap.
                std::unique_ptr<FeedClient::Pending> following;
                if (!passComplete)
                    following = client.value()->start(page->next);
                BV_TRY(collectWrite());
                url = page->next;
                written = std::make_shared<const FeedPage>(std::move(page).value());
                writtenStream = stream;
                writing = std::async(std::launch::async,
                                     [&writer, &durability, stream, next, passComplete,
                                      page = written]() -> Result<PageOutcome> {
                                         // The thread ends with the write, taking the crypto
                                         // library's state for it.
                                         const store::CipherThreadStateRelease releaseOnReturn;
                                         BV_TRY(durability.beforePage(passComplete));
                                         return writer.value()->write(stream, *page, next,
                                                                      passComplete);
                                     });
                if (passComplete) {
                    BV_TRY(collectWrite());
                    break;
                }
                current = next;
                pending = std::move(following);
            }
        }
        return {};
    };
    // However reading stopped, the page being written is waited for and counted; an error of
    // its own is reported unless reading failed first.
    Result<void> outcome = readStreams();
    Result<void> lastWrite = collectWrite();
    if (outcome.ok())
        return lastWrite;
    return outcome;
}

} // namespace bv::feeds

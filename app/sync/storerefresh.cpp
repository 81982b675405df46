// SPDX-License-Identifier: GPL-3.0-or-later
#include "sync/storerefresh.h"

#include "geo/areaquery.h"

#include <QObject>
#include <QSet>
#include <QStringList>

#include <spdlog/spdlog.h>

namespace bv::sync {

qsizetype RefreshOutcome::changed() const
{
    qsizetype total = 0;
    for (const auto &summary : feeds)
        total += summary.written + summary.removed;
    return total;
}

qsizetype RefreshOutcome::failedFeeds() const
{
    return std::count_if(feeds.cbegin(), feeds.cend(),
                         [](const feeds::FeedSyncSummary &summary) { return !summary.ok(); });
}

access::AuditEvent syncAuditEvent(const std::vector<feeds::FeedSyncSummary> &summaries)
{
    qsizetype written = 0;
    qsizetype removed = 0;
    qsizetype rejected = 0;
    QStringList failed;
    for (const auto &summary : summaries) {
        written += summary.written;
        removed += summary.removed;
        rejected += summary.rejected;
        if (!summary.ok())
            failed << summary.feedId;
    }
    return {QStringLiteral("feeds.sync"), QStringLiteral("feeds"),
            QStringLiteral("feeds=%1 written=%2 removed=%3 quarantined=%4 failed=%5")
                .arg(summaries.size())
                .arg(written)
                .arg(removed)
                .arg(rejected)
                .arg(failed.isEmpty() ? QStringLiteral("none") : failed.join(QLatin1Char(',')))};
}

access::AuditEvent linkAuditEvent(linkage::LinkMode mode, const linkage::StoreLinkOutcome &outcome,
                                  bool pairsExported)
{
    return {outcome.estimated ? QStringLiteral("persons.link_estimate")
                              : QStringLiteral("persons.link"),
            QStringLiteral("persons"),
            QStringLiteral("mode=%1 records=%2 relinked=%3 persons=%4 new=%5 retired=%6 "
                           "review=%7 pairs_export=%8")
                .arg(mode == linkage::LinkMode::Incremental ? QStringLiteral("incremental")
                     : mode == linkage::LinkMode::Full      ? QStringLiteral("full")
                                                            : QStringLiteral("reestimate"))
                .arg(outcome.statistics.records)
                .arg(outcome.relinked)
                .arg(outcome.persons)
                .arg(outcome.newPersons)
                .arg(outcome.retiredPersons)
                .arg(outcome.reviewPairs)
                .arg(pairsExported ? 1 : 0)};
}

StoreRefresh::StoreRefresh(store::Database &db, access::AuditLog &audit,
                           access::AccessContext context, const Clock &clock,
                           feeds::RetryPolicy policy)
    : m_db(db)
    , m_audit(audit)
    , m_context(std::move(context))
    , m_clock(clock)
    , m_engine(db, feeds::storeSecretLookup(db), clock, policy)
{}

void StoreRefresh::setProgressHandler(std::function<void(const RefreshProgress &)> handler)
{
    m_progress = std::move(handler);
}

namespace {

QString originOf(const QUrl &url)
{
    return url
        .adjusted(QUrl::RemovePath | QUrl::RemoveQuery | QUrl::RemoveFragment
                  | QUrl::RemoveUserInfo)
        .toString();
}

} // namespace

RefreshOutcome StoreRefresh::run(const std::vector<feeds::FeedConfig> &feeds)
{
    RefreshOutcome outcome;
    std::vector<const feeds::FeedConfig *> enabled;
    for (const auto &feed : feeds) {
        if (feed.enabled)
            enabled.push_back(&feed);
    }
    const int count = int(enabled.size());
    QSet<QString> unreachable; // origins that answered nothing at all this run
    for (int index = 0; index < count && !m_engine.isCancelled(); ++index) {
        const feeds::FeedConfig &feed = *enabled[std::size_t(index)];
        const QString origin = originOf(feed.baseUrl);
        // Only a feed whose every request goes to that origin (its token endpoint too).
        const bool oneOrigin = feed.auth.kind == feeds::FeedAuth::Kind::None
                               || originOf(feed.auth.tokenUrl) == origin;
        if (oneOrigin && unreachable.contains(origin)) {
            outcome.feeds.push_back(m_engine.skipFeed(
                feed, Error{ErrorCode::Unreachable,
                            QObject::tr("Not tried: %1 gave no answer to the feed before it.")
                                .arg(origin)}));
            continue;
        }
        if (m_progress)
            m_progress({RefreshProgress::Stage::Feeds, index, count, {feed.id, {}, 0, 0, 0}});
        m_engine.setProgressHandler([this, index, count](const feeds::SyncProgress &progress) {
            if (m_progress)
                m_progress({RefreshProgress::Stage::Feeds, index, count, progress});
        });
        auto summary = m_engine.syncFeed(feed);
        if (oneOrigin && !summary.ok() && summary.error->code == ErrorCode::Unreachable)
            unreachable.insert(origin);
        outcome.feeds.push_back(std::move(summary));
    }
    outcome.cancelled = m_engine.isCancelled();
    m_engine.setProgressHandler({});
    if (outcome.feeds.empty() && outcome.cancelled)
        return outcome; // stopped before any feed was read: nothing to audit or link

    if (auto audited = m_audit.append(m_context, syncAuditEvent(outcome.feeds)); !audited.ok()) {
        spdlog::error("the audit entry of a sync could not be written");
        outcome.auditError = audited.error();
        return outcome; // nothing more happens unaudited
    }

    if (m_progress)
        m_progress({RefreshProgress::Stage::Linking, count, count, {}});
    linkage::StoreLinkRequest request;
    request.mode = linkage::LinkMode::Incremental;
    auto linked = linkage::StoreLinker::link(
        m_db, m_clock, request, [this](const linkage::StoreLinkOutcome &link) -> Result<void> {
            auto appended = m_audit.append(
                m_context, linkAuditEvent(linkage::LinkMode::Incremental, link, false));
            if (!appended.ok())
                return appended.error();
            return {};
        });
    if (linked.ok())
        outcome.link = std::move(linked.value());
    else {
        spdlog::error("the link after a sync failed (error code {})",
                      static_cast<int>(linked.error().code));
        outcome.linkError = linked.error();
    }
    // The area query's index of flagged places, for the people this sync and link changed:
    // made now, so the next area query does not wait for it (it would make it itself).
    if (auto indexed = geo::AreaQuery::refreshFlaggedPlaces(m_db); !indexed.ok())
        spdlog::warn("the area query's index could not be brought up to date (error code {})",
                     static_cast<int>(indexed.error().code));
    return outcome;
}

} // namespace bv::sync

// SPDX-License-Identifier: GPL-3.0-or-later
#include "syncstages.h"

#include "feeds/feedadapter.h"
#include "feeds/pagewriter.h"
#include "feeds/syncengine.h"

#include <QElapsedTimer>

#include <atomic>
#include <ctime>

namespace bv::bench {

namespace {

double seconds(const QElapsedTimer &timer)
{
    return double(timer.nsecsElapsed()) / 1e9;
}

double cpuClock(clockid_t clock)
{
    timespec now{};
    ::clock_gettime(clock, &now);
    return double(now.tv_sec) + double(now.tv_nsec) / 1e9;
}

double processCpu()
{
    return cpuClock(CLOCK_PROCESS_CPUTIME_ID);
}

double threadCpu()
{
    return cpuClock(CLOCK_THREAD_CPUTIME_ID);
}

} // namespace

Result<StagedFeed> runStaged(store::Database &db, const feeds::FeedConfig &feed,
                             const feeds::SecretLookup &secrets, const Clock &clock)
{
    const std::atomic<bool> never{false};
    auto adapter = feeds::createFeedAdapter(feed);
    BV_TRY(adapter);
    auto client = feeds::FeedClient::create(feed, secrets, feeds::RetryPolicy{}, never);
    BV_TRY(client);
    auto writer = feeds::PageWriter::create(db, feed, clock);
    BV_TRY(writer);

    StagedFeed staged;
    for (const QString &stream : adapter.value()->streams()) {
        auto state = writer.value()->loadState(stream);
        BV_TRY(state);
        feeds::StreamState current = state.value();
        QUrl url = adapter.value()->requestFor(stream, current);
        for (;;) {
            QElapsedTimer timer;
            timer.start();
            double cpu = processCpu();
            auto pending = client.value()->start(url);
            auto response = client.value()->finish(*pending);
            BV_TRY(response);
            staged.fetchSeconds += seconds(timer);
            staged.fetchCpuSeconds += processCpu() - cpu;
            staged.bodyBytes += response->body.size();

            timer.restart();
            cpu = threadCpu();
            auto page = adapter.value()->parsePage(stream, response.value());
            BV_TRY(page);
            staged.parseSeconds += seconds(timer);
            staged.parseCpuSeconds += threadCpu() - cpu;

            const bool passComplete = page->next.isEmpty();
            if (!passComplete && page->next == url)
                return makeError(
                    ErrorCode::FeedRejected,
                    QStringLiteral("%1: a page names itself as the next.").arg(feed.id));
            const feeds::StreamState next = feeds::advanceStreamState(current, page.value());
            timer.restart();
            cpu = threadCpu();
            auto outcome = writer.value()->write(stream, page.value(), next, passComplete);
            BV_TRY(outcome);
            staged.writeSeconds += seconds(timer);
            staged.writeCpuSeconds += threadCpu() - cpu;

            ++staged.pages;
            staged.records += page->inputRecords;
            staged.persons += qsizetype(page->persons.size());
            staged.events += qsizetype(page->events.size());
            if (passComplete)
                break;
            current = next;
            url = page->next;
        }
    }
    return staged;
}

} // namespace bv::bench

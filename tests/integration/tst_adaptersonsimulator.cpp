// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/testsupport.h"
#include "countymodel.h"
#include "feeds/feedadapter.h"
#include "feeds/feedconfig.h"
#include "feedservice.h"
#include "referencedata.h"

#include <QJsonObject>
#include <QTest>
#include <QUrlQuery>

#include <map>
#include <memory>

using namespace bv;

namespace {

constexpr quint64 kSeed = 20250101;
constexpr quint32 kPersons = 600;
constexpr int kPageSize = 97; // odd, so pages end mid-batch

// One full pass of a stream, as the sync engine reads it: request, parse, follow next.
struct PassResult
{
    qsizetype pages = 0;
    qsizetype input = 0;
    std::map<QString, qsizetype> records; // kind -> count
    std::vector<feeds::RejectedInput> rejected;
    qsizetype withdrawn = 0;
    QDateTime highWater;
    QString cursor;
    QString error;
};

template<typename Records>
qsizetype countWithdrawn(const Records &records)
{
    qsizetype count = 0;
    for (const auto &record : records)
        count += record.provenance.withdrawn ? 1 : 0;
    return count;
}

feedsim::SimRequest simRequest(const QUrl &url)
{
    feedsim::SimRequest request;
    request.method = "GET";
    const QString path = url.path();                           // "/health/fhir/Patient"
    const qsizetype slash = path.indexOf(QLatin1Char('/'), 1); // after the feed prefix
    request.path = path.mid(slash + 1);
    request.query = QUrlQuery(url);
    request.origin = QUrl(QStringLiteral("https://127.0.0.1:8443"));
    return request;
}

} // namespace

// The adapters over the simulator's own pages (in-process, no HTTP): every stream of every
// feed is read in full with the shipped mapping files, with no page error and, with no faults
// switched on, no rejected record; with malformed records switched on, the bad ones are
// rejected and the rest kept.
class tst_AdaptersOnSimulator : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void everyStreamReadsCleanly_data();
    void everyStreamReadsCleanly();
    void malformedRecordsAreRejectedNotFatal_data();
    void malformedRecordsAreRejectedNotFatal();
    void incrementalPassAfterTicks_data();
    void incrementalPassAfterTicks();

private:
    PassResult readPass(feedsim::FeedService &service, const feeds::FeedConfig &feed,
                        const QString &stream, feeds::StreamState state = {});

    std::shared_ptr<const feedsim::CountyModel> m_county;
    std::vector<feeds::FeedConfig> m_feeds;
};

void tst_AdaptersOnSimulator::initTestCase()
{
    auto reference = feedsim::ReferenceData::load(QStringLiteral(BROADVIEW_SHARED_DATA_DIR));
    QVERIFY_RESULT(reference);
    auto county = feedsim::CountyModel::generate(reference.value(), kPersons, kSeed);
    QVERIFY_RESULT(county);
    m_county = std::make_shared<const feedsim::CountyModel>(std::move(county).value());
    auto feeds
        = feeds::loadFeedsFile(QStringLiteral(BROADVIEW_SOURCE_DIR "/resources/feeds/feeds.json"));
    QVERIFY_RESULT(feeds);
    m_feeds = feeds->feeds;
    for (feeds::FeedConfig &feed : m_feeds)
        feed.pageSize = kPageSize;
}

PassResult tst_AdaptersOnSimulator::readPass(feedsim::FeedService &service,
                                             const feeds::FeedConfig &feed, const QString &stream,
                                             feeds::StreamState state)
{
    PassResult result;
    Result<std::unique_ptr<feeds::FeedAdapter>> adapter = feeds::createFeedAdapter(feed);
    if (!adapter) {
        result.error = adapter.error().message;
        return result;
    }
    for (int guard = 0; guard < 10000; ++guard) {
        const QUrl url = adapter.value()->requestFor(stream, state);
        const feedsim::SimResponse answer = service.handle(feed.id, simRequest(url));
        feeds::FeedResponse response;
        response.url = url;
        response.status = answer.status;
        response.headers = answer.headers;
        response.body = answer.body;
        Result<feeds::FeedPage> page = adapter.value()->parsePage(stream, response);
        if (!page) {
            result.error = page.error().message + QStringLiteral(" body: ")
                           + QString::fromUtf8(answer.body.left(300));
            return result;
        }
        ++result.pages;
        result.input += page->inputRecords;
        result.records[QStringLiteral("person")] += qsizetype(page->persons.size());
        result.records[QStringLiteral("event")] += qsizetype(page->events.size());
        result.records[QStringLiteral("flag")] += qsizetype(page->flags.size());
        result.records[QStringLiteral("address")] += qsizetype(page->addresses.size());
        result.records[QStringLiteral("relationship")] += qsizetype(page->relationships.size());
        result.withdrawn += countWithdrawn(page->persons) + countWithdrawn(page->events)
                            + countWithdrawn(page->flags) + countWithdrawn(page->addresses)
                            + countWithdrawn(page->relationships);
        if (page->maxUpdatedAt.isValid()
            && (!result.highWater.isValid() || page->maxUpdatedAt > result.highWater))
            result.highWater = page->maxUpdatedAt;
        result.cursor = page->cursor;
        for (feeds::RejectedInput &rejected : page->rejected)
            result.rejected.push_back(std::move(rejected));
        if (page->next.isEmpty())
            break;
        state.next = page->next;
        state.cursor = page->cursor;
    }
    return result;
}

void tst_AdaptersOnSimulator::everyStreamReadsCleanly_data()
{
    QTest::addColumn<int>("feedIndex");
    QTest::addColumn<QString>("stream");
    for (size_t i = 0; i < m_feeds.size(); ++i) {
        Result<std::unique_ptr<feeds::FeedAdapter>> adapter = feeds::createFeedAdapter(m_feeds[i]);
        QVERIFY_RESULT(adapter);
        for (const QString &stream : adapter.value()->streams())
            QTest::newRow(qPrintable(m_feeds[i].id + QLatin1Char('/') + stream))
                << int(i) << stream;
    }
}

void tst_AdaptersOnSimulator::everyStreamReadsCleanly()
{
    QFETCH(int, feedIndex);
    QFETCH(QString, stream);
    auto service = feedsim::createCountyFeedService(m_county, kSeed);
    QVERIFY_RESULT(service);
    const feeds::FeedConfig &feed = m_feeds[size_t(feedIndex)];
    const PassResult pass = readPass(*service.value(), feed, stream);
    QVERIFY2(pass.error.isEmpty(), qPrintable(pass.error));
    QVERIFY(pass.pages >= 1);
    QVERIFY(pass.input > 0);
    qsizetype records = 0;
    for (const auto &[kind, count] : pass.records)
        records += count;
    QVERIFY(records > 0);
    for (const feeds::RejectedInput &rejected : pass.rejected)
        qWarning("%s %s: %s", qPrintable(rejected.location), qPrintable(rejected.externalId),
                 qPrintable(rejected.reason));
    if (!pass.rejected.empty())
        qWarning("first rejected payload: %s", pass.rejected.front().payload.left(600).constData());
    QCOMPARE(pass.rejected.size(), size_t(0));
}

void tst_AdaptersOnSimulator::malformedRecordsAreRejectedNotFatal_data()
{
    everyStreamReadsCleanly_data();
}

void tst_AdaptersOnSimulator::malformedRecordsAreRejectedNotFatal()
{
    QFETCH(int, feedIndex);
    QFETCH(QString, stream);
    auto service = feedsim::createCountyFeedService(m_county, kSeed);
    QVERIFY_RESULT(service);
    feedsim::ContentFaults faults;
    faults.malformedRate = 0.2;
    service.value()->setContentFaults(faults);
    const PassResult pass = readPass(*service.value(), m_feeds[size_t(feedIndex)], stream);
    QVERIFY2(pass.error.isEmpty(), qPrintable(pass.error));
    for (const feeds::RejectedInput &rejected : pass.rejected) {
        QVERIFY(!rejected.location.isEmpty());
        QVERIFY(!rejected.reason.isEmpty());
        QVERIFY(!rejected.payload.isEmpty());
    }
    // Most records still go in.
    QVERIFY2(
        qsizetype(pass.rejected.size()) < pass.input / 2 + 1,
        qPrintable(QStringLiteral("%1 of %2 rejected").arg(pass.rejected.size()).arg(pass.input)));
}

void tst_AdaptersOnSimulator::incrementalPassAfterTicks_data()
{
    everyStreamReadsCleanly_data();
}

// As a second sync would: from the first pass's high-water mark (time feeds) or cursor, after
// simulated days in which records changed and were withdrawn.
void tst_AdaptersOnSimulator::incrementalPassAfterTicks()
{
    QFETCH(int, feedIndex);
    QFETCH(QString, stream);
    auto service = feedsim::createCountyFeedService(m_county, kSeed);
    QVERIFY_RESULT(service);
    const feeds::FeedConfig &feed = m_feeds[size_t(feedIndex)];
    const PassResult first = readPass(*service.value(), feed, stream);
    QVERIFY2(first.error.isEmpty(), qPrintable(first.error));
    QVERIFY_RESULT(service.value()->tick(60));

    feeds::StreamState state;
    state.since = first.highWater;
    state.cursor = first.cursor;
    const PassResult second = readPass(*service.value(), feed, stream, state);
    QVERIFY2(second.error.isEmpty(), qPrintable(second.error));
    QVERIFY(second.input > 0);
    for (const feeds::RejectedInput &rejected : second.rejected)
        qWarning("%s %s: %s", qPrintable(rejected.location), qPrintable(rejected.externalId),
                 qPrintable(rejected.reason));
    qInfo("%s/%s: %lld of %lld read again, %lld withdrawn, %zu rejected", qPrintable(feed.id),
          qPrintable(stream), qint64(second.input), qint64(first.input), qint64(second.withdrawn),
          second.rejected.size());
    QCOMPARE(second.rejected.size(), size_t(0));
}

BV_TEST_MAIN(tst_AdaptersOnSimulator)
#include "tst_adaptersonsimulator.moc"

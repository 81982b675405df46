// SPDX-License-Identifier: GPL-3.0-or-later
#include "linkagedata.h"

#include "countymodel.h"
#include "feeds/feedadapter.h"
#include "feeds/feedconfig.h"
#include "feedservice.h"
#include "linkage/comparablerecord.h"
#include "linkage/nicknames.h"
#include "referencedata.h"

#include <QBuffer>
#include <QDataStream>
#include <QElapsedTimer>
#include <QFile>
#include <QHash>
#include <QSaveFile>
#include <QUrlQuery>

#include <algorithm>
#include <cmath>
#include <memory>
#include <random>
#include <thread>

namespace bv::bench {

namespace {

// Source person records per county person in a full sync (bench/sync.md: 1,889,366 at
// 1,000,000 persons, 188,898 at 100,000), a little low so one county is nearly always enough.
constexpr double kRecordsPerPerson = 1.86;
constexpr quint32 kMaxPersons = 1000000; // the simulator's largest county
constexpr int kPageSize = 5000;          // the most the simulator serves
constexpr int kMaxPagesPerStream = 100000;
constexpr int kCountyTries = 3;

// One person record as the store keeps it in source_person (PageWriter::writePerson): the
// columns StoreLinker reads.
struct StoredPerson
{
    QString feed;
    QString externalId;
    QDateTime updatedAt;
    linkage::SourceFields fields;
    std::uint64_t nhsNumber = 0; // nhs_number when nhs_number_valid
};

QString sexText(feeds::RecordSex sex)
{
    switch (sex) {
    case feeds::RecordSex::Female:
        return QStringLiteral("female");
    case feeds::RecordSex::Male:
        return QStringLiteral("male");
    case feeds::RecordSex::Other:
        return QStringLiteral("other");
    case feeds::RecordSex::Unknown:
        break;
    }
    return QStringLiteral("unknown");
}

StoredPerson stored(const QString &feed, const feeds::PersonRecord &person)
{
    StoredPerson row;
    row.feed = feed;
    row.externalId = person.provenance.externalId;
    row.updatedAt = person.provenance.updatedAt;
    row.fields.givenName = person.givenName;
    row.fields.familyName = person.familyName;
    row.fields.birthDate = person.birthDate;
    row.fields.sex = sexText(person.sex);
    row.fields.postcode = person.address.postcode;
    row.fields.uprn = person.address.uprn;
    row.fields.address = person.address.text;
    if (person.nhsStatus == feeds::NhsNumber::Status::Valid)
        row.nhsNumber = person.nhsDigits.toULongLong();
    return row;
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

// The streams of one feed read once in full, as a first sync reads them, until the `expected`
// person records (the source truth's count) are in; each person record's latest version, in
// the order first seen (the store's row order).
Result<std::vector<StoredPerson>> readFeed(feedsim::FeedService &service,
                                           const feeds::FeedConfig &feed, qsizetype expected)
{
    auto adapter = feeds::createFeedAdapter(feed);
    BV_TRY(adapter);
    std::vector<StoredPerson> persons;
    QHash<QString, qsizetype> seen;
    for (const QString &stream : adapter.value()->streams()) {
        feeds::StreamState state;
        for (int page = 0;; ++page) {
            if (page == kMaxPagesPerStream)
                return makeError(
                    ErrorCode::Failure,
                    QStringLiteral("feed %1 stream %2 does not end").arg(feed.id, stream));
            const QUrl url = adapter.value()->requestFor(stream, state);
            const feedsim::SimResponse answer = service.handle(feed.id, simRequest(url));
            feeds::FeedResponse response;
            response.url = url;
            response.status = answer.status;
            response.headers = answer.headers;
            response.body = answer.body;
            auto parsed = adapter.value()->parsePage(stream, response);
            BV_TRY(parsed);
            for (const feeds::PersonRecord &person : parsed->persons) {
                if (person.provenance.withdrawn)
                    continue; // none in a first pass without ticks
                const auto found = seen.constFind(person.provenance.externalId);
                if (found == seen.cend()) {
                    seen.insert(person.provenance.externalId, qsizetype(persons.size()));
                    persons.push_back(stored(feed.id, person));
                } else if (!(person.provenance.updatedAt
                             < persons[std::size_t(*found)].updatedAt)) {
                    persons[std::size_t(*found)] = stored(feed.id, person);
                }
            }
            if (parsed->next.isEmpty())
                break;
            state.next = parsed->next;
            state.cursor = parsed->cursor;
        }
        // Persons come before the records about them, and a first pass serves one version of
        // each: once every person record is in, the streams left (events, flags, most of the
        // feed's bytes) can add none.
        if (qsizetype(persons.size()) >= expected)
            break;
    }
    return persons;
}

// (feed, external id) -> county person, from the simulator's source truth: every person
// record of every feed, and nothing else.
Result<QHash<QString, quint32>> sourceTruth(const feedsim::FeedService &service)
{
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    BV_TRY(service.writeSourceTruth(buffer));
    QHash<QString, quint32> truth;
    const QList<QByteArray> lines = buffer.data().split('\n');
    for (qsizetype i = 1; i < lines.size(); ++i) { // after the header
        const QList<QByteArray> parts = lines[i].split(',');
        if (parts.size() != 4 || !parts[3].startsWith('P'))
            continue;
        bool ok = false;
        const quint32 person = parts[3].mid(1).toUInt(&ok);
        if (ok && person > 0)
            truth.insert(QString::fromLatin1(parts[0] + '/' + parts[2]), person - 1);
    }
    return truth;
}

struct Served
{
    std::vector<StoredPerson> persons; // every feed's, in feeds.json order
    std::vector<quint32> truePerson;
    std::vector<FeedRecordCount> perFeed;
    double countySeconds = 0;
    double feedSeconds = 0;
};

// The feeds split over two threads, each with a service of its own on the one county (the
// service is single-threaded; the county is immutable): health, about half the records, on
// one, the other six on the other.
Result<Served> serve(const std::shared_ptr<const feedsim::ReferenceData> &reference,
                     quint32 persons, quint64 seed, const std::vector<feeds::FeedConfig> &feeds)
{
    QElapsedTimer timer;
    timer.start();
    auto generated = feedsim::CountyModel::generate(*reference, persons, seed);
    BV_TRY(generated);
    const auto county = std::make_shared<const feedsim::CountyModel>(std::move(generated).value());
    constexpr std::size_t kGroups = 2;
    std::array<std::unique_ptr<feedsim::FeedService>, kGroups> services;
    for (auto &service : services) {
        auto made = feedsim::createCountyFeedService(county, reference, seed);
        BV_TRY(made);
        service = std::move(made).value();
    }
    Served served;
    served.countySeconds = double(timer.nsecsElapsed()) / 1e9;
    timer.restart();

    auto truth = sourceTruth(*services[0]);
    BV_TRY(truth);
    QHash<QString, qsizetype> expected; // person records per feed
    for (auto it = truth->cbegin(); it != truth->cend(); ++it)
        ++expected[it.key().section(QLatin1Char('/'), 0, 0)];

    std::vector<Result<std::vector<StoredPerson>>> read(
        feeds.size(), Result<std::vector<StoredPerson>>(std::vector<StoredPerson>{}));
    {
        std::vector<std::jthread> workers;
        for (std::size_t group = 0; group < kGroups; ++group) {
            workers.emplace_back([&, group] {
                for (std::size_t f = 0; f < feeds.size(); ++f) {
                    const bool health = feeds[f].id == QLatin1String("health");
                    if ((group == 0) == health)
                        read[f] = readFeed(*services[group], feeds[f], expected.value(feeds[f].id));
                }
            });
        }
    }
    for (std::size_t f = 0; f < feeds.size(); ++f) {
        BV_TRY(read[f]);
        served.perFeed.push_back({feeds[f].id, qsizetype(read[f]->size())});
        for (StoredPerson &person : read[f].value()) {
            const auto found = truth->constFind(person.feed + QLatin1Char('/') + person.externalId);
            if (found == truth->cend())
                return makeError(
                    ErrorCode::Failure,
                    QStringLiteral("a %1 record is not in the source truth").arg(person.feed));
            served.truePerson.push_back(*found);
            served.persons.push_back(std::move(person));
        }
    }
    served.feedSeconds = double(timer.nsecsElapsed()) / 1e9;
    return served;
}

constexpr quint32 kCacheMagic = 0x424c4b31; // "BLK1"

// The served records in a file, for runs that only change the linker: rendering and parsing
// a million records' pages takes minutes.
Result<void> saveServed(const QString &path, const LinkageInputOptions &options,
                        quint32 countyPersons, const Served &served)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return makeError(ErrorCode::Io, QStringLiteral("cannot write %1").arg(path));
    QDataStream out(&file);
    out << kCacheMagic << qint64(options.records) << options.seed << countyPersons
        << quint64(served.persons.size());
    for (std::size_t i = 0; i < served.persons.size(); ++i) {
        const StoredPerson &p = served.persons[i];
        out << p.feed << p.externalId << p.fields.givenName << p.fields.familyName
            << p.fields.birthDate << p.fields.sex << p.fields.postcode << p.fields.uprn
            << p.fields.address << quint64(p.nhsNumber) << served.truePerson[i];
    }
    out << quint32(served.perFeed.size());
    for (const FeedRecordCount &feed : served.perFeed)
        out << feed.feed << qint64(feed.records);
    if (out.status() != QDataStream::Ok || !file.commit())
        return makeError(ErrorCode::Io, QStringLiteral("cannot write %1").arg(path));
    return {};
}

// False when there is no cache for these options (or it is unreadable).
bool loadServed(const QString &path, const LinkageInputOptions &options, quint32 &countyPersons,
                Served &served)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return false;
    QDataStream in(&file);
    quint32 magic = 0;
    qint64 records = 0;
    quint64 seed = 0;
    quint64 count = 0;
    in >> magic >> records >> seed >> countyPersons >> count;
    if (in.status() != QDataStream::Ok || magic != kCacheMagic || records != options.records
        || seed != options.seed)
        return false;
    served.persons.resize(std::size_t(count));
    served.truePerson.resize(std::size_t(count));
    for (std::size_t i = 0; i < count && in.status() == QDataStream::Ok; ++i) {
        StoredPerson &p = served.persons[i];
        quint64 nhs = 0;
        in >> p.feed >> p.externalId >> p.fields.givenName >> p.fields.familyName
            >> p.fields.birthDate >> p.fields.sex >> p.fields.postcode >> p.fields.uprn
            >> p.fields.address >> nhs >> served.truePerson[i];
        p.nhsNumber = nhs;
    }
    quint32 feeds = 0;
    in >> feeds;
    for (quint32 f = 0; f < feeds && in.status() == QDataStream::Ok; ++f) {
        FeedRecordCount feed;
        qint64 feedRecords = 0;
        in >> feed.feed >> feedRecords;
        feed.records = qsizetype(feedRecords);
        served.perFeed.push_back(feed);
    }
    return in.status() == QDataStream::Ok;
}

} // namespace

Result<LinkageInput> makeLinkageInput(const LinkageInputOptions &options)
{
    auto reference = feedsim::ReferenceData::load(options.dataDir);
    BV_TRY(reference);
    const auto shared
        = std::make_shared<const feedsim::ReferenceData>(std::move(reference).value());
    auto feedsFile = feeds::loadFeedsFile(options.feedsFile);
    BV_TRY(feedsFile);
    std::vector<feeds::FeedConfig> feeds = feedsFile->feeds;
    for (feeds::FeedConfig &feed : feeds)
        feed.pageSize = kPageSize;

    LinkageInput input;
    Served served;
    auto persons = quint32(
        std::min<double>(kMaxPersons, std::ceil(double(options.records) / kRecordsPerPerson) + 16));
    const bool cached
        = !options.cacheFile.isEmpty() && loadServed(options.cacheFile, options, persons, served);
    input.fromCache = cached;
    for (int attempt = 0; !cached; ++attempt) {
        auto made = serve(shared, persons, options.seed, feeds);
        BV_TRY(made);
        served = std::move(made).value();
        input.countySeconds += served.countySeconds;
        input.feedSeconds += served.feedSeconds;
        const auto have = qsizetype(served.persons.size());
        if (have >= options.records || persons == kMaxPersons || attempt + 1 == kCountyTries)
            break;
        persons = quint32(std::min<double>(
            kMaxPersons,
            std::ceil(double(persons) * double(options.records) / double(have) * 1.01)));
    }
    if (!cached && !options.cacheFile.isEmpty())
        BV_TRY(saveServed(options.cacheFile, options, persons, served));
    input.countyPersons = persons;
    input.recordsRead = qsizetype(served.persons.size());

    // Which records to keep: all, or a seeded random choice of the wanted number, in the
    // feeds' order.
    std::vector<std::size_t> kept(served.persons.size());
    for (std::size_t i = 0; i < kept.size(); ++i)
        kept[i] = i;
    if (qsizetype(kept.size()) > options.records) {
        std::mt19937_64 random(options.seed ^ 0x6c696e6bULL);
        std::shuffle(kept.begin(), kept.end(), random);
        kept.resize(std::size_t(options.records));
        std::sort(kept.begin(), kept.end());
    }

    QElapsedTimer timer;
    timer.start();
    auto nicknames = linkage::NicknameTable::loadShipped();
    BV_TRY(nicknames);
    const linkage::RecordPreparer preparer(nicknames.value());
    input.records.resize(kept.size());
    input.truePerson.resize(kept.size());
    {
        const std::size_t threads = std::max(1U, std::thread::hardware_concurrency());
        std::vector<std::jthread> workers;
        for (std::size_t t = 0; t < threads; ++t) {
            workers.emplace_back([&, t] {
                for (std::size_t i = kept.size() * t / threads; i < kept.size() * (t + 1) / threads;
                     ++i) {
                    const StoredPerson &person = served.persons[kept[i]];
                    linkage::LinkRecord &record = input.records[i];
                    record.id = person.feed + QLatin1Char('/') + person.externalId;
                    record.nhsNumber = person.nhsNumber;
                    record.fields = preparer.prepare(person.fields);
                    input.truePerson[i] = served.truePerson[kept[i]];
                }
            });
        }
    }
    input.prepareSeconds = double(timer.nsecsElapsed()) / 1e9;

    for (const FeedRecordCount &feed : served.perFeed)
        input.perFeed.push_back({feed.feed, 0});
    std::vector<bool> seen(persons, false);
    for (const std::size_t i : kept) {
        for (FeedRecordCount &feed : input.perFeed)
            feed.records += feed.feed == served.persons[i].feed ? 1 : 0;
        if (!seen[served.truePerson[i]]) {
            seen[served.truePerson[i]] = true;
            ++input.personsSeen;
        }
    }
    return input;
}

} // namespace bv::bench

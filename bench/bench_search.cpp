// SPDX-License-Identifier: GPL-3.0-or-later
// bench_search: person search over a store of 1,000,000 linked persons (made once, then
// reused), timed the way a user meets it: complete results (names, ages, agencies, flags) for
// the queries people type. Baseline in the same run: the same name queries answered by
// scanning source_person with LIKE, as a store without the FTS4 index would have to.
//
//   bench_search [--persons N] [--store PATH] [--queries Q] [--seed S]
#include "access/session.h"
#include "benchoutput.h"
#include "common/clock.h"
#include "feeds/nhsnumber.h"
#include "feeds/personname.h"
#include "search/personsearch.h"
#include "search/personsearchindex.h"
#include "store/crypto.h"
#include "store/database.h"
#include "store/statement.h"
#include "store/storefiles.h"
#include "store/transaction.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QTextStream>

#include <algorithm>
#include <random>
#include <vector>

using namespace bv;
using bench::complain;
using bench::count;
using bench::fixed;
using bench::say;

namespace {

constexpr int kExitFailure = 1;
constexpr char kPassphrase[] = "bench_search passphrase";
const QDate kToday(2026, 11, 25);

struct Options
{
    int persons = 1000000;
    QString store;
    int queries = 2000;
    quint64 seed = 1;
};

// A name list with weights, drawn from by cumulative weight.
struct WeightedNames
{
    QStringList names;
    std::vector<double> cumulative;

    QString draw(std::mt19937_64 &random) const
    {
        std::uniform_real_distribution<double> pick(0.0, cumulative.back());
        const auto at = std::upper_bound(cumulative.begin(), cumulative.end(), pick(random));
        return names.at(std::min<qsizetype>(at - cumulative.begin(), names.size() - 1));
    }
};

Result<WeightedNames> readNames(const QString &path, int nameColumn, int weightColumn)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text))
        return makeError(ErrorCode::Io, QStringLiteral("Cannot read %1.").arg(path));
    QTextStream in(&file);
    in.readLine();
    WeightedNames names;
    double total = 0.0;
    while (!in.atEnd()) {
        // name,...,"5,390": the weight may hold a thousands separator inside quotes.
        const QString line = in.readLine();
        QStringList cells;
        QString cell;
        bool quoted = false;
        for (const QChar c : line) {
            if (c == QLatin1Char('"'))
                quoted = !quoted;
            else if (c == QLatin1Char(',') && !quoted) {
                cells << cell;
                cell.clear();
            } else
                cell += c;
        }
        cells << cell;
        if (cells.size() <= std::max(nameColumn, weightColumn))
            continue;
        const double weight = QString(cells.at(weightColumn)).remove(QLatin1Char(',')).toDouble();
        const QString name = cells.at(nameColumn).trimmed();
        if (name.isEmpty() || !(weight > 0))
            continue;
        names.names << name.left(1).toUpper() + name.mid(1).toLower();
        total += weight;
        names.cumulative.push_back(total);
    }
    if (names.names.isEmpty())
        return makeError(ErrorCode::Failure, QStringLiteral("No names in %1.").arg(path));
    return names;
}

Result<QStringList> readPostcodes(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text))
        return makeError(ErrorCode::Io, QStringLiteral("Cannot read %1.").arg(path));
    QTextStream in(&file);
    in.readLine();
    QStringList postcodes;
    while (!in.atEnd())
        postcodes << in.readLine().section(QLatin1Char(','), 0, 0);
    return postcodes;
}

// One generated person: what a query is made from.
struct Person
{
    QString given;
    QString family;
    QDate birth;
    QString nhs;
    QString postcode;
};

struct County
{
    std::vector<Person> persons;
};

Result<County> makeCounty(const Options &options)
{
    const QString data = QStringLiteral(BROADVIEW_SHARED_DATA_DIR);
    auto boys
        = readNames(data + QStringLiteral("/names/ons_babynames_boys_ew_1996_2018.csv"), 1, 2);
    BV_TRY(boys);
    auto girls
        = readNames(data + QStringLiteral("/names/ons_babynames_girls_ew_1996_2018.csv"), 1, 2);
    BV_TRY(girls);
    auto surnames = readNames(data + QStringLiteral("/names/surnames_uk_freq.csv"), 0, 1);
    BV_TRY(surnames);
    auto postcodes
        = readPostcodes(data + QStringLiteral("/postcodes/norfolk_postcodes_codepoint.csv"));
    BV_TRY(postcodes);
    std::mt19937_64 random(options.seed);
    std::uniform_int_distribution<qint64> day(QDate(1925, 1, 1).toJulianDay(),
                                              QDate(2024, 12, 31).toJulianDay());
    std::uniform_int_distribution<qsizetype> postcode(0, postcodes->size() - 1);
    County county;
    county.persons.reserve(std::size_t(options.persons));
    for (int i = 0; i < options.persons; ++i) {
        Person p;
        p.given = (i % 2 == 0 ? boys.value() : girls.value()).draw(random);
        p.family = surnames->draw(random);
        p.birth = QDate::fromJulianDay(day(random));
        if (quint64(i) < feeds::NhsNumber::kTestNumberCount)
            p.nhs = feeds::NhsNumber::testNumber(quint64(i)).digits();
        p.postcode = postcodes->at(postcode(random));
        county.persons.push_back(std::move(p));
    }
    return county;
}

// Every person as a health record, a third also known to another agency; one in twenty with
// an active flag. Then the search index, as a store made before it would be given it.
Result<void> fillStore(store::Database &db, const County &county, const Options &options)
{
    const QStringList agencies{QStringLiteral("health"),
                               QStringLiteral("police"),
                               QStringLiteral("fire"),
                               QStringLiteral("childrens_social_care"),
                               QStringLiteral("adult_social_care"),
                               QStringLiteral("education"),
                               QStringLiteral("housing")};
    auto tx = store::Transaction::begin(db);
    BV_TRY(tx);
    auto source = db.prepare("INSERT INTO source(id, code, agency, format, endpoint) "
                             "VALUES (?1, ?2, ?2, 'json', 'https://127.0.0.1/')");
    BV_TRY(source);
    for (int i = 0; i < agencies.size(); ++i)
        BV_TRY(source->bind(1, i + 1).bind(2, agencies.at(i)).run());
    auto record = db.prepare(
        "INSERT INTO source_person(id, source_id, external_id, given_name, family_name, "
        "given_norm, family_norm, birth_date, nhs_number, nhs_number_valid, postcode, "
        "received_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, '2026-11-25')");
    BV_TRY(record);
    auto person = db.prepare("INSERT INTO person(id, created_at, updated_at) "
                             "VALUES (?1, '2026-11-25', '2026-11-25')");
    BV_TRY(person);
    auto link = db.prepare("INSERT INTO person_link(source_person_id, person_id, decided_by, "
                           "decided_at) VALUES (?1, ?2, 'auto', '2026-11-25')");
    BV_TRY(link);
    auto flag = db.prepare("INSERT INTO flag(source_id, source_person_id, kind, received_at) "
                           "VALUES (?1, ?2, 'vulnerable_adult', '2026-11-25')");
    BV_TRY(flag);
    std::mt19937_64 random(options.seed + 1);
    std::uniform_int_distribution<int> other(2, int(agencies.size()));
    qint64 recordId = 0;
    for (std::size_t i = 0; i < county.persons.size(); ++i) {
        const Person &p = county.persons[i];
        const qint64 personId = qint64(i) + 1;
        BV_TRY(person->bind(1, personId).run());
        const auto addRecord = [&](int sourceId, bool withNhs) -> Result<void> {
            ++recordId;
            record->bind(1, recordId)
                .bind(2, sourceId)
                .bind(3, QString::number(recordId))
                .bind(4, p.given)
                .bind(5, p.family)
                .bind(6, feeds::normaliseName(p.given))
                .bind(7, feeds::normaliseName(p.family))
                .bind(8, p.birth.toString(Qt::ISODate))
                .bind(9, withNhs && !p.nhs.isEmpty() ? p.nhs : QString())
                .bind(10, withNhs && !p.nhs.isEmpty() ? 1 : 0)
                .bind(11, p.postcode);
            BV_TRY(record->run());
            BV_TRY(link->bind(1, recordId).bind(2, personId).run());
            if (random() % 20 == 0)
                BV_TRY(flag->bind(1, sourceId).bind(2, recordId).run());
            return {};
        };
        BV_TRY(addRecord(1, true));
        if (random() % 3 == 0)
            BV_TRY(addRecord(other(random), false));
    }
    BV_TRY(db.exec("INSERT OR REPLACE INTO store_meta(key, value) VALUES ('bench_search_persons', '"
                   + std::to_string(options.persons) + "')"));
    BV_TRY(tx->commit());
    auto indexed = search::PersonSearchIndex::rebuild(db);
    BV_TRY(indexed);
    return {};
}

// The queries people type, drawn from the persons: a whole name, a family name, the first
// letters of one, a name with a date of birth, an NHS number, a postcode with a name.
QStringList makeQueries(const County &county, int queries, quint64 seed)
{
    std::mt19937_64 random(seed + 2);
    std::uniform_int_distribution<std::size_t> pick(0, county.persons.size() - 1);
    QStringList list;
    for (int i = 0; i < queries; ++i) {
        const Person &p = county.persons[pick(random)];
        switch (i % 6) {
        case 0:
            list << p.given + QLatin1Char(' ') + p.family;
            break;
        case 1:
            list << p.family;
            break;
        case 2:
            list << p.family.left(3);
            break;
        case 3:
            list << p.family + QLatin1Char(' ') + p.birth.toString(QStringLiteral("dd/MM/yyyy"));
            break;
        case 4:
            list << (p.nhs.isEmpty() ? p.family : p.nhs);
            break;
        default:
            list << p.postcode + QLatin1Char(' ') + p.family;
            break;
        }
    }
    return list;
}

double percentile(std::vector<double> values, double fraction)
{
    if (values.empty())
        return 0.0;
    std::sort(values.begin(), values.end());
    const auto at = std::size_t(fraction * double(values.size() - 1) + 0.5);
    return values[std::min(at, values.size() - 1)];
}

int run(const Options &options)
{
    const SystemClock clock;
    const access::AccessContext context = access::AccessContext::administrator(
        QStringLiteral("bench"), QStringLiteral("benchmark"));
    const store::StorePaths paths = store::StorePaths::forStore(options.store);
    say(QStringLiteral("bench_search: %1 persons, seed %2, store %3")
            .arg(count(options.persons))
            .arg(options.seed)
            .arg(options.store));
    QElapsedTimer timer;
    timer.start();
    auto county = makeCounty(options);
    if (!county.ok()) {
        complain(county.error().message);
        return kExitFailure;
    }
    say(QStringLiteral("county made in %1 s").arg(fixed(double(timer.elapsed()) / 1000.0, 1)));

    std::unique_ptr<access::Session> session;
    if (QFile::exists(options.store)) {
        auto opened
            = access::Session::unlock(paths, SecretBytes::fromView(kPassphrase), context, clock);
        if (opened.ok()) {
            auto persons = opened.value()->database().queryText(
                "SELECT value FROM store_meta WHERE key = 'bench_search_persons'");
            if (persons.ok() && persons.value() == QString::number(options.persons))
                session = std::move(opened.value());
        }
        if (!session)
            say(QStringLiteral("the store there is not this benchmark's; making it again"));
    }
    if (!session) {
        for (const char *suffix : {"", "-wal", "-shm", ".key", ".audit-head"})
            QFile::remove(options.store + QLatin1String(suffix));
        auto created = access::Session::create(paths, SecretBytes::fromView(kPassphrase),
                                               store::KdfParams::minimum(), context, clock);
        if (!created.ok()) {
            complain(created.error().message);
            return kExitFailure;
        }
        session = std::move(created->session);
        timer.restart();
        if (auto filled = fillStore(session->database(), county.value(), options); !filled.ok()) {
            complain(filled.error().message);
            return kExitFailure;
        }
        say(QStringLiteral("store filled and indexed in %1 s")
                .arg(fixed(double(timer.elapsed()) / 1000.0, 1)));
    } else {
        say(QStringLiteral("reusing the store"));
    }
    store::Database &db = session->database();
    auto records = db.queryInt("SELECT count(*) FROM source_person");
    if (records.ok())
        say(QStringLiteral("source records %1").arg(count(records.value())));

    const QStringList queries = makeQueries(county.value(), options.queries, options.seed);
    const search::PersonSearch search(db);
    // One pass to warm the page cache, as a user's first few searches do.
    for (int i = 0; i < std::min<int>(200, int(queries.size())); ++i)
        (void)search.search(context, search::SearchQuery::parse(queries.at(i)), kToday);
    std::vector<double> millis;
    std::vector<double> byKind[6];
    qint64 found = 0;
    int truncated = 0;
    for (int i = 0; i < queries.size(); ++i) {
        const search::SearchQuery query = search::SearchQuery::parse(queries.at(i));
        QElapsedTimer one;
        one.start();
        auto result = search.search(context, query, kToday);
        const double ms = double(one.nsecsElapsed()) / 1e6;
        if (!result.ok()) {
            complain(result.error().message);
            return kExitFailure;
        }
        found += qint64(result->persons.size());
        truncated += result->truncated ? 1 : 0;
        millis.push_back(ms);
        byKind[i % 6].push_back(ms);
    }
    const char *kinds[] = {"given and family name",  "family name", "first three letters",
                           "name and date of birth", "NHS number",  "postcode and name"};
    for (int k = 0; k < 6; ++k)
        say(QStringLiteral("  %1: median %2 ms, p95 %3 ms")
                .arg(QLatin1String(kinds[k]), -24)
                .arg(fixed(percentile(byKind[k], 0.5), 2), fixed(percentile(byKind[k], 0.95), 2)));
    const double median = percentile(millis, 0.5);
    const double p95 = percentile(millis, 0.95);
    say(QStringLiteral("search (%1 queries, complete results, at most 50 persons): median %2 ms, "
                       "p95 %3 ms, max %4 ms; %5 persons found, %6 queries with more")
            .arg(count(queries.size()))
            .arg(fixed(median, 2), fixed(p95, 2), fixed(percentile(millis, 1.0), 2))
            .arg(count(found))
            .arg(truncated));

    // Baseline: the name part of some queries by LIKE over every record, as without the index.
    auto like = db.prepare("SELECT DISTINCT pl.person_id FROM source_person sp "
                           "JOIN person_link pl ON pl.source_person_id = sp.id "
                           "WHERE sp.family_norm LIKE ?1 LIMIT 50");
    if (!like.ok()) {
        complain(like.error().message);
        return kExitFailure;
    }
    std::vector<double> baseline;
    for (int i = 1; i < std::min<int>(121, int(queries.size())); i += 6) {
        const QString family = feeds::normaliseName(queries.at(i));
        QElapsedTimer one;
        one.start();
        like->bind(1, QString(family + QLatin1Char('%')));
        for (;;) {
            auto row = like->step();
            if (!row.ok() || !row.value())
                break;
        }
        like->reset();
        baseline.push_back(double(one.nsecsElapsed()) / 1e6);
    }
    const double baselineMedian = percentile(baseline, 0.5);
    say(QStringLiteral("baseline, family name by LIKE over source_person (%1 queries, person ids "
                       "only): median %2 ms, p95 %3 ms; ours is %4x faster at the median")
            .arg(baseline.size())
            .arg(fixed(baselineMedian, 2), fixed(percentile(baseline, 0.95), 2),
                 fixed(baselineMedian / std::max(median, 1e-6), 0)));
    say(QStringLiteral("figure search_persons %1 persons").arg(options.persons));
    say(QStringLiteral("figure search_median_ms %1 ms").arg(fixed(median, 3)));
    say(QStringLiteral("figure search_baseline_median_ms %1 ms").arg(fixed(baselineMedian, 3)));
    say(QStringLiteral("figure search_p95_ms %1 ms").arg(fixed(p95, 3)));
    return 0;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    if (auto crypto = store::initialiseCrypto(); !crypto.ok()) {
        complain(crypto.error().message);
        return kExitFailure;
    }
    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addOption({QStringLiteral("persons"), QStringLiteral("Persons in the store."),
                      QStringLiteral("N"), QStringLiteral("1000000")});
    parser.addOption({QStringLiteral("store"), QStringLiteral("Where the store is kept."),
                      QStringLiteral("PATH")});
    parser.addOption({QStringLiteral("queries"), QStringLiteral("Queries to time."),
                      QStringLiteral("Q"), QStringLiteral("2000")});
    parser.addOption({QStringLiteral("seed"), QStringLiteral("Random seed."), QStringLiteral("S"),
                      QStringLiteral("1")});
    parser.process(app);
    Options options;
    options.persons = parser.value(QStringLiteral("persons")).toInt();
    options.queries = parser.value(QStringLiteral("queries")).toInt();
    options.seed = parser.value(QStringLiteral("seed")).toULongLong();
    options.store = parser.isSet(QStringLiteral("store"))
                        ? parser.value(QStringLiteral("store"))
                        : QStringLiteral("/tmp/bench_search-%1.bvstore").arg(options.persons);
    if (options.persons < 1 || options.queries < 1) {
        complain(QStringLiteral("--persons and --queries must be at least 1."));
        return kExitFailure;
    }
    return run(options);
}

// SPDX-License-Identifier: GPL-3.0-or-later
// The simulated county's hard cases through the real path (feeds, sync, store, link): twins,
// two people of one name and date of birth, a father and son of one name at one address. The
// linker must keep each pair two people. A record that cannot tell them apart (no date of
// birth; for namesakes, no address either) is not held against it: nothing in it could.
#include "access/session.h"
#include "cli/demofeeds.h"
#include "common/testsupport.h"
#include "countymodel.h"
#include "feeds/syncengine.h"
#include "feedservice.h"
#include "linkage/storelinker.h"
#include "referencedata.h"
#include "store/database.h"
#include "store/statement.h"

#include <QBuffer>
#include <QHash>
#include <QTemporaryDir>
#include <QtTest>

#include <map>
#include <set>

using namespace bv;
using feedsim::CountyModel;
using feedsim::kNone;
using feedsim::Person;

namespace {

constexpr quint32 kPersons = 2000;
constexpr quint64 kSeed = 3;

// One linked source record: whose it truly is, which person the linker put it in, and
// whether it carries what tells people apart.
struct LinkedRecord
{
    quint32 truePerson = kNone;
    qint64 linkedPerson = 0;
    bool hasBirthDate = false;
    bool hasAddress = false;
};

} // namespace

class TestLinkHardCases : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void hardCasesAreNotMerged_data();
    void hardCasesAreNotMerged();

private:
    // The pairs of county persons of one hard case, each pair once.
    std::vector<std::pair<quint32, quint32>> pairsOf(feedsim::HardCase hardCase) const;

    QTemporaryDir m_work;
    std::shared_ptr<const CountyModel> m_county;
    std::vector<LinkedRecord> m_records;
};

void TestLinkHardCases::initTestCase()
{
    QVERIFY(m_work.isValid());
    const QString dataDir = QStringLiteral(BROADVIEW_SHARED_DATA_DIR);

    // The county the demo feeds serve (the same data, size and seed give the same county),
    // and which source record is whose.
    auto reference = feedsim::ReferenceData::load(dataDir);
    QVERIFY_RESULT(reference);
    auto shared = std::make_shared<const feedsim::ReferenceData>(std::move(reference.value()));
    auto county = CountyModel::generate(*shared, kPersons, kSeed);
    QVERIFY_RESULT(county);
    m_county = std::make_shared<const CountyModel>(std::move(county.value()));
    auto service = feedsim::createCountyFeedService(m_county, shared, kSeed);
    QVERIFY_RESULT(service);
    QBuffer truth;
    QVERIFY(truth.open(QIODevice::ReadWrite));
    QVERIFY_RESULT(service.value()->writeSourceTruth(truth));
    QHash<QString, quint32> personOf; // "feed/external_id" -> county index
    const QList<QByteArray> lines = truth.data().split('\n');
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QList<QByteArray> fields = lines[i].split(',');
        if (fields.size() < 4)
            continue;
        // "P000123" is index 122.
        personOf.insert(QString::fromLatin1(fields[0] + '/' + fields[2]),
                        quint32(fields[3].mid(1).toUInt() - 1));
    }

    cli::DemoFeedOptions options;
    options.persons = kPersons;
    options.seed = kSeed;
    options.dataDir = dataDir;
    options.workDir = m_work.filePath(QStringLiteral("feeds"));
    auto feeds = cli::DemoFeeds::start(options);
    QVERIFY_RESULT(feeds);
    test::StoreFixture fixture;
    auto session = fixture.create();
    QVERIFY_RESULT(session);
    store::Database &db = session.value()->database();
    QVERIFY_RESULT(feeds.value()->storeSecrets(db, QStringLiteral("2026-01-01")));
    feeds::SyncEngine engine(db, feeds::storeSecretLookup(db), fixture.clock());
    for (const auto &summary : engine.syncAll(feeds.value()->feedsFile().feeds))
        QVERIFY2(summary.ok(), qPrintable(summary.feedId));
    auto linked = linkage::StoreLinker::link(db, fixture.clock(), linkage::StoreLinkRequest{});
    QVERIFY_RESULT(linked);

    auto select = db.prepare(
        "SELECT s.code, sp.external_id, l.person_id, sp.birth_date, sp.postcode, sp.address "
        "FROM person_link l JOIN source_person sp ON sp.id = l.source_person_id "
        "JOIN source s ON s.id = sp.source_id ORDER BY sp.id");
    QVERIFY_RESULT(select);
    for (;;) {
        auto row = select->step();
        QVERIFY_RESULT(row);
        if (!row.value())
            break;
        const QString id = select->text(0) + QLatin1Char('/') + select->text(1);
        QVERIFY2(personOf.contains(id), "a linked record the simulator did not make");
        LinkedRecord record;
        record.truePerson = personOf.value(id);
        record.linkedPerson = select->int64(2);
        record.hasBirthDate = !select->text(3).isEmpty();
        record.hasAddress = !select->text(4).isEmpty() || !select->text(5).isEmpty();
        m_records.push_back(record);
    }
    QVERIFY(m_records.size() > kPersons);
}

void TestLinkHardCases::cleanupTestCase()
{
    m_records.clear();
    m_county.reset();
}

std::vector<std::pair<quint32, quint32>>
TestLinkHardCases::pairsOf(feedsim::HardCase hardCase) const
{
    const std::vector<Person> &persons = m_county->persons();
    std::vector<std::pair<quint32, quint32>> pairs;
    for (quint32 i = 0; i < persons.size(); ++i) {
        const Person &p = persons[i];
        if (!(p.hardCases & hardCase))
            continue;
        if (hardCase == feedsim::SameNameAsFather) {
            if (p.father != kNone && persons[p.father].givenName == p.givenName)
                pairs.emplace_back(p.father, i);
            continue;
        }
        for (quint32 j = i + 1; j < persons.size(); ++j) {
            const Person &q = persons[j];
            if (!(q.hardCases & hardCase) || q.birthDay != p.birthDay)
                continue;
            const bool twins = hardCase == feedsim::Twin && q.mother == p.mother;
            const bool namesakes = hardCase == feedsim::Namesake && q.givenName == p.givenName
                                   && q.familyName == p.familyName;
            if (twins || namesakes)
                pairs.emplace_back(i, j);
        }
    }
    return pairs;
}

void TestLinkHardCases::hardCasesAreNotMerged_data()
{
    QTest::addColumn<int>("hardCase");
    // Namesakes share name and date of birth: only an address can tell their records apart.
    QTest::addColumn<bool>("needsAddress");
    QTest::newRow("twins") << int(feedsim::Twin) << false;
    QTest::newRow("same name and date of birth") << int(feedsim::Namesake) << true;
    QTest::newRow("father and son of one name at one address")
        << int(feedsim::SameNameAsFather) << false;
}

void TestLinkHardCases::hardCasesAreNotMerged()
{
    QFETCH(int, hardCase);
    QFETCH(bool, needsAddress);
    const auto pairs = pairsOf(feedsim::HardCase(hardCase));
    QVERIFY2(!pairs.empty(), "the county has none of this hard case");

    // Per county person, the linked persons of its records that could tell it apart.
    std::map<quint32, std::set<qint64>> linkedPersonsOf;
    for (const LinkedRecord &record : m_records) {
        if (record.hasBirthDate && (record.hasAddress || !needsAddress))
            linkedPersonsOf[record.truePerson].insert(record.linkedPerson);
    }
    int checked = 0;
    for (const auto &[a, b] : pairs) {
        const auto ofA = linkedPersonsOf.find(a);
        const auto ofB = linkedPersonsOf.find(b);
        if (ofA == linkedPersonsOf.end() || ofB == linkedPersonsOf.end())
            continue;
        ++checked;
        for (const qint64 person : ofA->second)
            QVERIFY2(!ofB->second.count(person),
                     qPrintable(QStringLiteral("county persons %1 and %2 were merged into one")
                                    .arg(CountyModel::personId(a), CountyModel::personId(b))));
    }
    QVERIFY2(checked > 0, "no pair of this hard case has records that tell them apart");
}

BV_TEST_MAIN(TestLinkHardCases)
#include "tst_linkhardcases.moc"

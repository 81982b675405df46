// SPDX-License-Identifier: GPL-3.0-or-later
#include "access/session.h"
#include "common/agencies.h"
#include "common/syncedcounty.h"
#include "geo/area.h"
#include "geo/personlocations.h"
#include "geo/postcodeplacement.h"
#include "linkage/storelinker.h"
#include "store/database.h"
#include "store/statement.h"

#include <QHash>
#include <QTemporaryDir>
#include <QTest>

using namespace bv;

// Everyone's locations for the map's markers, on a synced county: the flag and agency each
// marker is filtered by are the store's, and a protected person's household is left off the map
// with them, wherever it would give their address away.
class tst_PersonLocations : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void masksAreTheStores();
    void householdOfProtectedPersonLeftOut();

private:
    QTemporaryDir m_work;
    std::unique_ptr<test::SyncedCounty> m_county;
    const QDate m_asOf{2026, 1, 1};
};

void tst_PersonLocations::initTestCase()
{
    QVERIFY(m_work.isValid());
    auto county = test::SyncedCounty::start(400, 33, m_work.filePath(QStringLiteral("feeds")));
    QVERIFY_RESULT(county);
    m_county = std::move(county.value());
    QVERIFY_RESULT(
        linkage::StoreLinker::link(m_county->db(), m_county->clock(), linkage::StoreLinkRequest{}));
    QVERIFY_RESULT(geo::placeAddressesByPostcode(m_county->db()));
}

void tst_PersonLocations::masksAreTheStores()
{
    store::Database &db = m_county->db();
    auto locations = geo::PersonLocations::load(db, m_county->session().context(), m_asOf);
    QVERIFY_RESULT(locations);
    QVERIFY(locations->personIds.size() > 100);
    QCOMPARE(locations->flags.size(), locations->personIds.size());
    QCOMPARE(locations->agencies.size(), locations->personIds.size());
    // The same read again, written out plainly (the admin sees every record).
    QHash<qint64, quint32> agencies;
    auto records = db.prepare("SELECT pl.person_id, s.agency FROM person_link pl JOIN "
                              "source_person sp ON sp.id = pl.source_person_id JOIN source s ON "
                              "s.id = sp.source_id WHERE sp.withdrawn = 0");
    QVERIFY_RESULT(records);
    while (records->step().value())
        agencies[records->int64(0)] |= quint32(1) << agencyOrder().indexOf(records->text(1));
    QHash<qint64, quint32> flags;
    auto flagged = db.prepare(
        "SELECT pl.person_id, f.kind FROM flag f JOIN person_link pl ON pl.source_person_id = "
        "f.source_person_id JOIN source_person sp ON sp.id = f.source_person_id WHERE f.active = 1 "
        "AND sp.withdrawn = 0 AND coalesce(f.from_date, '') <= ?1 AND (f.to_date IS NULL OR "
        "f.to_date = '' OR f.to_date >= ?1)");
    QVERIFY_RESULT(flagged);
    flagged->bind(1, m_asOf.toString(Qt::ISODate));
    while (flagged->step().value()) {
        const qsizetype bit = geo::PersonLocations::flagKinds().indexOf(flagged->text(1));
        if (bit >= 0)
            flags[flagged->int64(0)] |= quint32(1) << bit;
    }
    int flaggedShown = 0;
    for (std::size_t i = 0; i < locations->personIds.size(); ++i) {
        const qint64 person = locations->personIds[i];
        QCOMPARE(locations->agencies[i], agencies.value(person));
        QCOMPARE(locations->flags[i], flags.value(person));
        flaggedShown += locations->flags[i] != 0;
        QCOMPARE(locations->positionOf(person)->lat, locations->positions[i].lat);
    }
    QVERIFY(flaggedShown > 0);
    QVERIFY(!locations->positionOf(-1));
}

void tst_PersonLocations::householdOfProtectedPersonLeftOut()
{
    store::Database &db = m_county->db();
    const access::AccessContext context = m_county->session().context();
    auto before = geo::PersonLocations::load(db, context, m_asOf);
    QVERIFY_RESULT(before);
    // A person on the map with family on the map who live with them (within 50 m).
    auto pairs = db.prepare("SELECT DISTINCT pa.person_id, pb.person_id FROM relationship r "
                            "JOIN person_link pa ON pa.source_person_id = r.source_person_id "
                            "JOIN person_link pb ON pb.source_person_id = "
                            "r.related_source_person_id WHERE pa.person_id <> pb.person_id");
    QVERIFY_RESULT(pairs);
    qint64 subject = 0;
    qint64 relative = 0;
    while (pairs->step().value()) {
        const auto a = before->positionOf(pairs->int64(0));
        const auto b = before->positionOf(pairs->int64(1));
        if (a && b && geo::metresBetween(*a, *b) < 50) {
            subject = pairs->int64(0);
            relative = pairs->int64(1);
            break;
        }
    }
    QVERIFY2(subject != 0, "the county should have a household on the map");
    const geo::LonLat home = *before->positionOf(subject);

    // The subject's address becomes protected (one agency's copy of it, as a refuge would be).
    auto mark = db.prepare("UPDATE address_period SET protected = 1 WHERE source_person_id IN "
                           "(SELECT source_person_id FROM person_link WHERE person_id = ?1)");
    QVERIFY_RESULT(mark);
    QVERIFY_RESULT(mark->bind(1, subject).run());
    auto after = geo::PersonLocations::load(db, context, m_asOf);
    QVERIFY_RESULT(after);
    QVERIFY(!after->positionOf(subject));
    QVERIFY2(!after->positionOf(relative), "who lives with them would show where");
    // Nobody at all is drawn within 50 m of it, family or not; people further off still are.
    int stillShown = 0;
    for (const geo::LonLat &position : after->positions) {
        QVERIFY(geo::metresBetween(position, home) >= 50);
        stillShown += geo::metresBetween(position, home) < 2000;
    }
    QVERIFY(stillShown > 0);
    QVERIFY(after->leftOutProtected >= before->leftOutProtected + 2);

    auto unmark = db.prepare("UPDATE address_period SET protected = 0 WHERE source_person_id IN "
                             "(SELECT source_person_id FROM person_link WHERE person_id = ?1)");
    QVERIFY_RESULT(unmark);
    QVERIFY_RESULT(unmark->bind(1, subject).run());
}

BV_TEST_MAIN(tst_PersonLocations)
#include "tst_personlocations.moc"

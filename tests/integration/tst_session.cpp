// SPDX-License-Identifier: GPL-3.0-or-later
// The session: creating, unlocking, passphrase changes and recovery are audited and keep the
// data; person reads go through an AccessContext and leave exactly one audit entry.
#include "access/session.h"
#include "common/testsupport.h"
#include "store/database.h"
#include "store/personrepository.h"
#include "store/recoverykey.h"
#include "store/statement.h"

#include <QFile>
#include <QTest>

using namespace bv;
using namespace bv::access;

namespace {

const qsizetype kPageSize = bv::store::StorePragmas{}.cipherPageSize;
constexpr qsizetype kSaltBytes = 16;
const QByteArray kNewPassphrase = QByteArrayLiteral("battery staple");
const QString kMarker = QStringLiteral("Quennevillard");

struct Entry
{
    qint64 seq = 0;
    QString user;
    QString action;
    QString purpose;
    QString subject;
    QString detail;
};

Result<Entry> lastEntry(store::Database &db)
{
    auto stmt = db.prepare(
        "SELECT seq, user, action, purpose, subject, detail FROM audit ORDER BY seq DESC LIMIT 1");
    BV_TRY(stmt);
    auto row = stmt->step();
    BV_TRY(row);
    if (!row.value())
        return makeError(ErrorCode::NotFound, QStringLiteral("the audit is empty"));
    return Entry{stmt->int64(0), stmt->text(1), stmt->text(2),
                 stmt->text(3),  stmt->text(4), stmt->text(5)};
}

qint64 auditCount(store::Database &db)
{
    return db.queryInt("SELECT count(*) FROM audit").value();
}

QByteArray page(const QByteArray &file, qint64 pageNumber)
{
    return file.mid((pageNumber - 1) * kPageSize, kPageSize);
}

} // namespace

class tst_Session : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void createAuditsStoreCreate();
    void unlockAuditsStoreUnlock();
    void changePassphraseRewrapsOnly();
    void recoverSetsNewPassphrase_data();
    void recoverSetsNewPassphrase();
    void wrongRecoveryKeyChangesNothing_data();
    void wrongRecoveryKeyChangesNothing();
    void personReadIsAuditedOnce();
    void missingPersonIsNotFound();
    void recordsOutsideTheContextAreWithheld_data();
    void recordsOutsideTheContextAreWithheld();

private:
    // Creates the store with three persons, the first named kMarker, and closes it.
    void createWithPersons();
    QByteArray storeBytes() const { return test::readFile(m_fixture->paths().store); }

    std::unique_ptr<test::StoreFixture> m_fixture;
    QList<qint64> m_personIds;
};

void tst_Session::init()
{
    m_fixture = std::make_unique<test::StoreFixture>();
    QVERIFY(m_fixture->isValid());
    m_personIds.clear();
}

void tst_Session::cleanup()
{
    m_fixture.reset();
}

void tst_Session::createWithPersons()
{
    auto session = m_fixture->create();
    QVERIFY_RESULT(session);
    const QStringList names{kMarker, QStringLiteral("Okafor"), QStringLiteral("Nowak")};
    for (int i = 0; i < names.size(); ++i) {
        auto id = test::insertPerson(session.value()->database(), QStringLiteral("gp"),
                                     QStringLiteral("gp-%1").arg(i), names.at(i));
        QVERIFY_RESULT(id);
        m_personIds.append(id.value());
    }
}

void tst_Session::createAuditsStoreCreate()
{
    auto session = m_fixture->create();
    QVERIFY_RESULT(session);
    store::Database &db = session.value()->database();
    QCOMPARE(auditCount(db), qint64(1));
    auto entry = lastEntry(db);
    QVERIFY_RESULT(entry);
    QCOMPARE(entry->seq, qint64(1));
    QCOMPARE(entry->action, QStringLiteral("store.create"));
    QCOMPARE(entry->subject, QStringLiteral("store"));
    QCOMPARE(entry->user, QStringLiteral("test.user"));
    QCOMPARE(entry->purpose, QStringLiteral("testing"));
    QCOMPARE(db.queryInt("SELECT count(*) FROM store_meta WHERE key IN ('store_id', "
                         "'created_at')")
                 .value(),
             qint64(2));
    const auto mirror = AuditLog::readMirror(m_fixture->paths().auditMirror());
    QVERIFY(mirror.has_value());
    QCOMPARE(mirror->head.seq, qint64(1));
    QVERIFY(!m_fixture->recoveryKeyText().isEmpty());
}

void tst_Session::unlockAuditsStoreUnlock()
{
    QVERIFY_RESULT(m_fixture->create());
    for (qint64 expectedSeq : {2, 3}) {
        m_fixture->clock().advanceSeconds(3600);
        auto session = m_fixture->unlock();
        QVERIFY_RESULT(session);
        auto entry = lastEntry(session.value()->database());
        QVERIFY_RESULT(entry);
        QCOMPARE(entry->seq, expectedSeq);
        QCOMPARE(entry->action, QStringLiteral("store.unlock"));
        QCOMPARE(entry->subject, QStringLiteral("store"));
        QCOMPARE(entry->user, QStringLiteral("test.user"));
    }
    // A refused unlock writes nothing.
    const QByteArray before = storeBytes();
    auto refused = Session::unlock(m_fixture->paths(), SecretBytes::fromView("wrong"),
                                   test::adminContext(), m_fixture->clock());
    QVERIFY(!refused.ok());
    QCOMPARE(refused.error().code, ErrorCode::WrongPassphrase);
    QCOMPARE(storeBytes(), before);
    auto session = m_fixture->unlock();
    QVERIFY_RESULT(session);
    QCOMPARE(auditCount(session.value()->database()), qint64(4));
}

void tst_Session::changePassphraseRewrapsOnly()
{
    createWithPersons();
    if (QTest::currentTestFailed())
        return;
    qint64 sourcePersonRoot = 0;
    qint64 personRoot = 0;
    {
        auto session = m_fixture->unlock();
        QVERIFY_RESULT(session);
        store::Database &db = session.value()->database();
        sourcePersonRoot
            = db.queryInt("SELECT rootpage FROM sqlite_master WHERE name = 'source_person'")
                  .value();
        personRoot
            = db.queryInt("SELECT rootpage FROM sqlite_master WHERE name = 'person'").value();
    } // closed: the WAL is checkpointed into the store file
    QVERIFY(!QFile::exists(m_fixture->paths().store + QStringLiteral("-wal")));
    const QByteArray before = storeBytes();
    const QByteArray keyBefore = test::readFile(m_fixture->paths().keyFile());
    QVERIFY(page(before, sourcePersonRoot).size() == kPageSize);

    {
        auto session = m_fixture->unlock();
        QVERIFY_RESULT(session);
        QVERIFY_RESULT(session.value()->changePassphrase(SecretBytes::fromView(kNewPassphrase),
                                                         store::KdfParams::minimum()));
        auto entry = lastEntry(session.value()->database());
        QVERIFY_RESULT(entry);
        QCOMPARE(entry->action, QStringLiteral("store.passphrase_change"));
        QCOMPARE(entry->subject, QStringLiteral("store"));
    }
    const QByteArray after = storeBytes();
    // Not re-encrypted: the salt and every page the change did not touch are the same bytes
    // (SQLCipher gives each rewritten page a fresh IV, so a re-encryption changes them all).
    QCOMPARE(after.left(kSaltBytes), before.left(kSaltBytes));
    QCOMPARE(page(after, sourcePersonRoot), page(before, sourcePersonRoot));
    QCOMPARE(page(after, personRoot), page(before, personRoot));
    const QByteArray keyAfter = test::readFile(m_fixture->paths().keyFile());
    QVERIFY(keyAfter != keyBefore);
    QCOMPARE(keyAfter.mid(12, kSaltBytes), keyBefore.mid(12, kSaltBytes));

    auto old = m_fixture->unlock();
    QVERIFY(!old.ok());
    QCOMPARE(old.error().code, ErrorCode::WrongPassphrase);
    auto renewed = Session::unlock(m_fixture->paths(), SecretBytes::fromView(kNewPassphrase),
                                   test::adminContext(), m_fixture->clock());
    QVERIFY_RESULT(renewed);
    store::Database &db = renewed.value()->database();
    QCOMPARE(db.queryInt("SELECT count(*) FROM person").value(), qint64(3));
    QCOMPARE(
        db.queryText("SELECT family_name FROM source_person WHERE external_id = 'gp-0'").value(),
        kMarker);
}

void tst_Session::recoverSetsNewPassphrase_data()
{
    QTest::addColumn<QString>("spelling");
    QTest::newRow("as shown") << QStringLiteral("as shown");
    QTest::newRow("lower case, no dashes") << QStringLiteral("lower");
    QTest::newRow("spaces for dashes") << QStringLiteral("spaces");
}

void tst_Session::recoverSetsNewPassphrase()
{
    QFETCH(QString, spelling);
    createWithPersons();
    if (QTest::currentTestFailed())
        return;
    QString text = m_fixture->recoveryKeyText();
    QCOMPARE(text.size(), 64);
    if (spelling == QLatin1String("lower"))
        text = text.toLower().remove(QLatin1Char('-'));
    else if (spelling == QLatin1String("spaces"))
        text.replace(QLatin1Char('-'), QLatin1Char(' '));
    {
        auto recovered = Session::recover(
            m_fixture->paths(), SecretBytes::fromView(text.toLatin1()),
            SecretBytes::fromView(kNewPassphrase), store::KdfParams::minimum(),
            test::adminContext(QStringLiteral("locked out")), m_fixture->clock());
        QVERIFY_RESULT(recovered);
        store::Database &db = recovered.value()->database();
        auto entry = lastEntry(db);
        QVERIFY_RESULT(entry);
        QCOMPARE(entry->action, QStringLiteral("store.recover"));
        QCOMPARE(entry->purpose, QStringLiteral("locked out"));
        QCOMPARE(db.queryInt("SELECT count(*) FROM source_person").value(), qint64(3));
    }
    auto old = m_fixture->unlock();
    QVERIFY(!old.ok());
    QCOMPARE(old.error().code, ErrorCode::WrongPassphrase);
    auto renewed = Session::unlock(m_fixture->paths(), SecretBytes::fromView(kNewPassphrase),
                                   test::adminContext(), m_fixture->clock(), {true});
    QVERIFY_RESULT(renewed);
    QVERIFY(renewed.value()->auditAtUnlock()->intact());
    QCOMPARE(renewed.value()->database().queryInt("SELECT count(*) FROM person").value(),
             qint64(3));
}

void tst_Session::wrongRecoveryKeyChangesNothing_data()
{
    QTest::addColumn<QByteArray>("recoveryKey");
    const SecretBytes other = store::RecoveryKey::format(store::RecoveryKey::generate());
    QTest::newRow("another store's key") << other.view().toByteArray();
    QTest::newRow("too short") << QByteArrayLiteral("ABCD-EFGH-JKMN");
    QTest::newRow("letter U") << QByteArray(52, 'U');
    QTest::newRow("empty") << QByteArray();
}

void tst_Session::wrongRecoveryKeyChangesNothing()
{
    QFETCH(QByteArray, recoveryKey);
    createWithPersons();
    if (QTest::currentTestFailed())
        return;
    const auto &paths = m_fixture->paths();
    const QByteArray store = storeBytes();
    const QByteArray key = test::readFile(paths.keyFile());
    const QByteArray mirror = test::readFile(paths.auditMirror());

    auto recovered = Session::recover(
        paths, SecretBytes::fromView(recoveryKey), SecretBytes::fromView(kNewPassphrase),
        store::KdfParams::minimum(), test::adminContext(), m_fixture->clock());
    QVERIFY(!recovered.ok());
    QCOMPARE(recovered.error().code, ErrorCode::WrongPassphrase);
    QCOMPARE(storeBytes(), store);
    QCOMPARE(test::readFile(paths.keyFile()), key);
    QCOMPARE(test::readFile(paths.auditMirror()), mirror);
    QVERIFY_RESULT(m_fixture->unlock());
}

void tst_Session::personReadIsAuditedOnce()
{
    createWithPersons();
    if (QTest::currentTestFailed())
        return;
    auto session = m_fixture->unlock();
    QVERIFY_RESULT(session);
    store::Database &db = session.value()->database();
    const qint64 entriesBefore = auditCount(db);
    const AccessContext context = test::adminContext(QStringLiteral("strategy discussion"));

    store::PersonRepository repository(db, session.value()->audit());
    auto person = repository.read(context, m_personIds.first());
    QVERIFY_RESULT(person);
    QCOMPARE(person->personId, m_personIds.first());
    QCOMPARE(person->records.size(), 1);
    const store::SourceRecordView &record = person->records.first();
    QVERIFY(!record.withheld);
    QCOMPARE(record.familyName, kMarker);
    QCOMPARE(record.givenName, QStringLiteral("Alex"));
    QCOMPARE(record.birthDate, QStringLiteral("1990-04-01"));
    QCOMPARE(record.sourceCode, QStringLiteral("gp"));
    QCOMPARE(record.externalId, QStringLiteral("gp-0"));

    QCOMPARE(auditCount(db), entriesBefore + 1);
    auto entry = lastEntry(db);
    QVERIFY_RESULT(entry);
    QCOMPARE(entry->action, QStringLiteral("person.read"));
    QCOMPARE(entry->subject, QStringLiteral("person:%1").arg(m_personIds.first()));
    QCOMPARE(entry->purpose, QStringLiteral("strategy discussion"));
    QCOMPARE(entry->user, QStringLiteral("test.user"));

    // Ids and counts only: no name or date of birth in any column of any entry.
    auto rows = db.prepare("SELECT * FROM audit");
    QVERIFY_RESULT(rows);
    while (rows->step().value()) {
        for (int column = 0; column < rows->columnCount(); ++column) {
            const QByteArray value = rows->blob(column);
            QVERIFY2(!value.contains(kMarker.toUtf8()), value.constData());
            QVERIFY2(!value.contains("1990-04-01"), value.constData());
        }
    }
    auto report
        = AuditVerifier::verify(db, m_fixture->paths().auditMirror(), session.value()->storeKey());
    QVERIFY_RESULT(report);
    QVERIFY(report->intact());
}

void tst_Session::missingPersonIsNotFound()
{
    createWithPersons();
    if (QTest::currentTestFailed())
        return;
    auto session = m_fixture->unlock();
    QVERIFY_RESULT(session);
    store::PersonRepository repository(session.value()->database(), session.value()->audit());
    auto person = repository.read(test::adminContext(), m_personIds.last() + 1000);
    QVERIFY(!person.ok());
    QCOMPARE(person.error().code, ErrorCode::NotFound);
    QVERIFY(!session.value()->database().inTransaction());
}

void tst_Session::recordsOutsideTheContextAreWithheld_data()
{
    QTest::addColumn<QStringList>("agencies");
    QTest::addColumn<int>("clearance");
    QTest::addColumn<QString>("label");
    QTest::addColumn<bool>("withheld");

    const int restricted = static_cast<int>(Sensitivity::Restricted);
    const int official = static_cast<int>(Sensitivity::Official);
    const int sensitive = static_cast<int>(Sensitivity::OfficialSensitive);
    QTest::newRow("every agency") << QStringList() << restricted << "official" << false;
    QTest::newRow("its own agency named")
        << QStringList{QStringLiteral("health")} << restricted << "official" << false;
    QTest::newRow("other agencies only")
        << QStringList{QStringLiteral("police"), QStringLiteral("housing")} << restricted
        << "official" << true;
    QTest::newRow("label within clearance")
        << QStringList() << sensitive << "official_sensitive" << false;
    QTest::newRow("label above clearance")
        << QStringList() << official << "official_sensitive" << true;
    QTest::newRow("unknown label fails closed")
        << QStringList() << sensitive << "unlabelled" << true;
}

void tst_Session::recordsOutsideTheContextAreWithheld()
{
    QFETCH(QStringList, agencies);
    QFETCH(int, clearance);
    QFETCH(QString, label);
    QFETCH(bool, withheld);

    auto session = m_fixture->create();
    QVERIFY_RESULT(session);
    store::Database &db = session.value()->database();
    auto id = test::insertPerson(db, QStringLiteral("gp"), QStringLiteral("gp-1"), kMarker);
    QVERIFY_RESULT(id);
    auto relabel = db.prepare("UPDATE source_person SET sensitivity = ?");
    QVERIFY_RESULT(relabel);
    relabel->bind(1, label);
    QVERIFY_RESULT(relabel->run());

    AccessContext context = test::adminContext();
    context.agencies = QSet<QString>(agencies.begin(), agencies.end());
    context.clearance = static_cast<Sensitivity>(clearance);
    store::PersonRepository repository(db, session.value()->audit());
    auto person = repository.read(context, id.value());
    QVERIFY_RESULT(person);
    // Withheld, not missing: the record is there, with the reason and without its content.
    QCOMPARE(person->records.size(), 1);
    const store::SourceRecordView &record = person->records.first();
    QCOMPARE(record.withheld, withheld);
    QCOMPARE(record.sourceCode, QStringLiteral("gp"));
    QCOMPARE(record.withheldReason.isEmpty(), !withheld);
    QCOMPARE(record.familyName.isEmpty(), withheld);
    QCOMPARE(record.birthDate.isEmpty(), withheld);
    auto entry = lastEntry(db);
    QVERIFY_RESULT(entry);
    QCOMPARE(entry->action, QStringLiteral("person.read"));
    QVERIFY2(entry->detail.contains(QStringLiteral("withheld=%1").arg(withheld ? 1 : 0)),
             qPrintable(entry->detail));
}

BV_TEST_MAIN(tst_Session)
#include "tst_session.moc"

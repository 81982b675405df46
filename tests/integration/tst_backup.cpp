// SPDX-License-Identifier: GPL-3.0-or-later
// Backup and restore: a round trip keeps the content and the audit chain, a backup taken
// while another thread writes is one consistent snapshot, and nothing is ever overwritten.
#include "access/auditverifier.h"
#include "access/session.h"
#include "common/testsupport.h"
#include "store/database.h"
#include "store/statement.h"
#include "store/storebackup.h"
#include "store/storefiles.h"
#include "store/storeinspector.h"
#include "store/transaction.h"

#include <QFile>
#include <QMutex>
#include <QMutexLocker>
#include <QTest>

#include <atomic>
#include <thread>

using namespace bv;
using namespace bv::store;

namespace {

const QString kMarker = QStringLiteral("Abernethy-Quist");
constexpr int kBatchRows = 50;

// Writes batches of kBatchRows rows, one transaction each, on its own connection until told
// to stop.
class BatchWriter
{
public:
    BatchWriter(const QString &storePath, const SecretBytes &key)
        : m_path(storePath)
        , m_key(key.data(), key.size())
    {}
    ~BatchWriter() { stop(); }

    void start()
    {
        m_thread = std::thread([this] { run(); });
    }
    void stop()
    {
        m_stop = true;
        if (m_thread.joinable())
            m_thread.join();
    }
    int batches() const { return m_batches; }
    QString error() const
    {
        QMutexLocker lock(&m_mutex);
        return m_error;
    }

private:
    void run()
    {
        auto result = writeUntilStopped();
        if (!result.ok()) {
            QMutexLocker lock(&m_mutex);
            m_error = result.error().message;
        }
    }
    Result<void> writeUntilStopped()
    {
        auto db = StoreFiles::openWithKey(m_path, m_key);
        BV_TRY(db);
        const QByteArray filler(200, 'x');
        while (!m_stop) {
            auto tx = Transaction::begin(*db.value());
            BV_TRY(tx);
            auto insert = db.value()->prepare("INSERT INTO load(batch, i, filler) VALUES (?,?,?)");
            BV_TRY(insert);
            for (int i = 0; i < kBatchRows; ++i) {
                insert->bind(1, m_batches.load()).bind(2, i).bindBlob(3, filler);
                BV_TRY(insert->run());
            }
            BV_TRY(tx->commit());
            ++m_batches;
        }
        return {};
    }

    QString m_path;
    SecretBytes m_key;
    std::thread m_thread;
    std::atomic<bool> m_stop{false};
    std::atomic<int> m_batches{0};
    mutable QMutex m_mutex;
    QString m_error;
};

} // namespace

class tst_Backup : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void roundTripKeepsContentAndAudit();
    void backupWhileWritingIsConsistent();
    void restoreRefusesExistingFiles_data();
    void restoreRefusesExistingFiles();
    void backupRefusesExistingOut_data();
    void backupRefusesExistingOut();

private:
    StorePaths pathsIn(const QString &name) const
    {
        return StorePaths::forStore(m_fixture->dir() + QLatin1Char('/') + name);
    }
    Result<qint64> backup(const StorePaths &target) { return m_session->backupTo(target); }

    std::unique_ptr<test::StoreFixture> m_fixture;
    std::unique_ptr<access::Session> m_session;
};

void tst_Backup::init()
{
    m_fixture = std::make_unique<test::StoreFixture>();
    QVERIFY(m_fixture->isValid());
    auto session = m_fixture->create();
    QVERIFY_RESULT(session);
    m_session = std::move(session.value());
    for (int i = 0; i < 5; ++i) {
        QVERIFY_RESULT(test::insertPerson(m_session->database(), QStringLiteral("gp"),
                                          QStringLiteral("gp-%1").arg(i),
                                          kMarker + QString::number(i)));
    }
}

void tst_Backup::cleanup()
{
    m_session.reset();
    m_fixture.reset();
}

void tst_Backup::roundTripKeepsContentAndAudit()
{
    auto originalHash = StoreInspector::contentHash(m_session->database());
    QVERIFY_RESULT(originalHash);
    const StorePaths copy = pathsIn(QStringLiteral("copy.bvstore"));
    auto pages = backup(copy);
    QVERIFY_RESULT(pages);
    QVERIFY(pages.value() > 1);
    for (const QString &path : {copy.store, copy.keyFile(), copy.auditMirror()})
        QVERIFY2(QFile::exists(path), qPrintable(path));
    QVERIFY(!QFile::exists(copy.store + QStringLiteral(".partial")));
    // The copy is as encrypted as the store: no name in its bytes.
    QVERIFY(!test::readFile(copy.store).contains(kMarker.toUtf8()));

    const StorePaths restored = pathsIn(QStringLiteral("restored.bvstore"));
    QVERIFY_RESULT(StoreBackup::restore(copy, restored));
    auto session = access::Session::unlock(restored, SecretBytes::fromView(m_fixture->passphrase()),
                                           test::adminContext(), m_fixture->clock(), {true});
    QVERIFY_RESULT(session);
    QVERIFY2(session.value()->auditAtUnlock()->intact(),
             qPrintable(session.value()->auditAtUnlock()->findings.value(0).message));
    QCOMPARE(session.value()->auditAtUnlock()->entries,
             m_session->database().queryInt("SELECT count(*) FROM audit").value());
    auto restoredHash = StoreInspector::contentHash(session.value()->database());
    QVERIFY_RESULT(restoredHash);
    QCOMPARE(restoredHash.value().toHex(), originalHash.value().toHex());
    auto integrity = StoreInspector::checkIntegrity(session.value()->database());
    QVERIFY_RESULT(integrity);
    QCOMPARE(integrity->problems, QStringList());
    // After the restored store's own unlock entry, its chain still verifies.
    auto report = access::AuditVerifier::verify(session.value()->database(), restored.auditMirror(),
                                                session.value()->storeKey());
    QVERIFY_RESULT(report);
    QVERIFY(report->intact());
    QCOMPARE(report->findings.size(), 0);
}

void tst_Backup::backupWhileWritingIsConsistent()
{
    Database &db = m_session->database();
    QVERIFY_RESULT(db.exec("CREATE TABLE load (batch INTEGER NOT NULL, i INTEGER NOT NULL, "
                           "filler BLOB NOT NULL)"));
    BatchWriter writer(m_fixture->paths().store, m_session->storeKey());
    writer.start();
    // Enough rows that the copy spans many pages, then copy while the writer goes on.
    QTRY_VERIFY_WITH_TIMEOUT(writer.batches() >= 20 || !writer.error().isEmpty(), 60000);
    QCOMPARE(writer.error(), QString());
    const int batchesBefore = writer.batches();
    const StorePaths copy = pathsIn(QStringLiteral("live.bvstore"));
    auto pages = backup(copy);
    QVERIFY_RESULT(pages);
    const int batchesDuring = writer.batches();
    QTRY_VERIFY_WITH_TIMEOUT(writer.batches() > batchesDuring || !writer.error().isEmpty(), 60000);
    writer.stop();
    QCOMPARE(writer.error(), QString());
    qInfo("batches: %d before the backup, %d when it ended, %d in all", batchesBefore,
          batchesDuring, writer.batches());

    auto key = SecretBytes(m_session->storeKey().data(), m_session->storeKey().size());
    auto opened = StoreFiles::openWithKey(copy.store, key);
    QVERIFY_RESULT(opened);
    Database &backupDb = *opened.value();
    auto integrity = StoreInspector::checkIntegrity(backupDb);
    QVERIFY_RESULT(integrity);
    QCOMPARE(integrity->problems, QStringList());
    QVERIFY(integrity->pagesRead > 20);
    const qint64 rows = backupDb.queryInt("SELECT count(*) FROM load").value();
    // Whole transactions only: every batch complete, none torn by the copy.
    QCOMPARE(rows % kBatchRows, qint64(0));
    QVERIFY2(rows >= qint64(batchesBefore) * kBatchRows, qPrintable(QString::number(rows)));
    // A batch can commit just before the snapshot and be counted just after the copy ends.
    QVERIFY2(rows <= qint64(batchesDuring + 1) * kBatchRows, qPrintable(QString::number(rows)));
    QCOMPARE(backupDb
                 .queryInt("SELECT count(*) FROM (SELECT batch FROM load GROUP BY batch "
                           "HAVING count(*) <> 50)")
                 .value(),
             qint64(0));
    auto report = access::AuditVerifier::verify(backupDb, copy.auditMirror(), key);
    QVERIFY_RESULT(report);
    QVERIFY(report->intact());
}

void tst_Backup::restoreRefusesExistingFiles_data()
{
    QTest::addColumn<QString>("existing");
    QTest::newRow("store exists") << QString();
    QTest::newRow("key file exists") << QStringLiteral(".key");
    QTest::newRow("audit mirror exists") << QStringLiteral(".audit-head");
}

void tst_Backup::restoreRefusesExistingFiles()
{
    QFETCH(QString, existing);
    const StorePaths copy = pathsIn(QStringLiteral("copy.bvstore"));
    QVERIFY_RESULT(backup(copy));
    const StorePaths target = pathsIn(QStringLiteral("target.bvstore"));
    const QString occupied = target.store + existing;
    {
        QFile file(occupied);
        QVERIFY(file.open(QIODevice::WriteOnly));
        QVERIFY(file.write("someone else's file") > 0);
    }
    auto restored = StoreBackup::restore(copy, target);
    QVERIFY(!restored.ok());
    QCOMPARE(restored.error().code, ErrorCode::StoreExists);
    QVERIFY2(restored.error().message.contains(occupied), qPrintable(restored.error().message));
    QCOMPARE(test::readFile(occupied), QByteArrayLiteral("someone else's file"));
    for (const QString &path : {target.store, target.keyFile(), target.auditMirror()}) {
        if (path != occupied)
            QVERIFY2(!QFile::exists(path), qPrintable(path));
    }

    // Restoring over the live store itself is refused the same way.
    const QByteArray live = test::readFile(m_fixture->paths().keyFile());
    auto overLive = StoreBackup::restore(copy, m_fixture->paths());
    QVERIFY(!overLive.ok());
    QCOMPARE(overLive.error().code, ErrorCode::StoreExists);
    QCOMPARE(test::readFile(m_fixture->paths().keyFile()), live);
}

void tst_Backup::backupRefusesExistingOut_data()
{
    QTest::addColumn<QString>("existing");
    QTest::newRow("out exists") << QString();
    QTest::newRow("out.key exists") << QStringLiteral(".key");
    QTest::newRow("out.audit-head exists") << QStringLiteral(".audit-head");
}

void tst_Backup::backupRefusesExistingOut()
{
    QFETCH(QString, existing);
    const StorePaths target = pathsIn(QStringLiteral("out.bvstore"));
    const QString occupied = target.store + existing;
    {
        QFile file(occupied);
        QVERIFY(file.open(QIODevice::WriteOnly));
        QVERIFY(file.write("an earlier backup") > 0);
    }
    auto pages = backup(target);
    QVERIFY(!pages.ok());
    QCOMPARE(pages.error().code, ErrorCode::StoreExists);
    QCOMPARE(test::readFile(occupied), QByteArrayLiteral("an earlier backup"));
    QVERIFY(!QFile::exists(target.store + QStringLiteral(".partial")));
    for (const QString &path : {target.store, target.keyFile(), target.auditMirror()}) {
        if (path != occupied)
            QVERIFY2(!QFile::exists(path), qPrintable(path));
    }
}

BV_TEST_MAIN(tst_Backup)
#include "tst_backup.moc"

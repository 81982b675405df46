// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/testsupport.h"
#include "store/database.h"
#include "store/statement.h"
#include "store/storefiles.h"
#include "store/transaction.h"

#include <QTemporaryDir>
#include <QTest>

#include <stdexcept>

using namespace bv;
using namespace bv::store;

class tst_Database : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void typedBindsRoundTrip_data();
    void typedBindsRoundTrip();
    void transactionCommits();
    void transactionRollsBackWhenNotCommitted();
    void transactionRollsBackOnException();
    void transactionRollsBackAfterFailedStatement();
    void errorCarriesMessageAndStatement();
    void bindErrorReportedByStep();
    void afterCommitActionsRunOnlyOnCommit();
    void missingFileIsStoreMissing();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Database> m_db;
};

void tst_Database::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    const SecretBytes key = SecretBytes::random(32);
    const SecretBytes spec = StoreFiles::keySpec(key);
    Database::OpenOptions options;
    options.create = true;
    options.keySpec = &spec;
    auto db = Database::open(m_dir->filePath(QStringLiteral("t.db")), options);
    QVERIFY_RESULT(db);
    m_db = std::move(db.value());
    QVERIFY_RESULT(m_db->exec("CREATE TABLE t (i INTEGER, r REAL, s TEXT, b BLOB)"));
}

void tst_Database::cleanup()
{
    m_db.reset();
    m_dir.reset();
}

void tst_Database::typedBindsRoundTrip_data()
{
    QTest::addColumn<qint64>("integer");
    QTest::addColumn<double>("real");
    QTest::addColumn<QString>("text");
    QTest::addColumn<QByteArray>("blob");
    QTest::newRow("ascii") << qint64(42) << 1.5 << QStringLiteral("plain")
                           << QByteArray("\x01\x02", 2);
    QTest::newRow("extremes") << std::numeric_limits<qint64>::min() << -0.0 << QString()
                              << QByteArray(4096, '\xff');
    QTest::newRow("unicode") << qint64(-7) << 1e300
                             << QStringLiteral("Siân O’Brien – Łódź 🙂")
                             << QByteArray("\0nul\0", 5);
    QTest::newRow("empty text") << qint64(0) << 0.0 << QStringLiteral("") << QByteArray();
}

void tst_Database::typedBindsRoundTrip()
{
    QFETCH(qint64, integer);
    QFETCH(double, real);
    QFETCH(QString, text);
    QFETCH(QByteArray, blob);
    auto insert = m_db->prepare("INSERT INTO t VALUES (?, ?, ?, ?)");
    QVERIFY_RESULT(insert);
    insert->bind(1, integer).bind(2, real).bind(3, text).bindBlob(4, blob);
    QVERIFY_RESULT(insert->run());

    auto select = m_db->prepare("SELECT i, r, s, b FROM t");
    QVERIFY_RESULT(select);
    auto row = select->step();
    QVERIFY_RESULT(row);
    QVERIFY(row.value());
    QCOMPARE(select->int64(0), integer);
    QCOMPARE(select->real(1), real);
    QCOMPARE(select->isNull(2), text.isNull());
    QCOMPARE(select->text(2), text);
    QCOMPARE(select->blob(3), blob);
}

void tst_Database::transactionCommits()
{
    {
        auto tx = Transaction::begin(*m_db);
        QVERIFY_RESULT(tx);
        QVERIFY_RESULT(m_db->exec("INSERT INTO t(i) VALUES (1)"));
        QVERIFY_RESULT(tx->commit());
    }
    QCOMPARE(m_db->queryInt("SELECT count(*) FROM t").value(), 1);
}

void tst_Database::transactionRollsBackWhenNotCommitted()
{
    {
        auto tx = Transaction::begin(*m_db);
        QVERIFY_RESULT(tx);
        QVERIFY_RESULT(m_db->exec("INSERT INTO t(i) VALUES (1)"));
    }
    QVERIFY(!m_db->inTransaction());
    QCOMPARE(m_db->queryInt("SELECT count(*) FROM t").value(), 0);
}

void tst_Database::transactionRollsBackOnException()
{
    try {
        auto tx = Transaction::begin(*m_db);
        QVERIFY_RESULT(tx);
        QVERIFY_RESULT(m_db->exec("INSERT INTO t(i) VALUES (1)"));
        throw std::runtime_error("interrupted");
    } catch (const std::runtime_error &) {
    }
    QVERIFY(!m_db->inTransaction());
    QCOMPARE(m_db->queryInt("SELECT count(*) FROM t").value(), 0);
}

void tst_Database::transactionRollsBackAfterFailedStatement()
{
    QVERIFY_RESULT(m_db->exec("CREATE TABLE u (x INTEGER NOT NULL)"));
    auto work = [this]() -> Result<void> {
        auto tx = Transaction::begin(*m_db);
        BV_TRY(tx);
        BV_TRY(m_db->exec("INSERT INTO u VALUES (1)"));
        BV_TRY(m_db->exec("INSERT INTO u VALUES (NULL)")); // fails: NOT NULL
        return tx->commit();
    };
    auto result = work();
    QVERIFY(!result.ok());
    QCOMPARE(result.error().code, ErrorCode::Sql);
    QCOMPARE(m_db->queryInt("SELECT count(*) FROM u").value(), 0);
}

void tst_Database::errorCarriesMessageAndStatement()
{
    auto stmt = m_db->prepare("SELECT nope FROM t");
    QVERIFY(!stmt.ok());
    QVERIFY2(stmt.error().message.contains(QLatin1String("no such column: nope")),
             qPrintable(stmt.error().message));
    QVERIFY2(stmt.error().message.contains(QLatin1String("SELECT nope FROM t")),
             qPrintable(stmt.error().message));
}

void tst_Database::bindErrorReportedByStep()
{
    auto stmt = m_db->prepare("INSERT INTO t(i) VALUES (?)");
    QVERIFY_RESULT(stmt);
    stmt->bind(5, qint64(1)); // out of range
    auto result = stmt->run();
    QVERIFY(!result.ok());
    QVERIFY2(result.error().message.contains(QLatin1String("parameter 5")),
             qPrintable(result.error().message));
    QCOMPARE(m_db->queryInt("SELECT count(*) FROM t").value(), 0);
}

void tst_Database::afterCommitActionsRunOnlyOnCommit()
{
    int runs = 0;
    {
        auto tx = Transaction::begin(*m_db);
        QVERIFY_RESULT(tx);
        m_db->runAfterCommit([&runs] { ++runs; });
        QCOMPARE(runs, 0);
    } // rolled back
    QCOMPARE(runs, 0);
    {
        auto tx = Transaction::begin(*m_db);
        QVERIFY_RESULT(tx);
        m_db->runAfterCommit([&runs] { ++runs; });
        QVERIFY_RESULT(tx->commit());
    }
    QCOMPARE(runs, 1);
    m_db->runAfterCommit([&runs] { ++runs; }); // no transaction: at once
    QCOMPARE(runs, 2);
}

void tst_Database::missingFileIsStoreMissing()
{
    auto db = Database::open(m_dir->filePath(QStringLiteral("absent.db")), {});
    QVERIFY(!db.ok());
    QCOMPARE(db.error().code, ErrorCode::StoreMissing);
    QVERIFY(!QFile::exists(m_dir->filePath(QStringLiteral("absent.db"))));
}

BV_TEST_MAIN(tst_Database)
#include "tst_database.moc"

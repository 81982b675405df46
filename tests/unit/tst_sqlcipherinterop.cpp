// SPDX-License-Identifier: GPL-3.0-or-later
// The store is a standard SQLCipher 3 file: the `sqlcipher` tool opens it with the raw key
// (what an administrator or a data-recovery service would use), and nothing else does.
#include "common/testsupport.h"
#include "store/database.h"
#include "store/storefiles.h"

#include <QFile>
#include <QProcess>
#include <QTest>

using namespace bv;
using namespace bv::store;

namespace {

const QString kTool = QStringLiteral("/usr/bin/sqlcipher");

struct ToolRun
{
    int exitCode = -1;
    QString out;
    QString err;
};

// Feeds `script` to the tool on stdin; -bail stops at the first error.
ToolRun runTool(const QString &store, const QByteArray &script)
{
    QProcess tool;
    tool.start(kTool, {QStringLiteral("-bail"), QStringLiteral("-batch"), store});
    ToolRun run;
    if (!tool.waitForStarted()) {
        run.err = tool.errorString();
        return run;
    }
    tool.write(script);
    tool.closeWriteChannel();
    if (!tool.waitForFinished(60000)) {
        tool.kill();
        tool.waitForFinished();
        run.err = QStringLiteral("timed out");
        return run;
    }
    run.exitCode = tool.exitStatus() == QProcess::NormalExit ? tool.exitCode() : -1;
    run.out = QString::fromUtf8(tool.readAllStandardOutput());
    run.err = QString::fromUtf8(tool.readAllStandardError());
    return run;
}

QByteArray keyPragmas(const QByteArray &keyHex, int pageSize)
{
    QByteArray script;
    if (!keyHex.isEmpty())
        script += "PRAGMA key = \"x'" + keyHex + "'\";\n";
    if (pageSize > 0)
        script += "PRAGMA cipher_page_size = " + QByteArray::number(pageSize) + ";\n";
    return script;
}

} // namespace

class tst_SqlcipherInterop : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void toolOpensStoreOnlyWithItsKey_data();
    void toolOpensStoreOnlyWithItsKey();
    void toolWriteIsReadByBroadview();

private:
    std::unique_ptr<test::StoreFixture> m_fixture;
    QByteArray m_keyHex;
    QString m_storeId;
};

void tst_SqlcipherInterop::initTestCase()
{
    if (!QFile::exists(kTool))
        QSKIP("/usr/bin/sqlcipher is not installed (Debian package sqlcipher): the interop "
              "check needs the real command-line tool.");
}

void tst_SqlcipherInterop::init()
{
    m_fixture = std::make_unique<test::StoreFixture>();
    QVERIFY(m_fixture->isValid());
    auto session = m_fixture->create(); // one audit entry: store.create
    QVERIFY_RESULT(session);
    Database &db = session.value()->database();
    for (int i = 0; i < 3; ++i) {
        QVERIFY_RESULT(test::insertPerson(db, QStringLiteral("health"),
                                          QStringLiteral("ext-%1").arg(i),
                                          QStringLiteral("Okafor")));
    }
    auto storeId = db.queryText("SELECT value FROM store_meta WHERE key = 'store_id'");
    QVERIFY_RESULT(storeId);
    m_storeId = storeId.value();
    QVERIFY(!m_storeId.isEmpty());
    m_keyHex = session.value()->storeKey().toHex().view().toByteArray();
    QCOMPARE(m_keyHex.size(), 64);
    // Closed, so the tool reads the store file alone, not a WAL still being written.
}

void tst_SqlcipherInterop::cleanup()
{
    m_fixture.reset();
}

void tst_SqlcipherInterop::toolOpensStoreOnlyWithItsKey_data()
{
    QTest::addColumn<QString>("key"); // "right", "wrong" or "none"
    QTest::addColumn<int>("pageSize");
    QTest::addColumn<bool>("opens");
    QTest::newRow("the store's key and page size")
        << QStringLiteral("right") << StorePragmas{}.cipherPageSize << true;
    QTest::newRow("another key") << QStringLiteral("wrong") << StorePragmas{}.cipherPageSize
                                 << false;
    QTest::newRow("no key (plain SQLite)") << QStringLiteral("none") << 0 << false;
    QTest::newRow("the store's key, SQLCipher 3's default page size")
        << QStringLiteral("right") << 0 << false;
}

void tst_SqlcipherInterop::toolOpensStoreOnlyWithItsKey()
{
    QFETCH(QString, key);
    QFETCH(int, pageSize);
    QFETCH(bool, opens);
    QByteArray keyHex;
    if (key == QLatin1String("right"))
        keyHex = m_keyHex;
    else if (key == QLatin1String("wrong"))
        keyHex = SecretBytes::random(32).toHex().view().toByteArray();

    const QString store = m_fixture->paths().store;
    const QByteArray before = test::readFile(store);
    const ToolRun run
        = runTool(store, keyPragmas(keyHex, pageSize)
                             + "SELECT count(*) FROM audit;\n"
                               "SELECT count(*) FROM source_person;\n"
                               "SELECT value FROM store_meta WHERE key = 'store_id';\n");
    const QString detail = QStringLiteral("exit %1, stdout [%2], stderr [%3]")
                               .arg(run.exitCode)
                               .arg(run.out, run.err);
    if (opens) {
        QVERIFY2(run.exitCode == 0, qPrintable(detail));
        QCOMPARE(run.out.split(u'\n', Qt::SkipEmptyParts),
                 (QStringList{QStringLiteral("1"), QStringLiteral("3"), m_storeId}));
    } else {
        QVERIFY2(run.exitCode != 0, qPrintable(detail));
        QVERIFY2(run.err.contains(QLatin1String("not a database")), qPrintable(detail));
        QVERIFY2(!run.out.contains(m_storeId), qPrintable(detail));
    }
    QCOMPARE(test::readFile(store), before); // reading, right or wrong, changes nothing
}

void tst_SqlcipherInterop::toolWriteIsReadByBroadview()
{
    const QString store = m_fixture->paths().store;
    const ToolRun run = runTool(
        store,
        keyPragmas(m_keyHex, StorePragmas{}.cipherPageSize)
            + "INSERT INTO store_meta(key, value) VALUES ('written_by', 'sqlcipher tool');\n");
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));

    auto db = StoreFiles::openWithKey(store, SecretBytes::fromView(QByteArray::fromHex(m_keyHex)));
    QVERIFY_RESULT(db);
    QCOMPARE(db.value()->queryText("SELECT value FROM store_meta WHERE key = 'written_by'").value(),
             QStringLiteral("sqlcipher tool"));
    QCOMPARE(db.value()->queryInt("SELECT count(*) FROM audit").value(), qint64(1));
}

BV_TEST_MAIN(tst_SqlcipherInterop)
#include "tst_sqlcipherinterop.moc"

// SPDX-License-Identifier: GPL-3.0-or-later
// SQLCipher and Debian's libsqlite3 export the same sqlite3_* symbols, and whichever the
// dynamic linker binds first serves both. Every executable links SQLCipher first and checks
// at start-up that it did; these tests run that check here, in `broadview`, and in processes
// where the wrong library is made to win, which must refuse to start.
#include "common/testsupport.h"
#include "store/sqlitelibrary.h"

#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <dlfcn.h>
#include <sqlite3.h>

using namespace bv;
using namespace bv::store;

namespace {

const QString kDebianSqlite = QStringLiteral("/usr/lib/x86_64-linux-gnu/libsqlite3.so.0");

} // namespace

class tst_SqliteLibrary : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void verifyPassesInThisProcess();
    void symbolsComeFromSqlcipher();
    void executableChecksItsLibrary_data();
    void executableChecksItsLibrary();
};

void tst_SqliteLibrary::verifyPassesInThisProcess()
{
    auto verified = verifySqliteLibrary();
    QVERIFY_RESULT(verified);
    QCOMPARE(verified->cipherVersion, QStringLiteral("3.4.1"));
    QCOMPARE(verified->libraryVersion, verified->headerVersion);
    QCOMPARE(verified->libraryVersion, QStringLiteral("3.15.2"));

    const SqliteLibraryInfo info = sqliteLibraryInfo();
    QCOMPARE(info.libraryVersion, QString::fromLatin1(sqlite3_libversion()));
    QCOMPARE(info.headerVersion, QStringLiteral(SQLITE_VERSION));
    QCOMPARE(info.cipherVersion, verified->cipherVersion);
}

void tst_SqliteLibrary::symbolsComeFromSqlcipher()
{
    // The library that actually serves the calls, as the dynamic linker bound them.
    for (void *symbol :
         {reinterpret_cast<void *>(&sqlite3_libversion), reinterpret_cast<void *>(&sqlite3_open_v2),
          reinterpret_cast<void *>(&sqlite3_key)}) {
        Dl_info where{};
        QVERIFY(dladdr(symbol, &where) != 0);
        QVERIFY(where.dli_fname);
        const QString library = QFileInfo(QString::fromLocal8Bit(where.dli_fname)).fileName();
        QVERIFY2(library.startsWith(QLatin1String("libsqlcipher.so")), qPrintable(library));
    }
}

void tst_SqliteLibrary::executableChecksItsLibrary_data()
{
    QTest::addColumn<QString>("program");
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<bool>("preloadDebianSqlite");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("says");
    const QString broadview = QStringLiteral(BROADVIEW_BINARY);
    const QString self = QCoreApplication::applicationFilePath();
    const QString wrong = QStringLiteral("another libsqlite3 was loaded first");
    QTest::newRow("broadview --version")
        << broadview << QStringList{QStringLiteral("--version")} << false << 0
        << QStringLiteral("SQLCipher 3.4.1 (SQLite 3.15.2)");
    QTest::newRow("broadview --version, Debian's libsqlite3 bound first")
        << broadview << QStringList{QStringLiteral("--version")} << true << 12 << wrong;
    QTest::newRow("this test executable, Debian's libsqlite3 bound first")
        << self << QStringList{QStringLiteral("-functions")} << true << 12 << wrong;
    QTest::newRow("this test executable (control)")
        << self << QStringList{QStringLiteral("-functions")} << false << 0
        << QStringLiteral("verifyPassesInThisProcess()");
}

void tst_SqliteLibrary::executableChecksItsLibrary()
{
    QFETCH(QString, program);
    QFETCH(QStringList, arguments);
    QFETCH(bool, preloadDebianSqlite);
    QFETCH(int, exitCode);
    QFETCH(QString, says);
    QVERIFY2(QFileInfo(program).isExecutable(), qPrintable(program + QStringLiteral(" not built")));
    if (preloadDebianSqlite && !QFile::exists(kDebianSqlite))
        QSKIP("Debian's libsqlite3 is not installed, so it cannot be made to win.");

    QTemporaryDir home; // broadview writes its log under the data location
    QVERIFY(home.isValid());
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("HOME"), home.path());
    env.insert(QStringLiteral("XDG_DATA_HOME"), home.filePath(QStringLiteral("data")));
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), home.filePath(QStringLiteral("config")));
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    if (preloadDebianSqlite) {
        env.insert(QStringLiteral("LD_PRELOAD"), kDebianSqlite);
        // Under AddressSanitizer its runtime must come first; let the preload go ahead.
        const QString asan = env.value(QStringLiteral("ASAN_OPTIONS"));
        env.insert(QStringLiteral("ASAN_OPTIONS"),
                   asan + (asan.isEmpty() ? QString() : QStringLiteral(":"))
                       + QStringLiteral("verify_asan_link_order=0"));
    }
    QProcess process;
    process.setProcessEnvironment(env);
    process.start(program, arguments);
    QVERIFY2(process.waitForStarted(), qPrintable(process.errorString()));
    QVERIFY(process.waitForFinished(60000));
    const QString output = QString::fromUtf8(process.readAllStandardOutput())
                           + QString::fromUtf8(process.readAllStandardError());
    QCOMPARE(process.exitStatus(), QProcess::NormalExit);
    QVERIFY2(process.exitCode() == exitCode, qPrintable(output));
    QVERIFY2(output.contains(says), qPrintable(output));
}

BV_TEST_MAIN(tst_SqliteLibrary)
#include "tst_sqlitelibrary.moc"

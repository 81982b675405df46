// SPDX-License-Identifier: GPL-3.0-or-later
// The CLI in-process: init, check, the exit code of each failure (and that a failing command
// leaves every file as it found it), usage errors and --help.
#include "access/session.h"
#include "clitestsupport.h"
#include "store/database.h"
#include "store/schema.h"

#include <QFileInfo>
#include <QTest>

using namespace bv;
using namespace bv::test;

namespace {

void flipByte(const QString &path, qint64 offset)
{
    QByteArray bytes = readFile(path);
    QVERIFY(offset > 0 && offset < bytes.size());
    bytes[offset] = static_cast<char>(bytes.at(offset) ^ 0x5a);
    writeFile(path, bytes);
}

} // namespace

class tst_Cli : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void initPrintsRecoveryKeyOnce_data();
    void initPrintsRecoveryKeyOnce();
    void initRefusesBadEntries_data();
    void initRefusesBadEntries();
    void initRefusesExistingStore_data();
    void initRefusesExistingStore();
    void checkJson();
    void checkContentHashIsStable();
    void failuresHaveTheirExitCodeAndWriteNothing_data();
    void failuresHaveTheirExitCodeAndWriteNothing();
    void usageErrors_data();
    void usageErrors();
    void helpListsOptions_data();
    void helpListsOptions();

private:
    SavedEnvironment m_environment;
    std::unique_ptr<CliWorkspace> m_workspace;
};

void tst_Cli::init()
{
    m_workspace = std::make_unique<CliWorkspace>();
    QVERIFY(m_workspace->isValid());
}

void tst_Cli::cleanup()
{
    m_workspace.reset();
}

void tst_Cli::initPrintsRecoveryKeyOnce_data()
{
    QTest::addColumn<QString>("source");
    QTest::newRow("passphrase typed twice") << QStringLiteral("prompt");
    QTest::newRow("--passphrase-file") << QStringLiteral("file");
    QTest::newRow("BROADVIEW_PASSPHRASE") << QStringLiteral("environment");
}

void tst_Cli::initPrintsRecoveryKeyOnce()
{
    QFETCH(QString, source);
    QStringList arguments = words("init --insecure-test-kdf --store") << m_workspace->store();
    QList<QByteArray> answers;
    if (source == QLatin1String("prompt"))
        answers = {kCliPassphrase, kCliPassphrase};
    else if (source == QLatin1String("file"))
        arguments = m_workspace->withPassphrase(arguments, kCliPassphrase);
    else
        qputenv("BROADVIEW_PASSPHRASE", kCliPassphrase);

    const CliRun run = runCli(arguments, answers);
    QVERIFY2(run.code == cli::ExitOk, qPrintable(run.err));
    QCOMPARE(run.asked, answers.size());
    const auto paths = store::StorePaths::forStore(m_workspace->store());
    for (const QString &file : {paths.store, paths.keyFile(), paths.auditMirror()})
        QVERIFY2(QFile::exists(file), qPrintable(file));
    const QStringList keys = recoveryKeysIn(run.out + run.err);
    QCOMPARE(keys.size(), 1);
    QCOMPARE(keys.first().size(), 64);
    QCOMPARE(keys.first().split(QLatin1Char('-')).size(), 13);
    QVERIFY(!QString(run.out + run.err).contains(QString::fromLatin1(kCliPassphrase)));
    QCOMPARE(m_workspace->check(kCliPassphrase), int(cli::ExitOk));
}

void tst_Cli::initRefusesBadEntries_data()
{
    QTest::addColumn<QList<QByteArray>>("answers");
    QTest::newRow("the two entries differ") << QList<QByteArray>{kCliPassphrase, "correct horsf"};
    QTest::newRow("empty entry") << QList<QByteArray>{QByteArray()};
    QTest::newRow("no terminal") << QList<QByteArray>();
}

void tst_Cli::initRefusesBadEntries()
{
    QFETCH(QList<QByteArray>, answers);
    const CliRun run
        = runCli(words("init --insecure-test-kdf --store") << m_workspace->store(), answers);
    QCOMPARE(run.code, int(cli::ExitUsage));
    QVERIFY(!run.err.isEmpty());
    QCOMPARE(recoveryKeysIn(run.out + run.err), QStringList());
    QCOMPARE(m_workspace->snapshot().keys(), QStringList());
}

void tst_Cli::initRefusesExistingStore_data()
{
    QTest::addColumn<bool>("storeExists");
    QTest::newRow("store and key file exist") << true;
    QTest::newRow("only the key file exists") << false;
}

void tst_Cli::initRefusesExistingStore()
{
    QFETCH(bool, storeExists);
    if (storeExists)
        QVERIFY(!m_workspace->initStore().isEmpty());
    else
        writeFile(m_workspace->store() + QStringLiteral(".key"), "a key file from before");
    const auto before = m_workspace->snapshot();
    const CliRun run = runCli(words("init --insecure-test-kdf --store") << m_workspace->store(),
                              {kCliPassphrase, kCliPassphrase});
    QCOMPARE(run.code, int(cli::ExitStoreExists));
    QCOMPARE(run.asked, 0); // refused before asking for anything
    m_workspace->compareSnapshot(before);
}

void tst_Cli::checkJson()
{
    QVERIFY(!m_workspace->initStore().isEmpty());
    {
        FixedClock clock(test::testEpoch());
        auto session = access::Session::unlock(store::StorePaths::forStore(m_workspace->store()),
                                               SecretBytes::fromView(kCliPassphrase),
                                               test::adminContext(), clock);
        QVERIFY_RESULT(session);
        QVERIFY_RESULT(test::insertPerson(session.value()->database(), QStringLiteral("gp"),
                                          QStringLiteral("gp-1"), QStringLiteral("Quist")));
    }
    const CliRun run = runCli(m_workspace->withPassphrase(
        words("check --json --store") << m_workspace->store(), kCliPassphrase));
    QVERIFY2(run.code == cli::ExitOk, qPrintable(run.err));
    const QJsonObject json = parseJson(run.out);
    QVERIFY2(!json.isEmpty(), qPrintable(run.out));
    QCOMPARE(json.value(QStringLiteral("schema_version")).toInt(), store::Schema::latestVersion());
    QCOMPARE(json.value(QStringLiteral("integrity_ok")).toBool(false), true);
    QVERIFY(json.value(QStringLiteral("pages_read")).toInt() > 0);
    QCOMPARE(json.value(QStringLiteral("audit_intact")).toBool(false), true);
    const QJsonObject tables = json.value(QStringLiteral("tables")).toObject();
    QCOMPARE(tables.value(QStringLiteral("person")).toInt(), 1);
    QCOMPARE(tables.value(QStringLiteral("source_person")).toInt(), 1);
    QVERIFY(tables.value(QStringLiteral("audit")).toInt() >= 2);
    static const QRegularExpression hex(QStringLiteral("^[0-9a-f]{64}$"));
    QVERIFY(hex.match(json.value(QStringLiteral("content_hash")).toString()).hasMatch());
    QVERIFY(!run.out.contains(QStringLiteral("Quist"))); // aggregates only
}

void tst_Cli::checkContentHashIsStable()
{
    QVERIFY(!m_workspace->initStore().isEmpty());
    const CliRun json = runCli(m_workspace->withPassphrase(
        words("check --json --store") << m_workspace->store(), kCliPassphrase));
    const CliRun text = runCli(m_workspace->withPassphrase(
        words("check --store") << m_workspace->store(), kCliPassphrase));
    QCOMPARE(json.code, int(cli::ExitOk));
    QCOMPARE(text.code, int(cli::ExitOk));
    const QString hash = parseJson(json.out).value(QStringLiteral("content_hash")).toString();
    QCOMPARE(hash.size(), 64);
    QVERIFY2(text.out.contains(QStringLiteral("content_hash ") + hash), qPrintable(text.out));
}

void tst_Cli::failuresHaveTheirExitCodeAndWriteNothing_data()
{
    QTest::addColumn<QString>("damage");
    QTest::addColumn<int>("exitCode");
    QTest::newRow("wrong passphrase") << "passphrase" << int(cli::ExitWrongPassphrase);
    QTest::newRow("missing store") << "remove store" << int(cli::ExitStoreMissing);
    QTest::newRow("missing key file") << "remove key" << int(cli::ExitKeyFileMissing);
    QTest::newRow("damaged key file") << "flip key" << int(cli::ExitKeyFileDamaged);
    QTest::newRow("truncated key file") << "truncate key" << int(cli::ExitKeyFileDamaged);
    QTest::newRow("another store's key file") << "swap key" << int(cli::ExitKeyFileMismatch);
    QTest::newRow("damaged first page") << "flip page 1" << int(cli::ExitStoreDamaged);
    QTest::newRow("damaged audit_head page")
        << "flip audit_head page" << int(cli::ExitStoreDamaged);
    QTest::newRow("damaged last page") << "flip last page" << int(cli::ExitStoreDamaged);
    QTest::newRow("damaged page of an unread table")
        << "flip quarantine page" << int(cli::ExitStoreDamaged);
}

void tst_Cli::failuresHaveTheirExitCodeAndWriteNothing()
{
    QFETCH(QString, damage);
    QFETCH(int, exitCode);
    QVERIFY(!m_workspace->initStore().isEmpty());
    const auto paths = store::StorePaths::forStore(m_workspace->store());
    QByteArray secret = kCliPassphrase;
    if (damage == QLatin1String("passphrase")) {
        secret = "incorrect horse";
    } else if (damage == QLatin1String("remove store")) {
        QVERIFY(QFile::remove(paths.store));
    } else if (damage == QLatin1String("remove key")) {
        QVERIFY(QFile::remove(paths.keyFile()));
    } else if (damage == QLatin1String("flip key")) {
        flipByte(paths.keyFile(), 60);
    } else if (damage == QLatin1String("truncate key")) {
        writeFile(paths.keyFile(), test::readFile(paths.keyFile()).left(40));
    } else if (damage == QLatin1String("swap key")) {
        const QString other = m_workspace->inputPath(QStringLiteral("other.bvstore"));
        QVERIFY(!m_workspace->initStore(other).isEmpty());
        writeFile(paths.keyFile(), test::readFile(other + QStringLiteral(".key")));
    } else if (damage == QLatin1String("flip page 1")) {
        flipByte(paths.store, 100);
    } else if (damage == QLatin1String("flip last page")) {
        flipByte(paths.store, QFileInfo(paths.store).size() - 2000);
    } else if (damage.endsWith(QLatin1String(" page")) && damage.startsWith(QLatin1String("flip "))
               && damage != QLatin1String("flip last page")) {
        // The root page of a table: audit_head is read on every unlock; quarantine is read
        // by neither opening the store nor the audit, only by check.
        const QString table = damage.section(QLatin1Char(' '), 1, 1);
        qint64 rootPage = 0;
        {
            FixedClock clock(test::testEpoch());
            auto session = access::Session::unlock(paths, SecretBytes::fromView(kCliPassphrase),
                                                   test::adminContext(), clock);
            QVERIFY_RESULT(session);
            rootPage = session.value()
                           ->database()
                           .queryInt(("SELECT rootpage FROM sqlite_master WHERE name = '"
                                      + table.toStdString() + "'"))
                           .value();
        }
        flipByte(paths.store, (rootPage - 1) * store::StorePragmas{}.cipherPageSize + 2000);
    }
    const auto before = m_workspace->snapshot();
    const CliRun run = runCli(
        m_workspace->withPassphrase(words("check --store") << m_workspace->store(), secret));
    QVERIFY2(run.code == exitCode,
             qPrintable(QStringLiteral("exit %1: %2").arg(run.code).arg(run.err)));
    QVERIFY(!run.err.isEmpty());
    m_workspace->compareSnapshot(before);
}

void tst_Cli::usageErrors_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::newRow("no command") << QStringList();
    QTest::newRow("unknown command") << words("frobnicate");
    QTest::newRow("unknown option") << words("check --frobnicate");
    QTest::newRow("unexpected argument") << words("check extra");
    QTest::newRow("check without --store") << words("check");
    QTest::newRow("audit without verify") << words("audit --store x");
    QTest::newRow("backup without --out") << words("backup --store x");
    QTest::newRow("restore without --backup") << words("restore --store x");
}

void tst_Cli::usageErrors()
{
    QFETCH(QStringList, arguments);
    const CliRun run = runCli(arguments);
    QCOMPARE(run.code, int(cli::ExitUsage));
    QVERIFY(!run.err.isEmpty());
    QCOMPARE(run.asked, 0);
    QCOMPARE(m_workspace->snapshot().keys(), QStringList());
}

void tst_Cli::helpListsOptions_data()
{
    QTest::addColumn<QString>("command");
    QTest::addColumn<QStringList>("expected");
    const QHash<QString, QStringList> options{
        {QStringLiteral("init"), words("--store --passphrase-file --recovery-key-out")},
        {QStringLiteral("check"), words("--store --passphrase-file --json")},
        {QStringLiteral("passwd"), words("--store --passphrase-file --new-passphrase-file")},
        {QStringLiteral("recover"), words("--store --recovery-key-file --new-passphrase-file")},
        {QStringLiteral("backup"), words("--store --passphrase-file --out")},
        {QStringLiteral("restore"), words("--store --passphrase-file --backup")},
        {QStringLiteral("audit"), words("--store --passphrase-file --json verify")
                                      << QStringLiteral("cannot detect")},
        {QStringLiteral("demo"), words("--store --headless --persons --seed")},
        {QStringLiteral("sync"), words("--store --passphrase-file --feeds --feed --json")},
        {QStringLiteral("quarantine"), words("--store --passphrase-file --json --payload")},
        {QStringLiteral("secret"), words("--store --name --value-file set list delete")},
        {QStringLiteral("link-eval"), words("--pairs --truth --febrl")},
        {QStringLiteral("link"),
         words("--store --passphrase-file --full --reestimate --pairs-out")},
        {QStringLiteral("decision"), words("--store --person --record --reason --id --all --json")},
        {QStringLiteral("explain"), words("--store --record --with --json")},
        {QStringLiteral("link-csv"), words("--config --out --threads")},
        {QStringLiteral("search"),
         words("--store --passphrase-file --purpose --json --limit QUERY")},
        {QStringLiteral("area-query"),
         words("--store --purpose --geojson --area --flags --as-of --format --out")},
    };
    // A command missing from the table gets no expectations and fails until it is added.
    for (const auto &command : cli::allCommands())
        QTest::addRow("%s", qPrintable(command->name()))
            << command->name() << options.value(command->name());
}

void tst_Cli::helpListsOptions()
{
    QFETCH(QString, command);
    QFETCH(QStringList, expected);
    QVERIFY2(!expected.isEmpty(), "add the command's options to helpListsOptions_data");
    const CliRun run = runCli({command, QStringLiteral("--help")});
    QCOMPARE(run.code, int(cli::ExitOk));
    QCOMPARE(run.err, QString());
    const QString help = run.out.simplified();
    // link-eval and link-csv read only CSV files, never a store, so they have nothing to audit
    // a purpose in.
    const bool storeless
        = command == QLatin1String("link-eval") || command == QLatin1String("link-csv");
    for (const QString &text :
         expected
             + words(storeless ? "--log-level --help Exit" : "--purpose --log-level --help Exit"))
        QVERIFY2(help.contains(text), qPrintable(text));
    QVERIFY(!help.contains(QStringLiteral("--insecure-test-kdf")));
}

BV_TEST_MAIN(tst_Cli)
#include "tst_cli.moc"

// SPDX-License-Identifier: GPL-3.0-or-later
// The CLI's maintenance commands in-process: passwd and recover with secrets from files, the
// environment and the terminal; backup and restore; audit verify before and after tampering.
#include "access/session.h"
#include "clitestsupport.h"
#include "store/database.h"

#include <QJsonArray>
#include <QTest>

using namespace bv;
using namespace bv::test;

class tst_CliMaintenance : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void passwdChangesPassphrase_data();
    void passwdChangesPassphrase();
    void recoverSetsNewPassphrase_data();
    void recoverSetsNewPassphrase();
    void recoverWithWrongKeyExits3();
    void backupRestoreRoundTrip();
    void auditVerifyReportsTampering();

private:
    SavedEnvironment m_environment;
    std::unique_ptr<CliWorkspace> m_workspace;
};

void tst_CliMaintenance::init()
{
    m_workspace = std::make_unique<CliWorkspace>();
    QVERIFY(m_workspace->isValid());
}

void tst_CliMaintenance::cleanup()
{
    m_workspace.reset();
}

void tst_CliMaintenance::passwdChangesPassphrase_data()
{
    QTest::addColumn<QString>("source");
    QTest::newRow("--new-passphrase-file") << QStringLiteral("file");
    QTest::newRow("BROADVIEW_NEW_PASSPHRASE") << QStringLiteral("environment");
    QTest::newRow("typed twice") << QStringLiteral("prompt");
}

void tst_CliMaintenance::passwdChangesPassphrase()
{
    QFETCH(QString, source);
    QVERIFY(!m_workspace->initStore().isEmpty());
    QStringList arguments = m_workspace->withPassphrase(
        words("passwd --insecure-test-kdf --store") << m_workspace->store(), kCliPassphrase);
    QList<QByteArray> answers;
    if (source == QLatin1String("file"))
        arguments << QStringLiteral("--new-passphrase-file")
                  << m_workspace->input(QStringLiteral("new"), kCliNewPassphrase);
    else if (source == QLatin1String("environment"))
        qputenv("BROADVIEW_NEW_PASSPHRASE", kCliNewPassphrase);
    else
        answers = {kCliNewPassphrase, kCliNewPassphrase};
    const CliRun run = runCli(arguments, answers);
    QVERIFY2(run.code == cli::ExitOk, qPrintable(run.err));
    QCOMPARE(run.asked, answers.size());

    QCOMPARE(m_workspace->check(kCliPassphrase), int(cli::ExitWrongPassphrase));
    QCOMPARE(m_workspace->check(kCliNewPassphrase), int(cli::ExitOk));
    // With no file named, BROADVIEW_PASSPHRASE is read.
    qputenv("BROADVIEW_PASSPHRASE", kCliNewPassphrase);
    QCOMPARE(runCli(words("check --store") << m_workspace->store()).code, int(cli::ExitOk));
}

void tst_CliMaintenance::recoverSetsNewPassphrase_data()
{
    QTest::addColumn<QString>("source");
    QTest::newRow("--recovery-key-file") << QStringLiteral("file");
    QTest::newRow("BROADVIEW_RECOVERY_KEY") << QStringLiteral("environment");
    QTest::newRow("typed") << QStringLiteral("prompt");
}

void tst_CliMaintenance::recoverSetsNewPassphrase()
{
    QFETCH(QString, source);
    const QByteArray recoveryKey = m_workspace->initStore().toLatin1();
    QCOMPARE(recoveryKey.size(), 64);
    QStringList arguments = words("recover --insecure-test-kdf --store")
                            << m_workspace->store() << QStringLiteral("--new-passphrase-file")
                            << m_workspace->input(QStringLiteral("new"), kCliNewPassphrase);
    QList<QByteArray> answers;
    if (source == QLatin1String("file"))
        arguments << QStringLiteral("--recovery-key-file")
                  << m_workspace->input(QStringLiteral("recovery"), recoveryKey + '\n');
    else if (source == QLatin1String("environment"))
        qputenv("BROADVIEW_RECOVERY_KEY", recoveryKey);
    else
        answers = {recoveryKey};
    const CliRun run = runCli(arguments, answers);
    QVERIFY2(run.code == cli::ExitOk, qPrintable(run.err));
    QCOMPARE(run.asked, answers.size());
    QCOMPARE(m_workspace->check(kCliPassphrase), int(cli::ExitWrongPassphrase));
    QCOMPARE(m_workspace->check(kCliNewPassphrase), int(cli::ExitOk));
}

void tst_CliMaintenance::recoverWithWrongKeyExits3()
{
    QVERIFY(!m_workspace->initStore().isEmpty());
    const QString otherKey
        = m_workspace->initStore(m_workspace->inputPath(QStringLiteral("other.bvstore")));
    QCOMPARE(otherKey.size(), 64);
    const auto before = m_workspace->snapshot();
    const CliRun run = runCli(words("recover --insecure-test-kdf --store")
                              << m_workspace->store() << QStringLiteral("--recovery-key-file")
                              << m_workspace->input(QStringLiteral("recovery"), otherKey.toLatin1())
                              << QStringLiteral("--new-passphrase-file")
                              << m_workspace->input(QStringLiteral("new"), kCliNewPassphrase));
    QCOMPARE(run.code, int(cli::ExitWrongPassphrase));
    m_workspace->compareSnapshot(before);
    QCOMPARE(m_workspace->check(kCliPassphrase), int(cli::ExitOk));
}

void tst_CliMaintenance::backupRestoreRoundTrip()
{
    QVERIFY(!m_workspace->initStore().isEmpty());
    const QString backup = m_workspace->path(QStringLiteral("backup.bvstore"));
    const QString restored = m_workspace->path(QStringLiteral("restored.bvstore"));
    const QStringList backupArgs = m_workspace->withPassphrase(
        words("backup --store") << m_workspace->store() << QStringLiteral("--out") << backup,
        kCliPassphrase);
    const QStringList restoreArgs = m_workspace->withPassphrase(
        words("restore --backup") << backup << QStringLiteral("--store") << restored,
        kCliPassphrase);
    CliRun run = runCli(backupArgs);
    QVERIFY2(run.code == cli::ExitOk, qPrintable(run.err));
    for (const QString &suffix : {QString(), QStringLiteral(".key"), QStringLiteral(".audit-head")})
        QVERIFY(QFile::exists(backup + suffix));
    run = runCli(restoreArgs);
    QVERIFY2(run.code == cli::ExitOk, qPrintable(run.err));

    QList<QJsonObject> checks;
    for (const QString &store : {m_workspace->store(), restored}) {
        run = runCli(
            m_workspace->withPassphrase(words("check --json --store") << store, kCliPassphrase));
        QVERIFY2(run.code == cli::ExitOk, qPrintable(run.err));
        checks.append(parseJson(run.out));
    }
    QCOMPARE(checks[1].value(QStringLiteral("content_hash")).toString().size(), 64);
    QCOMPARE(checks[1].value(QStringLiteral("content_hash")),
             checks[0].value(QStringLiteral("content_hash")));
    QCOMPARE(checks[1].value(QStringLiteral("audit_intact")).toBool(false), true);

    // Neither overwrites, and both refuse before unlocking (and auditing) anything.
    const auto before = m_workspace->snapshot();
    QCOMPARE(runCli(backupArgs).code, int(cli::ExitStoreExists));
    QCOMPARE(runCli(restoreArgs).code, int(cli::ExitStoreExists));
    m_workspace->compareSnapshot(before);
}

void tst_CliMaintenance::auditVerifyReportsTampering()
{
    QVERIFY(!m_workspace->initStore().isEmpty());
    const QStringList verify = m_workspace->withPassphrase(
        words("audit verify --store") << m_workspace->store(), kCliPassphrase);
    CliRun run = runCli(verify);
    QVERIFY2(run.code == cli::ExitOk, qPrintable(run.err + run.out));
    {
        FixedClock clock(test::testEpoch());
        auto session = access::Session::unlock(store::StorePaths::forStore(m_workspace->store()),
                                               SecretBytes::fromView(kCliPassphrase),
                                               test::adminContext(), clock);
        QVERIFY_RESULT(session);
        store::Database &db = session.value()->database();
        QVERIFY_RESULT(db.exec("DROP TRIGGER audit_no_delete"));
        QVERIFY_RESULT(db.exec("DELETE FROM audit WHERE seq = 2"));
    }
    run = runCli(verify);
    QCOMPARE(run.code, int(cli::ExitAuditTampered));
    QVERIFY2(run.out.contains(QStringLiteral("TAMPERED")), qPrintable(run.out));
    run = runCli(verify + QStringList{QStringLiteral("--json")});
    QCOMPARE(run.code, int(cli::ExitAuditTampered));
    const QJsonObject json = parseJson(run.out);
    QCOMPARE(json.value(QStringLiteral("intact")).toBool(true), false);
    const QJsonArray findings = json.value(QStringLiteral("findings")).toArray();
    QCOMPARE(findings.size(), 1);
    QCOMPARE(findings.first().toObject().value(QStringLiteral("seq")).toInt(), 2);
}

BV_TEST_MAIN(tst_CliMaintenance)
#include "tst_climaintenance.moc"

// SPDX-License-Identifier: GPL-3.0-or-later
// No plaintext of a record reaches the disk: not the store, not its WAL (open, or left by a
// writer killed mid-write), not temporary files, not the logs. Each scan also runs on a
// control that does write plaintext, so a broken scan cannot pass.
#include "cli/command.h"
#include "common/logging.h"
#include "common/testsupport.h"
#include "store/database.h"
#include "store/personrepository.h"
#include "store/schema.h"
#include "store/statement.h"
#include "store/storefiles.h"
#include "store/transaction.h"

#include <QDateTime>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QScopeGuard>
#include <QTemporaryDir>
#include <QTest>
#include <QTextStream>

#include <cstdio>
#include <sodium.h>
#include <spdlog/spdlog.h>

using namespace bv;
using namespace bv::store;

namespace {

constexpr char kChildVariable[] = "BV_PLAINTEXT_CHILD"; // the store the child writes to
constexpr char kKeyVariable[] = "BV_PLAINTEXT_KEY";     // its raw key in hex; empty: unkeyed
constexpr char kMarkerVariable[] = "BV_PLAINTEXT_MARKER";

// Unique per row, so one row's control plaintext can never be found by another row's scan;
// the hex suffix is also one FTS token, so the index's copy of it is searched for too.
QString newMarker()
{
    return QStringLiteral("ZEBRA-MARKER-7f3a-")
           + QString::fromLatin1(
               QByteArray::number(randombytes_random(), 16).rightJustified(8, '0')
               + QByteArray::number(randombytes_random(), 16).rightJustified(8, '0'));
}

QList<QByteArray> needles(const QString &marker)
{
    QByteArray utf16(reinterpret_cast<const char *>(marker.utf16()), marker.size() * 2);
    return {marker.toUtf8(), utf16, marker.section(u'-', -1).toUtf8()};
}

// The paths among `paths` whose files hold any form of the marker. Never prints
// the marker itself, so test output cannot become a file that holds it.
QStringList filesHolding(const QStringList &paths, const QString &marker)
{
    QStringList hits;
    for (const QString &path : paths) {
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly))
            continue;
        const QByteArray bytes = file.read(256 * 1024 * 1024);
        for (const QByteArray &needle : needles(marker)) {
            if (bytes.contains(needle)) {
                hits << path;
                break;
            }
        }
    }
    return hits;
}

QStringList storeFiles(const QString &store)
{
    return {store, store + QStringLiteral("-wal"), store + QStringLiteral("-shm")};
}

// Regular files under the temp directories changed since `since`, and every regular file
// this process has open, read through /proc so that unlinked SQLite temp files count too.
QStringList tempCandidates(const QDateTime &since)
{
    QStringList paths;
    for (const QString &root : {QDir::tempPath(), QStringLiteral("/var/tmp")}) {
        QDirIterator it(root, QDir::Files | QDir::Hidden | QDir::NoSymLinks,
                        QDirIterator::Subdirectories);
        while (it.hasNext()) {
            it.next();
            // Another process's large file (a benchmark's store) is not ours to read.
            if (it.fileInfo().lastModified() >= since && it.fileInfo().size() < 64 * 1024 * 1024)
                paths << it.filePath();
        }
    }
    QDirIterator fds(QStringLiteral("/proc/self/fd"),
                     QDir::AllEntries | QDir::System | QDir::Hidden | QDir::NoDotAndDotDot);
    while (fds.hasNext()) {
        const QString fd = fds.next();
        const QString target = QFileInfo(fd).symLinkTarget();
        if (target.startsWith(u'/') && !target.startsWith(QLatin1String("/dev/"))
            && !target.startsWith(QLatin1String("/proc/")))
            paths << fd;
    }
    return paths;
}

// Feed-shaped rows carrying the marker in their free text, in one transaction.
Result<void> writeMarkedRows(Database &db, const QString &marker, int first, int count)
{
    const QString text = marker + QStringLiteral(" lives at ") + marker
                         + QStringLiteral(" lorem ipsum dolor sit amet ").repeated(30);
    auto tx = Transaction::begin(db);
    BV_TRY(tx);
    BV_TRY(db.exec("INSERT OR IGNORE INTO source(code, agency, format, endpoint) VALUES "
                   "('health', 'health', 'fhir-r4', 'https://127.0.0.1/fhir')"));
    auto person = db.prepare(
        "INSERT INTO source_person(source_id, external_id, given_name, family_name, address, "
        "received_at) VALUES (1, ?, ?, ?, ?, '2026-03-01T09:30:00.000Z')");
    BV_TRY(person);
    auto event = db.prepare("INSERT INTO event(source_id, external_id, source_person_id, "
                            "occurred_date, category, title, summary, outcome, received_at) "
                            "VALUES (1, ?, ?, '2026-02-01', 'contact', ?, ?, ?, "
                            "'2026-03-01T09:30:00.000Z')");
    BV_TRY(event);
    auto fts
        = db.prepare("INSERT INTO event_fts(docid, title, summary, outcome) VALUES (?, ?, ?, ?)");
    BV_TRY(fts);
    for (int i = first; i < first + count; ++i) {
        person->bind(1, QStringLiteral("p%1").arg(i)).bind(2, marker).bind(3, marker).bind(4, text);
        BV_TRY(person->run());
        const qint64 personId = db.lastInsertRowId();
        event->bind(1, QStringLiteral("e%1").arg(i)).bind(2, personId).bind(3, marker);
        event->bind(4, text).bind(5, marker);
        BV_TRY(event->run());
        fts->bind(1, db.lastInsertRowId()).bind(2, marker).bind(3, text).bind(4, marker);
        BV_TRY(fts->run());
    }
    return tx->commit();
}

Result<qint64> countMarked(Database &db, const QString &marker)
{
    auto stmt = db.prepare("SELECT count(*) FROM source_person WHERE family_name = ?");
    BV_TRY(stmt);
    stmt->bind(1, marker);
    BV_TRY(stmt->step());
    return stmt->int64(0);
}

Result<std::unique_ptr<Database>> openUnkeyed(const QString &path, bool create)
{
    Database::OpenOptions options;
    options.create = create;
    auto db = Database::open(path, options);
    BV_TRY(db);
    BV_TRY(Schema::migrate(*db.value()));
    return db;
}

// The child of killedWriterLeavesNoPlaintext: writes marked rows until it is killed.
int runWriterChild()
{
    const QString path = qEnvironmentVariable(kChildVariable);
    const QByteArray keyHex = qgetenv(kKeyVariable);
    const QString marker = qEnvironmentVariable(kMarkerVariable);
    auto db
        = keyHex.isEmpty()
              ? openUnkeyed(path, false)
              : StoreFiles::openWithKey(path, SecretBytes::fromView(QByteArray::fromHex(keyHex)));
    if (!db.ok()) {
        std::fprintf(stderr, "child: %s\n", qPrintable(db.error().message));
        return 3;
    }
    for (int batch = 0;; batch += 20) {
        if (auto written = writeMarkedRows(*db.value(), marker, batch, 20); !written.ok()) {
            std::fprintf(stderr, "child: %s\n", qPrintable(written.error().message));
            return 4;
        }
    }
}

class NoPrompt final : public cli::SecretPrompt
{
public:
    Result<SecretBytes> ask(const QString &) override
    {
        return makeError(ErrorCode::Usage, QStringLiteral("no terminal in tests"));
    }
};

} // namespace

class tst_Plaintext : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void storeAndOpenWalHoldNoPlaintext_data();
    void storeAndOpenWalHoldNoPlaintext();
    void killedWriterLeavesNoPlaintext_data();
    void killedWriterLeavesNoPlaintext();
    void tempFilesHoldNoPlaintext_data();
    void tempFilesHoldNoPlaintext();
    void logsHoldNoPlaintext_data();
    void logsHoldNoPlaintext();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_store;
    QString m_marker;
};

void tst_Plaintext::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_store = m_dir->filePath(QStringLiteral("plain.bvstore"));
    m_marker = newMarker();
}

void tst_Plaintext::cleanup()
{
    m_dir.reset();
}

void tst_Plaintext::storeAndOpenWalHoldNoPlaintext_data()
{
    QTest::addColumn<bool>("encrypted");
    QTest::newRow("encrypted store") << true;
    QTest::newRow("unkeyed database (control: the scan must find it)") << false;
}

void tst_Plaintext::storeAndOpenWalHoldNoPlaintext()
{
    QFETCH(bool, encrypted);
    const SecretBytes passphrase = SecretBytes::fromView("correct horse");
    {
        std::unique_ptr<Database> db;
        if (encrypted) {
            auto created = StoreFiles::create(StorePaths::forStore(m_store), passphrase,
                                              KdfParams::minimum());
            QVERIFY_RESULT(created);
            db = std::move(created->opened.db);
        } else {
            auto opened = openUnkeyed(m_store, true);
            QVERIFY_RESULT(opened);
            db = std::move(opened.value());
        }
        QVERIFY_RESULT(writeMarkedRows(*db, m_marker, 0, 200));
        QCOMPARE(countMarked(*db, m_marker).value(), qint64(200)); // the rows are really there

        // While the connection is open the rows live in the WAL.
        QVERIFY(QFileInfo(m_store + QStringLiteral("-wal")).size() > 100 * 1024);
        QCOMPARE(filesHolding(storeFiles(m_store), m_marker).isEmpty(), encrypted);
    }
    // Closed: checkpointed into the store file.
    QVERIFY(!QFile::exists(m_store + QStringLiteral("-wal")));
    const QStringList hits = filesHolding(storeFiles(m_store), m_marker);
    QCOMPARE(hits, encrypted ? QStringList() : QStringList{m_store});
}

void tst_Plaintext::killedWriterLeavesNoPlaintext_data()
{
    QTest::addColumn<bool>("encrypted");
    QTest::newRow("encrypted store") << true;
    QTest::newRow("unkeyed database (control: the scan must find it)") << false;
}

void tst_Plaintext::killedWriterLeavesNoPlaintext()
{
    QFETCH(bool, encrypted);
    QByteArray keyHex;
    if (encrypted) {
        auto created
            = StoreFiles::create(StorePaths::forStore(m_store),
                                 SecretBytes::fromView("correct horse"), KdfParams::minimum());
        QVERIFY_RESULT(created);
        keyHex = created->opened.rawKey.toHex().view().toByteArray();
    } else {
        QVERIFY_RESULT(openUnkeyed(m_store, true));
    }
    const QString wal = m_store + QStringLiteral("-wal");
    QVERIFY(!QFile::exists(wal)); // closed: the child starts from a checkpointed file

    QProcess child;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QString::fromLatin1(kChildVariable), m_store);
    env.insert(QString::fromLatin1(kKeyVariable), QString::fromLatin1(keyHex));
    env.insert(QString::fromLatin1(kMarkerVariable), m_marker);
    child.setProcessEnvironment(env);
    child.start(QCoreApplication::applicationFilePath(), {});
    QVERIFY2(child.waitForStarted(), qPrintable(child.errorString()));
    // Some hundreds of KiB of committed rows, and the child still writing more.
    QTRY_VERIFY_WITH_TIMEOUT(
        QFileInfo(wal).size() > 512 * 1024 || child.state() != QProcess::Running, 60000);
    QVERIFY2(child.state() == QProcess::Running, child.readAllStandardError().constData());
    child.kill(); // SIGKILL: no destructor, no checkpoint, no close
    QVERIFY(child.waitForFinished());
    QCOMPARE(child.exitStatus(), QProcess::CrashExit);

    QVERIFY(QFile::exists(wal));
    const QStringList hits = filesHolding(storeFiles(m_store), m_marker);
    QCOMPARE(hits.isEmpty(), encrypted);

    // The killed writer's committed rows are recovered from the WAL: the scan above looked
    // at files that really held marked rows.
    auto reopened
        = encrypted
              ? StoreFiles::openWithKey(m_store, SecretBytes::fromView(QByteArray::fromHex(keyHex)))
              : openUnkeyed(m_store, false);
    QVERIFY_RESULT(reopened);
    QVERIFY(countMarked(*reopened.value(), m_marker).value() >= 20);
}

void tst_Plaintext::tempFilesHoldNoPlaintext_data()
{
    QTest::addColumn<bool>("storePragmas");
    QTest::newRow("the store's pragmas (temp_store MEMORY)") << true;
    QTest::newRow("temp_store FILE (control: the scan must find it)") << false;
}

void tst_Plaintext::tempFilesHoldNoPlaintext()
{
    QFETCH(bool, storePragmas);
    const QDateTime since = QDateTime::currentDateTime().addSecs(-1);
    auto created = StoreFiles::create(StorePaths::forStore(m_store),
                                      SecretBytes::fromView("correct horse"), KdfParams::minimum());
    QVERIFY_RESULT(created);
    Database &db = *created->opened.db;
    // A small cache, so that a sort of a few MiB would spill to a temp file if it could.
    QVERIFY_RESULT(db.exec("PRAGMA cache_size = -256"));
    if (!storePragmas)
        QVERIFY_RESULT(db.exec("PRAGMA temp_store = FILE"));
    QVERIFY_RESULT(writeMarkedRows(db, m_marker, 0, 3000));

    // Sorted on an expression no index serves; after the first row the whole input has
    // gone through the sorter, so any temp file it needed exists and is open now.
    auto sorted = db.prepare("SELECT address || external_id FROM source_person "
                             "ORDER BY address || external_id DESC");
    QVERIFY_RESULT(sorted);
    auto first = sorted->step();
    QVERIFY_RESULT(first);
    QVERIFY(first.value());
    QVERIFY(sorted->text(0).contains(m_marker));
    // Temp tables too: a temp index for DISTINCT over the same text.
    QVERIFY_RESULT(db.exec("CREATE TEMP TABLE scratch AS SELECT DISTINCT summary || id AS s "
                           "FROM event"));

    const QStringList hits = filesHolding(tempCandidates(since), m_marker);
    QVERIFY2(hits.isEmpty() == storePragmas, qPrintable(hits.join(u' ')));
}

void tst_Plaintext::logsHoldNoPlaintext_data()
{
    QTest::addColumn<bool>("control");
    QTest::newRow("the engine, logging at trace level") << false;
    QTest::newRow("a line that names the marker (control: the scan must find it)") << true;
}

void tst_Plaintext::logsHoldNoPlaintext()
{
    QFETCH(bool, control);
    const QString logDir = m_dir->filePath(QStringLiteral("logs"));
    const QtMessageHandler testHandler = qInstallMessageHandler(nullptr);
    qInstallMessageHandler(testHandler);
    LoggingOptions options;
    options.level = spdlog::level::trace;
    options.explicitLevel = true;
    options.directory = logDir;
    setUpLogging(options);
    auto restoreLogging = qScopeGuard([testHandler] {
        setUpLogging({});
        qInstallMessageHandler(testHandler);
    });

    test::StoreFixture fixture;
    QVERIFY(fixture.isValid());
    {
        auto session = fixture.create();
        QVERIFY_RESULT(session);
        Database &db = session.value()->database();
        QVERIFY_RESULT(writeMarkedRows(db, m_marker, 0, 20));
        auto personId
            = test::insertPerson(db, QStringLiteral("health"), QStringLiteral("x1"), m_marker);
        QVERIFY_RESULT(personId);
        PersonRepository people(db, session.value()->audit());
        auto person = people.read(session.value()->context(), personId.value());
        QVERIFY_RESULT(person);
        QCOMPARE(person->records.front().familyName, m_marker);

        // A rejected value: the error, which callers log and print, names no value.
        auto bad = db.prepare("UPDATE source_person SET sex = ? WHERE id = 1");
        QVERIFY_RESULT(bad);
        bad->bind(1, m_marker);
        auto refused = bad->run();
        QVERIFY(!refused.ok());
        QVERIFY(!refused.error().message.contains(m_marker));
        spdlog::warn("update refused: {}", refused.error().message.toStdString());
        qWarning("a Qt warning routed into the log");
        if (control)
            spdlog::info("control: {}", m_marker.toStdString());
    }
    // The CLI in-process, as a person would use it: a check, and a wrong passphrase.
    const QString passphraseFile = m_dir->filePath(QStringLiteral("passphrase"));
    for (const QByteArray &secret : {fixture.passphrase(), QByteArrayLiteral("wrong")}) {
        QFile file(passphraseFile);
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write(secret);
        file.close();
        QString out;
        QTextStream stream(&out);
        NoPrompt prompt;
        cli::CommandIo io{stream, stream, prompt, fixture.clock()};
        cli::runCli({QStringLiteral("broadview"), QStringLiteral("check"),
                     QStringLiteral("--store"), fixture.paths().store,
                     QStringLiteral("--passphrase-file"), passphraseFile},
                    io);
    }
    spdlog::default_logger()->flush();

    const QString log = QDir(logDir).filePath(QStringLiteral("broadview.log"));
    QVERIFY(QFileInfo(log).size() > 0);
    const QByteArray text = test::readFile(log);
    QVERIFY(text.contains("store created"));
    QVERIFY(text.contains("a Qt warning routed into the log"));
    QCOMPARE(filesHolding({log}, m_marker).isEmpty(), !control);
}

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    bv::test::initialiseTestProcess();
    if (qEnvironmentVariableIsSet(kChildVariable))
        return runWriterChild();
    tst_Plaintext test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "tst_plaintext.moc"

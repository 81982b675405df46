// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli/command.h"
#include "cli/exitcodes.h"
#include "common/testsupport.h"
#include "store/database.h"
#include "store/keyfile.h"
#include "store/recoverykey.h"
#include "store/schema.h"
#include "store/statement.h"
#include "store/storefiles.h"
#include "store/storeinspector.h"
#include "store/transaction.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>
#include <QTextStream>

using namespace bv;
using namespace bv::store;

Q_DECLARE_METATYPE(bv::ErrorCode)

class tst_StoreFiles : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void createThenOpenRoundTrip();
    void storeBeginsWithKeyFileSalt();
    void recoveryWrapOpensStore();
    void createRefusesExisting_data();
    void createRefusesExisting();
    void openFailsInOrderAndWritesNothing_data();
    void openFailsInOrderAndWritesNothing();
    void damagedLaterPageIsFoundByCheck_data();
    void damagedLaterPageIsFoundByCheck();

private:
    [[nodiscard]] Result<CreatedStore> createStore(const StorePaths &paths);

    std::unique_ptr<QTemporaryDir> m_dir;
    StorePaths m_paths;
    const SecretBytes m_passphrase = SecretBytes::fromView(QByteArrayLiteral("correct horse"));
};

namespace {

const qint64 kPageSize = bv::store::StorePragmas{}.cipherPageSize;

// Overwrites `length` bytes at `offset` with a pattern no cipher text is likely to hold.
bool overwrite(const QString &path, qint64 offset, qint64 length)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadWrite) || !file.seek(offset))
        return false;
    return file.write(QByteArray(length, '\x5a')) == length;
}

// Every file in the directory with its bytes: "nothing written" means none changed, none
// appeared (-wal, -shm, a journal) and none went away.
QMap<QString, QByteArray> snapshot(const QString &dir)
{
    QMap<QString, QByteArray> files;
    for (const QString &name : QDir(dir).entryList(QDir::Files | QDir::Hidden))
        files.insert(name, test::readFile(QDir(dir).filePath(name)));
    return files;
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

void tst_StoreFiles::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_paths = StorePaths::forStore(m_dir->filePath(QStringLiteral("a.bvstore")));
}

void tst_StoreFiles::cleanup()
{
    m_dir.reset();
}

Result<CreatedStore> tst_StoreFiles::createStore(const StorePaths &paths)
{
    return StoreFiles::create(paths, m_passphrase, KdfParams::minimum());
}

void tst_StoreFiles::createThenOpenRoundTrip()
{
    SecretBytes rawKey;
    {
        auto created = createStore(m_paths);
        QVERIFY_RESULT(created);
        QCOMPARE(created->opened.rawKey.size(), KeyFile::kRawKeyBytes);
        QVERIFY(!created->recoveryKeyText.isEmpty());
        Database &db = *created->opened.db;
        QVERIFY_RESULT(db.exec("INSERT INTO store_meta(key, value) VALUES ('probe', 'kept')"));
        rawKey = SecretBytes(created->opened.rawKey.data(), created->opened.rawKey.size());
    }
    QVERIFY(QFile::exists(m_paths.store));
    QVERIFY(QFile::exists(m_paths.keyFile()));
    QCOMPARE(QFile::permissions(m_paths.keyFile()) & 0x0077, QFileDevice::Permissions());

    auto opened = StoreFiles::open(m_paths, WrapKind::Passphrase, m_passphrase);
    QVERIFY_RESULT(opened);
    QVERIFY(opened->rawKey.equals(rawKey));
    QCOMPARE(Schema::currentVersion(*opened->db).value(), Schema::latestVersion());
    QCOMPARE(opened->db->queryText("SELECT value FROM store_meta WHERE key = 'probe'").value(),
             QStringLiteral("kept"));
    QCOMPARE(opened->db->queryText("PRAGMA journal_mode").value(), QStringLiteral("wal"));
    QCOMPARE(opened->db->queryInt("PRAGMA temp_store").value(), 2); // MEMORY
}

void tst_StoreFiles::storeBeginsWithKeyFileSalt()
{
    {
        auto created = createStore(m_paths);
        QVERIFY_RESULT(created);
    } // closed

    auto keyFile = KeyFile::load(m_paths.keyFile());
    QVERIFY_RESULT(keyFile);
    const QByteArray head = test::readFile(m_paths.store).left(16);
    QCOMPARE(head, QByteArray(reinterpret_cast<const char *>(keyFile->storeSalt.data()), 16));
    QVERIFY(keyFile->storeSalt != StoreSalt{});
    QVERIFY(!test::readFile(m_paths.store).startsWith("SQLite format 3"));
    auto salt = StoreFiles::readStoreSalt(m_paths.store);
    QVERIFY_RESULT(salt);
    QVERIFY(salt.value() == keyFile->storeSalt);
}

void tst_StoreFiles::recoveryWrapOpensStore()
{
    SecretBytes rawKey;
    SecretBytes recoveryText;
    {
        auto created = createStore(m_paths);
        QVERIFY_RESULT(created);
        rawKey = SecretBytes(created->opened.rawKey.data(), created->opened.rawKey.size());
        recoveryText = std::move(created->recoveryKeyText);
    }
    auto recoveryKey = RecoveryKey::parse(recoveryText);
    QVERIFY_RESULT(recoveryKey);
    auto opened = StoreFiles::open(m_paths, WrapKind::Recovery, recoveryKey.value());
    QVERIFY_RESULT(opened);
    QVERIFY(opened->rawKey.equals(rawKey));

    // The passphrase is not a recovery key, nor the other way round.
    auto wrongWrap = StoreFiles::open(m_paths, WrapKind::Recovery, m_passphrase);
    QVERIFY(!wrongWrap.ok());
    QCOMPARE(wrongWrap.error().code, ErrorCode::WrongPassphrase);
}

void tst_StoreFiles::createRefusesExisting_data()
{
    QTest::addColumn<bool>("storeExists");
    QTest::addColumn<bool>("keyFileExists");
    QTest::newRow("store exists") << true << false;
    QTest::newRow("key file exists") << false << true;
    QTest::newRow("both exist") << true << true;
}

void tst_StoreFiles::createRefusesExisting()
{
    QFETCH(bool, storeExists);
    QFETCH(bool, keyFileExists);
    for (const auto &[exists, path] :
         {std::pair{storeExists, m_paths.store}, std::pair{keyFileExists, m_paths.keyFile()}}) {
        if (!exists)
            continue;
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("precious, not ours to overwrite");
    }
    const auto before = snapshot(m_dir->path());

    auto created = createStore(m_paths);
    QVERIFY(!created.ok());
    QCOMPARE(created.error().code, ErrorCode::StoreExists);
    QVERIFY2(created.error().message.contains(QLatin1String("already exists")),
             qPrintable(created.error().message));
    QCOMPARE(snapshot(m_dir->path()), before);
}

void tst_StoreFiles::openFailsInOrderAndWritesNothing_data()
{
    QTest::addColumn<QByteArrayList>("damage");
    QTest::addColumn<QByteArray>("passphrase");
    QTest::addColumn<ErrorCode>("code");
    const QByteArray right = QByteArrayLiteral("correct horse");
    const QByteArray wrong = QByteArrayLiteral("incorrect horse");
    const QByteArrayList none;
    QTest::newRow("missing store")
        << QByteArrayList{"remove store"} << right << ErrorCode::StoreMissing;
    QTest::newRow("missing key file")
        << QByteArrayList{"remove key file"} << right << ErrorCode::KeyFileMissing;
    QTest::newRow("damaged key file")
        << QByteArrayList{"flip key file byte"} << right << ErrorCode::KeyFileDamaged;
    QTest::newRow("key file from another store")
        << QByteArrayList{"swap key files"} << right << ErrorCode::KeyFileMismatch;
    QTest::newRow("wrong passphrase") << none << wrong << ErrorCode::WrongPassphrase;
    QTest::newRow("damaged first page")
        << QByteArrayList{"damage page 1"} << right << ErrorCode::StoreDamaged;
    QTest::newRow("store's salt bytes damaged (not another store's key file)")
        << QByteArrayList{"damage salt"} << right << ErrorCode::StoreDamaged;
    QTest::newRow("damaged salt and wrong passphrase: cannot tell, another store")
        << QByteArrayList{"damage salt"} << wrong << ErrorCode::KeyFileMismatch;
    QTest::newRow("store shorter than its salt")
        << QByteArrayList{"truncate store"} << right << ErrorCode::StoreDamaged;
    // The order of the checks: each row fails two of them and must name the earlier.
    QTest::newRow("order: missing store before missing key file")
        << QByteArrayList{"remove store", "remove key file"} << right << ErrorCode::StoreMissing;
    QTest::newRow("order: damaged key file before another store's")
        << QByteArrayList{"swap key files", "flip key file byte"} << right
        << ErrorCode::KeyFileDamaged;
    QTest::newRow("order: another store's key file before the passphrase")
        << QByteArrayList{"swap key files"} << wrong << ErrorCode::KeyFileMismatch;
    QTest::newRow("order: damaged key file before the passphrase")
        << QByteArrayList{"flip key file byte"} << wrong << ErrorCode::KeyFileDamaged;
    QTest::newRow("order: passphrase before a damaged store")
        << QByteArrayList{"damage page 1"} << wrong << ErrorCode::WrongPassphrase;
}

void tst_StoreFiles::openFailsInOrderAndWritesNothing()
{
    QFETCH(QByteArrayList, damage);
    QFETCH(QByteArray, passphrase);
    QFETCH(ErrorCode, code);
    const StorePaths other = StorePaths::forStore(m_dir->filePath(QStringLiteral("b.bvstore")));
    {
        auto a = createStore(m_paths);
        QVERIFY_RESULT(a);
        auto b = createStore(other);
        QVERIFY_RESULT(b);
    } // both closed: no -wal or -shm left

    for (const QByteArray &step : damage) {
        if (step == "remove store") {
            QVERIFY(QFile::remove(m_paths.store));
        } else if (step == "remove key file") {
            QVERIFY(QFile::remove(m_paths.keyFile()));
        } else if (step == "flip key file byte") {
            QVERIFY(overwrite(m_paths.keyFile(), 60, 1));
        } else if (step == "swap key files") {
            const QString parked = m_paths.keyFile() + QStringLiteral(".parked");
            QVERIFY(QFile::rename(m_paths.keyFile(), parked));
            QVERIFY(QFile::rename(other.keyFile(), m_paths.keyFile()));
            QVERIFY(QFile::rename(parked, other.keyFile()));
        } else if (step == "damage page 1") {
            QVERIFY(overwrite(m_paths.store, 16 + 1000, 64)); // past the salt, mid-page
        } else if (step == "damage salt") {
            QVERIFY(overwrite(m_paths.store, 0, 16));
        } else if (step == "truncate store") {
            QVERIFY(QFile::resize(m_paths.store, 10));
        } else {
            QFAIL(QByteArray("unknown damage: " + step).constData());
        }
    }
    const auto before = snapshot(m_dir->path());

    auto opened
        = StoreFiles::open(m_paths, WrapKind::Passphrase, SecretBytes::fromView(passphrase));
    QVERIFY(!opened.ok());
    QCOMPARE(opened.error().code, code);
    QVERIFY(!opened.error().message.isEmpty());
    QCOMPARE(snapshot(m_dir->path()), before);
}

void tst_StoreFiles::damagedLaterPageIsFoundByCheck_data()
{
    QTest::addColumn<double>("where"); // as a fraction of the file's pages; 0 for none
    QTest::newRow("intact store (control)") << 0.0;
    QTest::newRow("last page") << 1.0;
    QTest::newRow("a data page in the middle") << 0.75;
}

void tst_StoreFiles::damagedLaterPageIsFoundByCheck()
{
    QFETCH(double, where);
    test::StoreFixture fixture;
    QVERIFY(fixture.isValid());
    {
        auto session = fixture.create();
        QVERIFY_RESULT(session);
        Database &db = session.value()->database();
        auto tx = Transaction::begin(db);
        QVERIFY_RESULT(tx);
        // Enough rows that the later pages of the file hold them, not the schema.
        for (int i = 0; i < 1200; ++i) {
            QVERIFY_RESULT(test::insertPerson(db, QStringLiteral("health"),
                                              QStringLiteral("ext-%1").arg(i),
                                              QStringLiteral("Family%1").arg(i).repeated(20)));
        }
        QVERIFY_RESULT(tx->commit());
    }
    const QString store = fixture.paths().store;
    const qint64 pages = QFileInfo(store).size() / kPageSize;
    // Well past the schema's pages (about 40 of 4 KiB, 25 of 8 KiB).
    QVERIFY2(pages > 75, qPrintable(QString::number(pages)));
    const qint64 page = static_cast<qint64>(where * double(pages)); // 1-based
    if (page > 0)
        QVERIFY(overwrite(store, (page - 1) * kPageSize + kPageSize / 2, 64));
    const auto before = snapshot(fixture.dir());

    {
        // The schema pages are intact, so the open succeeds: 3.4.1 finds a page only on read.
        auto opened = StoreFiles::open(fixture.paths(), WrapKind::Passphrase,
                                       SecretBytes::fromView(fixture.passphrase()));
        QVERIFY_RESULT(opened);
        auto report = StoreInspector::checkIntegrity(*opened->db);
        QVERIFY_RESULT(report);
        const QString problems = report->problems.join(u'\n');
        if (page == 0) {
            QVERIFY2(report->problems.isEmpty(), qPrintable(problems));
            QCOMPARE(report->pagesRead, pages);
            QCOMPARE(report->pageSize, kPageSize);
        } else {
            QVERIFY(!report->problems.isEmpty());
            // Found by reading every page, and again by integrity_check, which names it.
            QVERIFY2(problems.contains(QLatin1String("Reading every page failed"))
                         || problems.contains(QLatin1String("A page did not decrypt")),
                     qPrintable(problems));
            QVERIFY2(problems.contains(QStringLiteral("Page %1:").arg(page)), qPrintable(problems));
        }
    }
    QCOMPARE(snapshot(fixture.dir()), before); // checking wrote nothing either

    const QString passphraseFile = QDir(fixture.dir()).filePath(QStringLiteral("passphrase"));
    QFile file(passphraseFile);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(fixture.passphrase());
    file.close();
    QString out;
    QString err;
    QTextStream outStream(&out);
    QTextStream errStream(&err);
    NoPrompt prompt;
    cli::CommandIo io{outStream, errStream, prompt, fixture.clock()};
    const int exit = cli::runCli({QStringLiteral("broadview"), QStringLiteral("check"),
                                  QStringLiteral("--store"), store,
                                  QStringLiteral("--passphrase-file"), passphraseFile},
                                 io);
    outStream.flush();
    errStream.flush();
    QVERIFY2(exit == (page == 0 ? cli::ExitOk : cli::ExitStoreDamaged), qPrintable(out + err));
}

BV_TEST_MAIN(tst_StoreFiles)
#include "tst_storefiles.moc"

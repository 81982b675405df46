// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/testsupport.h"
#include "store/database.h"
#include "store/schema.h"
#include "store/statement.h"
#include "store/storefiles.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <string>
#include <vector>

using namespace bv;
using namespace bv::store;

class tst_Schema : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void migrateNewStoreGivesLatestVersion();
    void migrateAgainIsNoOp();
    void newerSchemaIsRefusedAndStoreUnchanged();
    void v5DropsTheFrozenModelAndKeepsTheReviewQueue();
    void customStepsApplyOnlyTheMissingOne();
    void badStepRollsBackEntirely_data();
    void badStepRollsBackEntirely();
    void dataModelTableExists_data();
    void dataModelTableExists();
    void fts4MatchFindsEvents();
    void rtreeRangeQueryFindsPlaces();

private:
    [[nodiscard]] Result<std::unique_ptr<Database>> openStore(bool create = false);
    QString storePath() const { return m_dir->filePath(QStringLiteral("schema.bvstore")); }

    std::unique_ptr<QTemporaryDir> m_dir;
    SecretBytes m_key;
    std::unique_ptr<Database> m_db;
};

namespace {

// Every row of sqlite_master, so that "unchanged" means every table, index, trigger and
// their SQL.
QStringList schemaSnapshot(Database &db)
{
    QStringList rows;
    auto stmt = db.prepare("SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY name");
    if (!stmt.ok())
        return {stmt.error().message};
    while (stmt->step().value())
        rows << QStringList{stmt->text(0), stmt->text(1), stmt->text(2), stmt->text(3)}.join(u'|');
    return rows;
}

QStringList versionRows(Database &db)
{
    QStringList rows;
    auto stmt = db.prepare("SELECT version, applied_at FROM schema_version ORDER BY version");
    if (!stmt.ok())
        return {stmt.error().message};
    while (stmt->step().value())
        rows << QStringLiteral("%1@%2").arg(stmt->int64(0)).arg(stmt->text(1));
    return rows;
}

bool hasTable(Database &db, const QString &name)
{
    auto stmt = db.prepare("SELECT count(*) FROM sqlite_master WHERE name = ?");
    if (!stmt.ok())
        return false;
    stmt->bind(1, name);
    return stmt->step().value() && stmt->int64(0) == 1;
}

// The shipped steps followed by one more written for the test.
std::vector<Migration> shippedPlus(std::string_view extraSql)
{
    std::vector<Migration> steps(Schema::migrations().begin(), Schema::migrations().end());
    steps.push_back({Schema::latestVersion() + 1, extraSql});
    return steps;
}

} // namespace

Result<std::unique_ptr<Database>> tst_Schema::openStore(bool create)
{
    const SecretBytes spec = StoreFiles::keySpec(m_key);
    Database::OpenOptions options;
    options.create = create;
    options.keySpec = &spec;
    return Database::open(storePath(), options);
}

void tst_Schema::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_key = SecretBytes::random(32);
    auto db = openStore(true);
    QVERIFY_RESULT(db);
    m_db = std::move(db.value());
}

void tst_Schema::cleanup()
{
    m_db.reset();
    m_dir.reset();
}

void tst_Schema::migrateNewStoreGivesLatestVersion()
{
    QCOMPARE(Schema::currentVersion(*m_db).value(), 0);
    auto migrated = Schema::migrate(*m_db);
    QVERIFY_RESULT(migrated);
    QCOMPARE(migrated.value(), Schema::latestVersion());
    QCOMPARE(Schema::currentVersion(*m_db).value(), Schema::latestVersion());
    QCOMPARE(versionRows(*m_db).size(), static_cast<qsizetype>(Schema::migrations().size()));
}

void tst_Schema::migrateAgainIsNoOp()
{
    QVERIFY_RESULT(Schema::migrate(*m_db));
    const QStringList schemaBefore = schemaSnapshot(*m_db);
    const QStringList versionsBefore = versionRows(*m_db);
    QVERIFY(schemaBefore.size() > 20);

    auto again = Schema::migrate(*m_db);
    QVERIFY_RESULT(again);
    QCOMPARE(again.value(), Schema::latestVersion());
    QCOMPARE(versionRows(*m_db), versionsBefore);
    QCOMPARE(schemaSnapshot(*m_db), schemaBefore);

    // And across a reopen, as every unlock does.
    m_db.reset();
    auto reopened = StoreFiles::openWithKey(storePath(), m_key);
    QVERIFY_RESULT(reopened);
    QCOMPARE(versionRows(*reopened.value()), versionsBefore);
    QCOMPARE(schemaSnapshot(*reopened.value()), schemaBefore);
}

void tst_Schema::newerSchemaIsRefusedAndStoreUnchanged()
{
    QVERIFY_RESULT(Schema::migrate(*m_db));
    auto future = m_db->prepare("INSERT INTO schema_version(version, applied_at) VALUES (?, ?)");
    QVERIFY_RESULT(future);
    future->bind(1, Schema::latestVersion() + 1).bind(2, QStringLiteral("2031-01-01T00:00:00Z"));
    QVERIFY_RESULT(future->run());
    m_db.reset(); // checkpoints and removes the WAL

    const QString wal = storePath() + QStringLiteral("-wal");
    const QByteArray storeBefore = test::readFile(storePath());
    const bool walExistedBefore = QFile::exists(wal);
    const QByteArray walBefore = test::readFile(wal);
    QVERIFY(!storeBefore.isEmpty());

    {
        auto db = openStore();
        QVERIFY_RESULT(db);
        auto refused = Schema::migrate(*db.value());
        QVERIFY(!refused.ok());
        QCOMPARE(refused.error().code, ErrorCode::SchemaTooNew);
        QVERIFY2(refused.error().message.contains(QString::number(Schema::latestVersion() + 1)),
                 qPrintable(refused.error().message));
        QCOMPARE(Schema::currentVersion(*db.value()).value(), Schema::latestVersion() + 1);
    }
    {
        auto refused = StoreFiles::openWithKey(storePath(), m_key);
        QVERIFY(!refused.ok());
        QCOMPARE(refused.error().code, ErrorCode::SchemaTooNew);
    }

    QCOMPARE(test::readFile(storePath()), storeBefore);
    QCOMPARE(QFile::exists(wal), walExistedBefore);
    QCOMPARE(test::readFile(wal), walBefore);
}

void tst_Schema::v5DropsTheFrozenModelAndKeepsTheReviewQueue()
{
    const auto shipped = Schema::migrations();
    const std::vector<Migration> upToV4(shipped.begin(), shipped.begin() + 4);
    QCOMPARE(upToV4.back().version, 4);
    QVERIFY_RESULT(Schema::migrate(*m_db, upToV4));
    QVERIFY_RESULT(m_db->exec(
        "INSERT INTO source(id, code, agency, format, endpoint) "
        "VALUES (1, 'health', 'health', 'fhir-r4', 'https://127.0.0.1/');"
        "INSERT INTO source_person(id, source_id, external_id, received_at) VALUES "
        "(1, 1, 'a', '2026-01-01T00:00:00Z'), (2, 1, 'b', '2026-01-01T00:00:00Z');"
        "INSERT INTO link_review VALUES (1, 2, 3.5, 0.2, 'uncertain', '2026-01-01T00:00:00Z');"
        "INSERT INTO link_parameters VALUES (1, '{}', '2026-01-01T00:00:00Z', 'tester');"
        "INSERT INTO link_term_share VALUES ('given_name', 'SAM', 0.01);"));

    QVERIFY_RESULT(Schema::migrate(*m_db));
    // The model no longer fits the comparison levels: the next link estimates a new one.
    QCOMPARE(m_db->queryInt("SELECT count(*) FROM link_parameters").value(), 0);
    QCOMPARE(m_db->queryInt("SELECT count(*) FROM link_term_share").value(), 0);
    QCOMPARE(m_db->queryInt("SELECT count(*) FROM link_review WHERE reason = 'uncertain'").value(),
             1);
    QVERIFY_RESULT(m_db->exec("INSERT INTO link_review VALUES "
                              "(2, 1, 9.0, 0.9, 'ambiguous', '2026-01-01T00:00:00Z')"));
    QVERIFY(!m_db->exec("INSERT INTO link_review VALUES "
                        "(1, 1, 9.0, 0.9, 'unknown', '2026-01-01T00:00:00Z')")
                 .ok());
}

void tst_Schema::customStepsApplyOnlyTheMissingOne()
{
    const std::vector<Migration> v1{Schema::migrations().front()};
    auto first = Schema::migrate(*m_db, v1);
    QVERIFY_RESULT(first);
    QCOMPARE(first.value(), v1.back().version);
    QVERIFY_RESULT(m_db->exec("INSERT INTO store_meta(key, value) VALUES ('kept', 'yes')"));

    const auto steps = shippedPlus("CREATE TABLE test_extra (id INTEGER PRIMARY KEY, note TEXT);");
    const int target = steps.back().version;
    auto second = Schema::migrate(*m_db, steps);
    QVERIFY_RESULT(second); // re-running v1's CREATE TABLEs would fail: "already exists"
    QCOMPARE(second.value(), target);
    QVERIFY(hasTable(*m_db, QStringLiteral("test_extra")));
    QCOMPARE(m_db->queryText("SELECT value FROM store_meta WHERE key = 'kept'").value(),
             QStringLiteral("yes"));

    QStringList versions;
    auto stmt = m_db->prepare("SELECT version FROM schema_version ORDER BY version");
    QVERIFY_RESULT(stmt);
    while (stmt->step().value())
        versions << QString::number(stmt->int64(0));
    QStringList expected;
    for (const Migration &step : steps)
        expected << QString::number(step.version);
    QCOMPARE(versions, expected);

    // Once past the shipped steps, the shipped list is refused as too old for the store.
    auto older = Schema::migrate(*m_db);
    QVERIFY(!older.ok());
    QCOMPARE(older.error().code, ErrorCode::SchemaTooNew);
}

void tst_Schema::badStepRollsBackEntirely_data()
{
    QTest::addColumn<QByteArray>("sql");
    QTest::newRow("syntax error after a table")
        << QByteArrayLiteral("CREATE TABLE partial_a (x INTEGER); CREATE TABLE partial_b (;");
    QTest::newRow("constraint failure after a table and data")
        << QByteArrayLiteral("CREATE TABLE partial_a (x INTEGER NOT NULL); "
                             "INSERT INTO partial_a VALUES (1); INSERT INTO partial_a VALUES "
                             "(NULL);");
    QTest::newRow("missing table after an index and a table")
        << QByteArrayLiteral("CREATE TABLE partial_a (x INTEGER); "
                             "CREATE INDEX partial_a_x ON partial_a(x); "
                             "INSERT INTO no_such_table VALUES (1);");
    QTest::newRow("change to an existing table, then an error")
        << QByteArrayLiteral("ALTER TABLE store_meta RENAME TO partial_a; SELECT RAISE(ABORT, x);");
}

void tst_Schema::badStepRollsBackEntirely()
{
    QFETCH(QByteArray, sql);
    QVERIFY_RESULT(Schema::migrate(*m_db));
    const QStringList schemaBefore = schemaSnapshot(*m_db);
    const QStringList versionsBefore = versionRows(*m_db);

    const auto steps = shippedPlus(std::string_view(sql.constData(), sql.size()));
    auto result = Schema::migrate(*m_db, steps);
    QVERIFY(!result.ok());
    QVERIFY(!result.error().message.isEmpty());
    QVERIFY(!m_db->inTransaction());

    QCOMPARE(Schema::currentVersion(*m_db).value(), Schema::latestVersion());
    QCOMPARE(versionRows(*m_db), versionsBefore);
    QCOMPARE(schemaSnapshot(*m_db), schemaBefore);
    QVERIFY(!hasTable(*m_db, QStringLiteral("partial_a")));
    QVERIFY(hasTable(*m_db, QStringLiteral("store_meta")));
}

void tst_Schema::dataModelTableExists_data()
{
    QTest::addColumn<QString>("table");
    QTest::addColumn<QString>("module"); // empty for an ordinary table
    for (const char *name : {"source", "source_person", "event", "annotation", "address_period",
                             "flag", "relationship", "person", "person_link", "place", "audit",
                             "audit_head", "quarantine", "secret", "store_meta", "schema_version"})
        QTest::newRow(name) << QString::fromLatin1(name) << QString();
    QTest::newRow("event_fts") << QStringLiteral("event_fts") << QStringLiteral("fts4");
    QTest::newRow("place_rtree") << QStringLiteral("place_rtree") << QStringLiteral("rtree");
}

void tst_Schema::dataModelTableExists()
{
    QFETCH(QString, table);
    QFETCH(QString, module);
    QVERIFY_RESULT(Schema::migrate(*m_db));

    auto stmt = m_db->prepare("SELECT type, sql FROM sqlite_master WHERE name = ?");
    QVERIFY_RESULT(stmt);
    stmt->bind(1, table);
    auto row = stmt->step();
    QVERIFY_RESULT(row);
    QVERIFY2(row.value(), qPrintable(table + QStringLiteral(" is missing")));
    QCOMPARE(stmt->text(0), QStringLiteral("table"));
    const QString sql = stmt->text(1).simplified();
    if (module.isEmpty()) {
        QVERIFY2(!sql.contains(QLatin1String("VIRTUAL"), Qt::CaseInsensitive), qPrintable(sql));
    } else {
        QVERIFY2(sql.contains(QStringLiteral("USING ") + module, Qt::CaseInsensitive),
                 qPrintable(sql));
    }
    // A table that cannot be read (a virtual table whose module is not compiled in) fails here.
    QVERIFY_RESULT(m_db->queryInt("SELECT count(*) FROM " + table.toStdString()));
}

void tst_Schema::fts4MatchFindsEvents()
{
    QVERIFY_RESULT(Schema::migrate(*m_db));
    QVERIFY_RESULT(test::insertPerson(*m_db, QStringLiteral("health"), QStringLiteral("p1"),
                                      QStringLiteral("Okafor")));
    const struct
    {
        const char *title;
        const char *summary;
        const char *outcome;
    } events[] = {
        {"Home fire safety visit", "Smoke alarms fitted in the hallway", "Advice given"},
        {"Flood warning", "River level rising near the property", "Moved to higher floor"},
        {"School attendance", "Absent for three days", "Letter sent home"},
    };
    auto insert = m_db->prepare(
        "INSERT INTO event(source_id, external_id, source_person_id, occurred_date, category, "
        "title, summary, outcome, received_at) VALUES (1, ?, 1, '2026-02-01', 'contact', ?, ?, ?, "
        "'2026-03-01T09:30:00.000Z')");
    QVERIFY_RESULT(insert);
    int n = 0;
    for (const auto &event : events) {
        insert->bind(1, QStringLiteral("e%1").arg(++n))
            .bind(2, QString::fromUtf8(event.title))
            .bind(3, QString::fromUtf8(event.summary))
            .bind(4, QString::fromUtf8(event.outcome));
        QVERIFY_RESULT(insert->run());
    }
    // External content: the index is filled from event, as the repositories will.
    QVERIFY_RESULT(m_db->exec("INSERT INTO event_fts(docid, title, summary, outcome) "
                              "SELECT id, title, summary, outcome FROM event"));

    auto matches = [this](const QString &query) {
        auto stmt = m_db->prepare(
            "SELECT e.external_id FROM event_fts JOIN event e ON e.id = event_fts.docid "
            "WHERE event_fts MATCH ? ORDER BY e.id");
        if (!stmt.ok())
            return QStringList{stmt.error().message};
        stmt->bind(1, query);
        QStringList found;
        while (stmt->step().value())
            found << stmt->text(0);
        return found;
    };
    QCOMPARE(matches(QStringLiteral("flood")), QStringList{QStringLiteral("e2")});
    QCOMPARE(matches(QStringLiteral("smok*")), QStringList{QStringLiteral("e1")});
    QCOMPARE(matches(QStringLiteral("outcome:letter")), QStringList{QStringLiteral("e3")});
    QCOMPARE(matches(QStringLiteral("\"river level\"")), QStringList{QStringLiteral("e2")});
    QCOMPARE(matches(QStringLiteral("home")),
             (QStringList{QStringLiteral("e1"), QStringLiteral("e3")}));
    QCOMPARE(matches(QStringLiteral("burglary")), QStringList());
}

void tst_Schema::rtreeRangeQueryFindsPlaces()
{
    QVERIFY_RESULT(Schema::migrate(*m_db));
    // Points as degenerate boxes: (id, lon, lat).
    const struct
    {
        qint64 id;
        double lon;
        double lat;
    } places[] = {{1, -1.10, 52.95}, {2, -1.15, 52.97}, {3, -0.50, 53.20}, {4, -1.12, 52.10}};
    auto place
        = m_db->prepare("INSERT INTO place(id, owner_kind, owner_id) VALUES (?, 'event', ?)");
    QVERIFY_RESULT(place);
    auto box = m_db->prepare("INSERT INTO place_rtree(id, min_lon, max_lon, min_lat, max_lat) "
                             "VALUES (?, ?, ?, ?, ?)");
    QVERIFY_RESULT(box);
    for (const auto &p : places) {
        place->bind(1, p.id).bind(2, p.id);
        QVERIFY_RESULT(place->run());
        box->bind(1, p.id).bind(2, p.lon).bind(3, p.lon).bind(4, p.lat).bind(5, p.lat);
        QVERIFY_RESULT(box->run());
    }

    auto within = [this](double west, double east, double south, double north) {
        auto stmt = m_db->prepare("SELECT p.id FROM place_rtree r JOIN place p ON p.id = r.id "
                                  "WHERE r.min_lon >= ? AND r.max_lon <= ? "
                                  "AND r.min_lat >= ? AND r.max_lat <= ? ORDER BY p.id");
        if (!stmt.ok())
            return QList<qint64>{-1};
        QList<qint64> ids;
        stmt->bind(1, west).bind(2, east).bind(3, south).bind(4, north);
        while (stmt->step().value())
            ids << stmt->int64(0);
        return ids;
    };
    QCOMPARE(within(-1.2, -1.0, 52.9, 53.0), (QList<qint64>{1, 2}));
    QCOMPARE(within(-1.2, -0.4, 52.0, 53.5), (QList<qint64>{1, 2, 3, 4}));
    QCOMPARE(within(-0.6, -0.4, 53.1, 53.3), QList<qint64>{3});
    QCOMPARE(within(0.0, 1.0, 50.0, 51.0), QList<qint64>());
}

BV_TEST_MAIN(tst_Schema)
#include "tst_schema.moc"

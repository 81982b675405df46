// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/testsupport.h"
#include "feeds/feedmapping.h"
#include "feedtestsupport.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace bv;
using namespace bv::feeds;

namespace {

const char kGoodFeeds[] = R"({
  "origin": "https://127.0.0.1:9443",
  "feeds": [
    {"id": "health", "agency": "health", "format": "fhir-r4", "baseUrl": "/health",
     "mapping": "health.mapping.json",
     "auth": {"kind": "client_credentials", "tokenUrl": "/oauth/token",
              "clientId": "broadview-health", "secretRef": "feed.health.client_secret"},
     "tls": {"verify": true, "caFile": "certs/ca.pem", "clientCert": "certs/client.pem",
             "clientKeyRef": "feed.health.tls_key"},
     "pageSize": 200},
    {"id": "police", "agency": "police", "format": "json",
     "baseUrl": "https://police.example.org/api/", "mapping": "police.mapping.json",
     "enabled": false},
    {"id": "local", "agency": "housing", "format": "csv",
     "baseUrl": "http://127.0.0.1:8080/housing/", "mapping": "housing.mapping.json",
     "auth": {"kind": "none"}, "tls": {"allowPlainHttp": true}}
  ]
})";

// A good feed; each mistake row replaces or adds one key.
QByteArray feedsWith(const QByteArray &feedJson, const QByteArray &top = QByteArray())
{
    return QByteArrayLiteral("{") + top + QByteArrayLiteral("\"feeds\": [") + feedJson
           + QByteArrayLiteral("]}");
}

const QByteArray kFeedStart = QByteArrayLiteral(
    R"("id": "health", "agency": "health", "format": "fhir-r4", "mapping": "health.mapping.json")");

} // namespace

class tst_FeedConfig : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void goodFile();
    void originOverride();
    void shippedFeedsFileLoads();
    void everyShippedMappingMakesAnAdapter();
    void mistakesAreNamed_data();
    void mistakesAreNamed();
    void inlineSecretRefused_data();
    void inlineSecretRefused();
    void mappingMistakesAreNamed_data();
    void mappingMistakesAreNamed();
    void unreadableFiles();

private:
    QString write(const QString &name, const QByteArray &content);
    void copyShippedMappings();

    std::unique_ptr<QTemporaryDir> m_dir;
};

void tst_FeedConfig::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    copyShippedMappings();
}

QString tst_FeedConfig::write(const QString &name, const QByteArray &content)
{
    const QString path = m_dir->filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(content) != content.size())
        return QString();
    return path;
}

void tst_FeedConfig::copyShippedMappings()
{
    const QDir shipped(test::shippedFeedsDir());
    for (const QString &name : shipped.entryList({QStringLiteral("*.mapping.json")}, QDir::Files))
        QVERIFY(QFile::copy(shipped.filePath(name), m_dir->filePath(name)));
}

void tst_FeedConfig::goodFile()
{
    const QString path = write(QStringLiteral("feeds.json"), QByteArray(kGoodFeeds));
    const Result<FeedsFile> file = loadFeedsFile(path);
    QVERIFY_RESULT(file);
    QCOMPARE(file->feeds.size(), size_t(3));

    const FeedConfig &health = file->feeds[0];
    QCOMPARE(health.id, QStringLiteral("health"));
    QCOMPARE(health.format, QStringLiteral("fhir-r4"));
    QCOMPARE(health.baseUrl, QUrl(QStringLiteral("https://127.0.0.1:9443/health/")));
    QCOMPARE(health.auth.kind, FeedAuth::Kind::ClientCredentials);
    QCOMPARE(health.auth.tokenUrl, QUrl(QStringLiteral("https://127.0.0.1:9443/oauth/token")));
    QCOMPARE(health.auth.clientId, QStringLiteral("broadview-health"));
    QCOMPARE(health.auth.secretRef, QStringLiteral("feed.health.client_secret"));
    QCOMPARE(health.auth.scope, QStringLiteral("health")); // the feed id by default
    QCOMPARE(health.mappingFile, m_dir->filePath(QStringLiteral("health.mapping.json")));
    QCOMPARE(health.tls.caFile, m_dir->filePath(QStringLiteral("certs/ca.pem")));
    QCOMPARE(health.tls.clientCertFile, m_dir->filePath(QStringLiteral("certs/client.pem")));
    QCOMPARE(health.tls.clientKeyRef, QStringLiteral("feed.health.tls_key"));
    QVERIFY(health.tls.verifyPeer);
    QCOMPARE(health.pageSize, 200);
    QVERIFY(health.enabled);

    const FeedConfig &police = file->feeds[1];
    QCOMPARE(police.baseUrl, QUrl(QStringLiteral("https://police.example.org/api/")));
    QCOMPARE(police.auth.kind, FeedAuth::Kind::None);
    QCOMPARE(police.pageSize, 500);
    QVERIFY(!police.enabled);

    QCOMPARE(file->feeds[2].baseUrl, QUrl(QStringLiteral("http://127.0.0.1:8080/housing/")));
    QVERIFY(file->feeds[2].tls.allowPlainHttp);
}

void tst_FeedConfig::originOverride()
{
    const QString path = write(QStringLiteral("feeds.json"), QByteArray(kGoodFeeds));
    const Result<FeedsFile> file
        = loadFeedsFile(path, QUrl(QStringLiteral("https://127.0.0.1:40123")));
    QVERIFY_RESULT(file);
    QCOMPARE(file->feeds[0].baseUrl, QUrl(QStringLiteral("https://127.0.0.1:40123/health/")));
    QCOMPARE(file->feeds[0].auth.tokenUrl,
             QUrl(QStringLiteral("https://127.0.0.1:40123/oauth/token")));
    // An absolute base URL is left alone.
    QCOMPARE(file->feeds[1].baseUrl, QUrl(QStringLiteral("https://police.example.org/api/")));
}

void tst_FeedConfig::shippedFeedsFileLoads()
{
    const Result<FeedsFile> file
        = loadFeedsFile(test::shippedFeedsDir() + QStringLiteral("/feeds.json"));
    QVERIFY_RESULT(file);
    QStringList ids;
    for (const FeedConfig &feed : file->feeds) {
        ids.append(feed.id);
        QCOMPARE(feed.baseUrl.scheme(), QStringLiteral("https"));
        QCOMPARE(feed.auth.clientId, QStringLiteral("broadview-") + feed.id);
        QVERIFY(!feed.auth.secretRef.isEmpty());
    }
    QCOMPARE(ids,
             (QStringList{QStringLiteral("health"), QStringLiteral("police"), QStringLiteral("csc"),
                          QStringLiteral("asc"), QStringLiteral("housing"),
                          QStringLiteral("education"), QStringLiteral("fire")}));
}

void tst_FeedConfig::everyShippedMappingMakesAnAdapter()
{
    const Result<FeedsFile> file
        = loadFeedsFile(test::shippedFeedsDir() + QStringLiteral("/feeds.json"));
    QVERIFY_RESULT(file);
    for (const FeedConfig &feed : file->feeds) {
        Result<std::unique_ptr<FeedAdapter>> adapter = createFeedAdapter(feed);
        QVERIFY_RESULT(adapter);
        QVERIFY(!adapter.value()->streams().isEmpty());
        for (const QString &stream : adapter.value()->streams()) {
            const QUrl first = adapter.value()->requestFor(stream, StreamState());
            QVERIFY2(first.isValid() && first.toString().startsWith(feed.baseUrl.toString()),
                     qPrintable(first.toString()));
            // A page that is not the feed's format at all is an error, whatever the format.
            const Result<FeedPage> wrong = adapter.value()->parsePage(
                stream, test::response(first.toString(), QByteArrayLiteral("\x01\x02 nonsense")));
            QVERIFY(!wrong.ok());
        }
    }
    // Every mapping file in the folder is used by feeds.json, so none goes unchecked.
    const QStringList shipped
        = QDir(test::shippedFeedsDir()).entryList({QStringLiteral("*.mapping.json")}, QDir::Files);
    QCOMPARE(shipped.size(), qsizetype(file->feeds.size()));
}

void tst_FeedConfig::mistakesAreNamed_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("expected");

    const QByteArray base = R"("baseUrl": "https://h.example/health/")";
    QTest::newRow("not JSON") << QByteArrayLiteral("{feeds: ]") << QStringLiteral("not valid JSON");
    QTest::newRow("no feeds") << QByteArrayLiteral("{\"feeds\": []}") << QStringLiteral("feeds");
    QTest::newRow("unknown top-level key")
        << feedsWith("{" + kFeedStart + ", " + base + "}", R"("orign": "x", )")
        << QStringLiteral("orign");
    QTest::newRow("no id") << feedsWith(R"({"agency": "health"})") << QStringLiteral("feeds[0].id");
    QTest::newRow("bad id") << feedsWith(R"({"id": "Health Feed"})")
                            << QStringLiteral("feeds[0].id");
    QTest::newRow("unknown agency")
        << feedsWith(R"({"id": "x", "agency": "wizards", "format": "json"})")
        << QStringLiteral("feed \"x\".agency");
    QTest::newRow("unknown format")
        << feedsWith(R"({"id": "x", "agency": "police", "format": "yaml"})")
        << QStringLiteral("feed \"x\".format");
    QTest::newRow("no base URL") << feedsWith("{" + kFeedStart + "}")
                                 << QStringLiteral("feed \"health\".baseUrl");
    QTest::newRow("relative base URL, no origin")
        << feedsWith("{" + kFeedStart + R"(, "baseUrl": "/health/"})")
        << QStringLiteral("no \"origin\"");
    QTest::newRow("plain http not allowed")
        << feedsWith("{" + kFeedStart + R"(, "baseUrl": "http://127.0.0.1/health/"})")
        << QStringLiteral("allowPlainHttp");
    QTest::newRow("unknown feed key")
        << feedsWith("{" + kFeedStart + ", " + base + R"(, "pagesize": 10})")
        << QStringLiteral("feeds[0].pagesize");
    QTest::newRow("mapping file missing")
        << feedsWith(R"({"id": "health", "agency": "health", "format": "fhir-r4",
                        "mapping": "nowhere.json", )"
                     + base + "}")
        << QStringLiteral("nowhere.json");
    QTest::newRow("page size zero")
        << feedsWith("{" + kFeedStart + ", " + base + R"(, "pageSize": 0})")
        << QStringLiteral("pageSize");
    QTest::newRow("auth without secretRef")
        << feedsWith("{" + kFeedStart + ", " + base
                     + R"(, "auth": {"kind": "client_credentials", "tokenUrl": "/t",
                                     "clientId": "c"}})")
        << QStringLiteral("auth.secretRef");
    QTest::newRow("unknown auth kind")
        << feedsWith("{" + kFeedStart + ", " + base + R"(, "auth": {"kind": "basic"}})")
        << QStringLiteral("auth.kind");
    QTest::newRow("certificate without its key")
        << feedsWith("{" + kFeedStart + ", " + base + R"(, "tls": {"clientCert": "c.pem"}})")
        << QStringLiteral("clientKeyRef");
    QTest::newRow("verify not a boolean")
        << feedsWith("{" + kFeedStart + ", " + base + R"(, "tls": {"verify": "no"}})")
        << QStringLiteral("tls.verify");
    QTest::newRow("repeated id") << feedsWith("{" + kFeedStart + ", " + base + "}, {" + kFeedStart
                                              + ", " + base + "}")
                                 << QStringLiteral("feeds[1].id");
    QTest::newRow("bad origin") << feedsWith("{" + kFeedStart + R"(, "baseUrl": "/health/"})",
                                             R"("origin": "/x", )")
                                << QStringLiteral("origin");
}

void tst_FeedConfig::mistakesAreNamed()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, expected);
    const QString path = write(QStringLiteral("feeds.json"), json);
    const Result<FeedsFile> file = loadFeedsFile(path);
    QVERIFY(!file.ok());
    QVERIFY2(file.error().message.contains(path), qPrintable(file.error().message));
    QVERIFY2(file.error().message.contains(expected), qPrintable(file.error().message));
    QCOMPARE(file.error().code, ErrorCode::FeedConfig); // the CLI's exit code 15
}

void tst_FeedConfig::inlineSecretRefused_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("keyPath");
    const QByteArray base = R"("baseUrl": "https://h.example/health/")";
    QTest::newRow("client_secret in auth")
        << feedsWith("{" + kFeedStart + ", " + base
                     + R"(, "auth": {"kind": "client_credentials", "tokenUrl": "/t",
                          "clientId": "c", "client_secret": "hunter2"}})")
        << QStringLiteral("auth.client_secret");
    QTest::newRow("secret beside secretRef")
        << feedsWith("{" + kFeedStart + ", " + base
                     + R"(, "auth": {"kind": "client_credentials", "tokenUrl": "/t",
                          "clientId": "c", "secretRef": "s", "secret": "hunter2"}})")
        << QStringLiteral("auth.secret");
    QTest::newRow("TLS key") << feedsWith("{" + kFeedStart + ", " + base
                                          + R"(, "tls": {"key": "-----BEGIN"}})")
                             << QStringLiteral("tls.key");
    QTest::newRow("password at the top")
        << feedsWith("{" + kFeedStart + ", " + base + "}", R"("Password": "x", )")
        << QStringLiteral("Password");
    QTest::newRow("clientSecret, any case")
        << feedsWith("{" + kFeedStart + ", " + base + R"(, "clientSecret": "x"})")
        << QStringLiteral("clientSecret");
}

void tst_FeedConfig::inlineSecretRefused()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, keyPath);
    const QString path = write(QStringLiteral("feeds.json"), json);
    const Result<FeedsFile> file = loadFeedsFile(path);
    QVERIFY(!file.ok());
    QVERIFY2(file.error().message.contains(keyPath), qPrintable(file.error().message));
    QVERIFY2(file.error().message.contains(QLatin1String("refer to it by name")),
             qPrintable(file.error().message));
    QVERIFY(!file.error().message.contains(QLatin1String("hunter2")));
}

void tst_FeedConfig::mappingMistakesAreNamed_data()
{
    QTest::addColumn<QString>("format");
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("expected");

    const QByteArray paging = R"("paging": {"kind": "link-header", "sinceParam": "since"})";
    const auto csv = [&paging](const QByteArray &record,
                               const QByteArray &extra = QByteArray()) -> QByteArray {
        return QByteArrayLiteral(R"({"format": "csv", )") + extra
               + QByteArrayLiteral(R"("streams": [{"name": "s", "path": "s.csv", )") + paging
               + QByteArrayLiteral(R"(, "records": [)") + record + QByteArrayLiteral("]}]}");
    };
    QTest::newRow("format differs")
        << QStringLiteral("json") << csv(R"({"kind": "person", "id": "{id}"})")
        << QStringLiteral("format");
    QTest::newRow("unknown record kind")
        << QStringLiteral("csv") << csv(R"({"kind": "vehicle", "id": "{id}"})")
        << QStringLiteral("streams[0].records[0].kind");
    QTest::newRow("no id") << QStringLiteral("csv") << csv(R"({"kind": "person"})")
                           << QStringLiteral("streams[0].records[0].id");
    QTest::newRow("id names no field")
        << QStringLiteral("csv") << csv(R"({"kind": "person", "id": "fixed"})")
        << QStringLiteral("streams[0].records[0].id");
    QTest::newRow("unknown field")
        << QStringLiteral("csv")
        << csv(R"({"kind": "person", "id": "{id}", "fields": {"shoeSize": "s"}})")
        << QStringLiteral("streams[0].records[0].fields.shoeSize");
    QTest::newRow("unknown table")
        << QStringLiteral("csv")
        << csv(R"({"kind": "person", "id": "{id}", "fields": {"sex": {"path": "g", "table": "nope"}}})")
        << QStringLiteral("fields.sex.table");
    QTest::newRow("table value not a flag kind")
        << QStringLiteral("csv")
        << csv(R"({"kind": "flag", "id": "{id}", "person": "{p}",
                   "fields": {"kind": {"path": "k", "table": "t"}}})",
               R"("codeTables": {"t": {"A": "vulnerable"}}, )")
        << QStringLiteral("codeTables.t.A");
    QTest::newRow("flag without person")
        << QStringLiteral("csv")
        << csv(R"({"kind": "flag", "id": "{id}", "fields": {"kind": {"const": "marac"}}})")
        << QStringLiteral("streams[0].records[0].person");
    QTest::newRow("event without a date")
        << QStringLiteral("csv") << csv(R"({"kind": "event", "id": "{id}", "person": "{p}",
                   "fields": {"category": {"const": "x"}}})")
        << QStringLiteral("occurredAt");
    QTest::newRow("unknown lookup index")
        << QStringLiteral("csv") << csv(R"({"kind": "address", "id": "{id}", "person": "{p}",
                   "fields": {"location": {"lookup": {"index": "places", "key": "l"}}}})")
        << QStringLiteral("fields.location.lookup.index");
    QTest::newRow("location about a person")
        << QStringLiteral("csv") << csv(R"({"kind": "location", "id": "{id}", "person": "{p}",
                   "fields": {"place": {"postcode": "pc"}}})")
        << QStringLiteral("streams[0].records[0].person");
    QTest::newRow("location without a place")
        << QStringLiteral("csv") << csv(R"({"kind": "location", "id": "{id}"})")
        << QStringLiteral("fields.place");
    QTest::newRow("place both referred to and looked up")
        << QStringLiteral("csv") << csv(R"({"kind": "address", "id": "{id}", "person": "{p}",
                   "fields": {"location": {"ref": "l", "lookup": {"index": "x", "key": "l"}}}})")
        << QStringLiteral("fields.location.ref");
    QTest::newRow("unclosed template")
        << QStringLiteral("csv") << csv(R"({"kind": "person", "id": "{id"})")
        << QStringLiteral("not closed");
    QTest::newRow("bad paging kind")
        << QStringLiteral("json")
        << QByteArrayLiteral(R"({"format": "json", "streams": [{"name": "s", "path": "p",
             "paging": {"kind": "scroll"}, "items": "i",
             "records": [{"kind": "person", "id": "{id}"}]}]})")
        << QStringLiteral("streams[0].paging.kind");
    QTest::newRow("cursor without its parameter")
        << QStringLiteral("json")
        << QByteArrayLiteral(R"({"format": "json", "streams": [{"name": "s", "path": "p",
             "paging": {"kind": "cursor", "nextCursor": "n", "hasMore": "m"}, "items": "i",
             "records": [{"kind": "person", "id": "{id}"}]}]})")
        << QStringLiteral("streams[0].paging.cursorParam");
    QTest::newRow("XML without a root")
        << QStringLiteral("xml")
        << QByteArrayLiteral(R"({"format": "xml", "streams": [{"name": "s", "path": "p",
             "paging": {"kind": "link-header", "sinceParam": "since"}, "items": "A/B",
             "records": [{"kind": "person", "id": "{id}"}]}]})")
        << QStringLiteral("streams[0].root");
    QTest::newRow("FHIR stream with records") << QStringLiteral(
        "fhir-r4") << QByteArrayLiteral(R"({"format": "fhir-r4", "streams": [{"name": "Patient",
             "path": "fhir/Patient", "paging": {"kind": "fhir-link-next", "sinceParam": "_lastUpdated"},
             "records": []}]})") << QStringLiteral("streams[0].records");
    QTest::newRow("bad zone") << QStringLiteral("csv")
                              << csv(R"({"kind": "person", "id": "{id}"})",
                                     R"("dates": {"zone": "Mars/Olympus"}, )")
                              << QStringLiteral("dates.zone");
}

void tst_FeedConfig::mappingMistakesAreNamed()
{
    QFETCH(QString, format);
    QFETCH(QByteArray, json);
    QFETCH(QString, expected);
    const QString path = write(QStringLiteral("bad.mapping.json"), json);
    const Result<FeedMapping> mapping = loadFeedMapping(path, format);
    QVERIFY(!mapping.ok());
    QVERIFY2(mapping.error().message.contains(path), qPrintable(mapping.error().message));
    QVERIFY2(mapping.error().message.contains(expected), qPrintable(mapping.error().message));
    QCOMPARE(mapping.error().code, ErrorCode::FeedConfig);
}

void tst_FeedConfig::unreadableFiles()
{
    const Result<FeedsFile> file = loadFeedsFile(m_dir->filePath(QStringLiteral("absent.json")));
    QVERIFY(!file.ok());
    QCOMPARE(file.error().code, ErrorCode::Io);

    FeedConfig feed = test::demoFeed(QStringLiteral("health"), QStringLiteral("fhir-r4"));
    feed.mappingFile = m_dir->filePath(QStringLiteral("absent.mapping.json"));
    const Result<std::unique_ptr<FeedAdapter>> adapter = createFeedAdapter(feed);
    QVERIFY(!adapter.ok());
    QVERIFY(adapter.error().message.contains(feed.mappingFile));

    feed.format = QStringLiteral("edifact");
    QVERIFY(!createFeedAdapter(feed).ok());
}

BV_TEST_MAIN(tst_FeedConfig)
#include "tst_feedconfig.moc"

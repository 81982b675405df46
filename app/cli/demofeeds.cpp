// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli/demofeeds.h"

#include "loopbackcertificates.h"
#include "simulatorhost.h"
#include "store/database.h"
#include "store/statement.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QObject>
#include <QSaveFile>

namespace bv::cli {

namespace {

Result<void> writeFile(const QString &path, const QByteArray &bytes)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit())
        return makeError(ErrorCode::Io,
                         QObject::tr("%1 could not be written: %2").arg(path, file.errorString()));
    return {};
}

// The shipped feeds.json and mapping files, with the origin set to the simulator's and the
// throwaway CA as the only one trusted; a client certificate (when not empty) is presented.
Result<QString> writeFeedFiles(const QString &dir, const QUrl &origin, const QString &caFile,
                               const QString &clientCertificate)
{
    const QDir source(QStringLiteral(":/feeds"));
    for (const QString &name : source.entryList({QStringLiteral("*.mapping.json")}, QDir::Files)) {
        QFile mapping(source.filePath(name));
        if (!mapping.open(QIODevice::ReadOnly))
            return makeError(ErrorCode::Io,
                             QObject::tr("The shipped mapping %1 is missing.").arg(name));
        BV_TRY(writeFile(QDir(dir).filePath(name), mapping.readAll()));
    }
    QFile shipped(source.filePath(QStringLiteral("feeds.json")));
    if (!shipped.open(QIODevice::ReadOnly))
        return makeError(ErrorCode::Io, QObject::tr("The shipped feeds.json is missing."));
    QJsonObject root = QJsonDocument::fromJson(shipped.readAll()).object();
    root.insert(QStringLiteral("origin"), origin.toString());
    QJsonArray feeds = root.value(QLatin1String("feeds")).toArray();
    for (qsizetype i = 0; i < feeds.size(); ++i) {
        QJsonObject feed = feeds.at(i).toObject();
        QJsonObject tls = feed.value(QLatin1String("tls")).toObject();
        tls.insert(QStringLiteral("caFile"), caFile);
        tls.insert(QStringLiteral("verify"), true);
        if (!clientCertificate.isEmpty()) {
            tls.insert(QStringLiteral("clientCert"), clientCertificate);
            tls.insert(
                QStringLiteral("clientKeyRef"),
                QStringLiteral("feed.%1.tls_key").arg(feed.value(QLatin1String("id")).toString()));
        }
        feed.insert(QStringLiteral("tls"), tls);
        feeds.replace(i, feed);
    }
    root.insert(QStringLiteral("feeds"), feeds);
    const QString path = QDir(dir).filePath(QStringLiteral("feeds.json"));
    BV_TRY(writeFile(path, QJsonDocument(root).toJson(QJsonDocument::Indented)));
    return path;
}

} // namespace

QString DemoFeeds::defaultDataDir()
{
    const QString fromEnvironment = qEnvironmentVariable("BROADVIEW_DATA_DIR");
    return fromEnvironment.isEmpty() ? QStringLiteral(BROADVIEW_DEMO_DATA_DIR) : fromEnvironment;
}

Result<std::unique_ptr<DemoFeeds>> DemoFeeds::start(const DemoFeedOptions &options)
{
    if (!QDir().mkpath(options.workDir))
        return makeError(ErrorCode::Io,
                         QObject::tr("The folder %1 could not be made.").arg(options.workDir));
    auto certificates = feedsim::LoopbackCertificates::create(
        QDir(options.workDir).filePath(QStringLiteral("tls")));
    BV_TRY(certificates);

    feedsim::SimulatorOptions simulator;
    simulator.dataDir = options.dataDir;
    simulator.persons = options.persons;
    simulator.seed = options.seed;
    simulator.tls.certificate = certificates->serverCertificate;
    simulator.tls.privateKey = certificates->serverKey;
    if (options.requireClientCertificate)
        simulator.tls.clientCa = certificates->caCertificate;
    auto host = feedsim::SimulatorHost::start(simulator);
    BV_TRY(host);

    auto written = writeFeedFiles(
        options.workDir, host.value()->origin(), certificates->caCertificate,
        options.requireClientCertificate ? certificates->clientCertificate : QString());
    BV_TRY(written);
    auto file = feeds::loadFeedsFile(written.value());
    BV_TRY(file);

    std::unique_ptr<DemoFeeds> demo(new DemoFeeds);
    demo->m_simulator = std::move(host.value());
    demo->m_feeds = std::move(file.value());
    if (options.requireClientCertificate)
        demo->m_clientKeyFile = certificates->clientKey;
    return demo;
}

DemoFeeds::~DemoFeeds() = default;

Result<void> DemoFeeds::storeSecrets(store::Database &db, const QString &now) const
{
    auto put
        = db.prepare("INSERT OR REPLACE INTO secret(name, value, updated_at) VALUES (?1, ?2, ?3)");
    BV_TRY(put);
    QByteArray clientKey;
    if (!m_clientKeyFile.isEmpty()) {
        QFile file(m_clientKeyFile);
        if (!file.open(QIODevice::ReadOnly))
            return makeError(
                ErrorCode::Io,
                QObject::tr("%1 could not be read: %2").arg(m_clientKeyFile, file.errorString()));
        clientKey = file.readAll();
    }
    for (const feeds::FeedConfig &feed : m_feeds.feeds) {
        if (feed.auth.kind == feeds::FeedAuth::Kind::ClientCredentials) {
            const QByteArray secret = m_simulator->clientSecret(feed.id).toUtf8();
            put->bind(1, feed.auth.secretRef).bindBlob(2, secret).bind(3, now);
            BV_TRY(put->run());
        }
        if (!clientKey.isEmpty() && !feed.tls.clientKeyRef.isEmpty()) {
            put->bind(1, feed.tls.clientKeyRef).bindBlob(2, clientKey).bind(3, now);
            BV_TRY(put->run());
        }
    }
    return {};
}

} // namespace bv::cli

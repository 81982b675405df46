// SPDX-License-Identifier: GPL-3.0-or-later
#include "syncsimulator.h"

#include "loopbackcertificates.h"
#include "store/database.h"
#include "store/statement.h"

#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSaveFile>
#include <QSslCertificate>
#include <QSslConfiguration>

#include <unistd.h>

namespace bv::bench {

namespace {

constexpr int kListenTimeoutMs = 15 * 60 * 1000; // a county of 1,000,000 persons takes a while
constexpr int kStopTimeoutMs = 10000;
constexpr char kListening[] = "broadview-feedsim listening on ";

QString procPath(qint64 pid, const char *file)
{
    return pid == 0 ? QStringLiteral("/proc/self/%1").arg(QLatin1String(file))
                    : QStringLiteral("/proc/%1/%2").arg(pid).arg(QLatin1String(file));
}

// "VmRSS:     1234 kB" -> MiB.
double statusMiB(const QByteArray &status, QByteArrayView key)
{
    for (const QByteArray &line : status.split('\n')) {
        if (line.startsWith(key)) {
            const QList<QByteArray> parts = line.mid(key.size()).simplified().split(' ');
            return parts.isEmpty() ? 0 : parts.first().toDouble() / 1024.0;
        }
    }
    return 0;
}

Result<void> writeFile(const QString &path, const QByteArray &bytes)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit())
        return makeError(
            ErrorCode::Io,
            QStringLiteral("%1 could not be written: %2").arg(path, file.errorString()));
    return {};
}

} // namespace

ProcessUse processUse(qint64 pid)
{
    ProcessUse use;
    QFile status(procPath(pid, "status"));
    if (status.open(QIODevice::ReadOnly)) {
        const QByteArray text = status.readAll();
        use.rssMiB = statusMiB(text, "VmRSS:");
        use.peakMiB = statusMiB(text, "VmHWM:");
    }
    // Fields 14 and 15 of /proc/PID/stat, counted after the command name, which may hold
    // spaces but ends with the last ')'.
    QFile stat(procPath(pid, "stat"));
    if (stat.open(QIODevice::ReadOnly)) {
        const QByteArray text = stat.readAll();
        const QList<QByteArray> fields = text.mid(text.lastIndexOf(')') + 2).split(' ');
        if (fields.size() > 12) {
            const double ticks = double(::sysconf(_SC_CLK_TCK));
            use.cpuSeconds = (fields.at(11).toDouble() + fields.at(12).toDouble()) / ticks;
        }
    }
    return use;
}

bool resetPeak()
{
    QFile clear(QStringLiteral("/proc/self/clear_refs"));
    return clear.open(QIODevice::WriteOnly) && clear.write("5") == 1;
}

Result<std::unique_ptr<SimulatorProcess>> SimulatorProcess::start(const SimulatorStart &options)
{
    if (!QDir().mkpath(options.workDir))
        return makeError(ErrorCode::Io,
                         QStringLiteral("The folder %1 could not be made.").arg(options.workDir));
    const QDir work(options.workDir);
    auto certificates = feedsim::LoopbackCertificates::create(work.filePath(QStringLiteral("tls")));
    BV_TRY(certificates);

    std::unique_ptr<SimulatorProcess> simulator(new SimulatorProcess);
    simulator->m_workDir = options.workDir;
    simulator->m_caFile = certificates->caCertificate;
    const QString secretsFile = work.filePath(QStringLiteral("secrets.json"));
    QFile::remove(secretsFile);
    simulator->m_process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    simulator->m_process.setProgram(options.executable);
    simulator->m_process.setArguments(
        {QStringLiteral("--persons"), QString::number(options.persons), QStringLiteral("--seed"),
         QString::number(options.seed), QStringLiteral("--tls"), certificates->serverCertificate,
         certificates->serverKey, QStringLiteral("--secrets-out"), secretsFile});
    QElapsedTimer timer;
    timer.start();
    simulator->m_process.start(QIODevice::ReadOnly);
    BV_TRY(simulator->waitUntilListening(secretsFile));
    simulator->m_startSeconds = double(timer.nsecsElapsed()) / 1e9;
    BV_TRY(simulator->writeFeedsFile(certificates->caCertificate, options.pageSize));
    return simulator;
}

SimulatorProcess::~SimulatorProcess()
{
    if (m_process.state() == QProcess::NotRunning)
        return;
    m_process.terminate(); // SIGTERM: the simulator closes its connections and exits
    if (!m_process.waitForFinished(kStopTimeoutMs)) {
        m_process.kill();
        m_process.waitForFinished(kStopTimeoutMs);
    }
}

Result<void> SimulatorProcess::waitUntilListening(const QString &secretsFile)
{
    if (!m_process.waitForStarted(kStopTimeoutMs))
        return makeError(ErrorCode::Failure,
                         QStringLiteral("%1 could not be started: %2")
                             .arg(m_process.program(), m_process.errorString()));
    QElapsedTimer waited;
    waited.start();
    while (!m_process.canReadLine()) {
        if (m_process.state() == QProcess::NotRunning || waited.elapsed() > kListenTimeoutMs)
            return makeError(ErrorCode::Failure,
                             QStringLiteral("The simulator stopped or never listened (exit %1).")
                                 .arg(m_process.exitCode()));
        m_process.waitForReadyRead(1000);
    }
    // "broadview-feedsim listening on https://127.0.0.1:PORT admin-token TOKEN"
    const QString line = QString::fromUtf8(m_process.readLine()).trimmed();
    const QStringList words = line.mid(int(sizeof(kListening)) - 1).split(QLatin1Char(' '));
    if (!line.startsWith(QLatin1String(kListening)) || words.size() != 3)
        return makeError(ErrorCode::Failure,
                         QStringLiteral("The simulator said something unexpected on start."));
    m_origin = QUrl(words.at(0));
    m_adminToken = words.at(2);

    QFile secrets(secretsFile);
    if (!secrets.open(QIODevice::ReadOnly))
        return makeError(ErrorCode::Io,
                         QStringLiteral("The simulator wrote no %1.").arg(secretsFile));
    const QJsonObject byFeed = QJsonDocument::fromJson(secrets.readAll()).object();
    for (auto feed = byFeed.begin(); feed != byFeed.end(); ++feed)
        m_secrets.insert(
            feed.key(),
            feed.value().toObject().value(QLatin1String("client_secret")).toString().toUtf8());
    return {};
}

// The shipped feeds.json and mappings, pointed at the simulator and trusting its CA only, as
// the demo writes them (cli/demofeeds.cpp); with --page-size, every feed's page size.
Result<void> SimulatorProcess::writeFeedsFile(const QString &caFile, int pageSize)
{
    const QDir source(QStringLiteral(":/feeds"));
    const QDir work(m_workDir);
    for (const QString &name : source.entryList({QStringLiteral("*.mapping.json")}, QDir::Files)) {
        QFile mapping(source.filePath(name));
        if (!mapping.open(QIODevice::ReadOnly))
            return makeError(ErrorCode::Io, QStringLiteral("The shipped %1 is missing.").arg(name));
        BV_TRY(writeFile(work.filePath(name), mapping.readAll()));
    }
    QFile shipped(source.filePath(QStringLiteral("feeds.json")));
    if (!shipped.open(QIODevice::ReadOnly))
        return makeError(ErrorCode::Io, QStringLiteral("The shipped feeds.json is missing."));
    QJsonObject root = QJsonDocument::fromJson(shipped.readAll()).object();
    root.insert(QStringLiteral("origin"), m_origin.toString());
    QJsonArray list = root.value(QLatin1String("feeds")).toArray();
    for (qsizetype i = 0; i < list.size(); ++i) {
        QJsonObject feed = list.at(i).toObject();
        QJsonObject tls = feed.value(QLatin1String("tls")).toObject();
        tls.insert(QStringLiteral("caFile"), caFile);
        tls.insert(QStringLiteral("verify"), true);
        feed.insert(QStringLiteral("tls"), tls);
        if (pageSize > 0)
            feed.insert(QStringLiteral("pageSize"), pageSize);
        list.replace(i, feed);
    }
    root.insert(QStringLiteral("feeds"), list);
    const QString path = work.filePath(QStringLiteral("feeds.json"));
    BV_TRY(writeFile(path, QJsonDocument(root).toJson(QJsonDocument::Indented)));
    auto loaded = feeds::loadFeedsFile(path);
    BV_TRY(loaded);
    m_feeds = std::move(loaded.value());
    return {};
}

Result<void> SimulatorProcess::storeSecrets(store::Database &db) const
{
    auto put
        = db.prepare("INSERT OR REPLACE INTO secret(name, value, updated_at) VALUES (?1, ?2, ?3)");
    BV_TRY(put);
    const QString now = QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
    for (const feeds::FeedConfig &feed : m_feeds.feeds) {
        if (feed.auth.kind != feeds::FeedAuth::Kind::ClientCredentials)
            continue;
        put->bind(1, feed.auth.secretRef).bindBlob(2, m_secrets.value(feed.id)).bind(3, now);
        BV_TRY(put->run());
    }
    return {};
}

Result<QJsonObject> SimulatorProcess::feedCounts() const
{
    QNetworkAccessManager network;
    QNetworkRequest request(m_origin.resolved(QUrl(QStringLiteral("/admin/stats"))));
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    tls.setCaCertificates(QSslCertificate::fromPath(m_caFile));
    request.setSslConfiguration(tls);
    request.setRawHeader("Authorization", "Bearer " + m_adminToken.toUtf8());
    std::unique_ptr<QNetworkReply> reply(network.get(request));
    QEventLoop loop;
    QObject::connect(reply.get(), &QNetworkReply::finished, &loop, &QEventLoop::quit);
    loop.exec();
    if (reply->error() != QNetworkReply::NoError)
        return makeError(ErrorCode::Network,
                         QStringLiteral("GET /admin/stats failed: %1").arg(reply->errorString()));
    return QJsonDocument::fromJson(reply->readAll())
        .object()
        .value(QLatin1String("feeds"))
        .toObject();
}

} // namespace bv::bench

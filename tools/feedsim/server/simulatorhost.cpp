// SPDX-License-Identifier: GPL-3.0-or-later
#include "simulatorhost.h"

#include "feedservice.h"
#include "referencedata.h"
#include "simhttpserver.h"
#include "tokenissuer.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <QTimer>

#include <functional>

namespace bv::feedsim {

namespace {

Result<void> writeFile(const QString &path, bool ownerOnly,
                       const std::function<Result<void>(QIODevice &)> &write)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return makeError(ErrorCode::Io,
                         QObject::tr("Cannot write %1: %2").arg(path, file.errorString()));
    // Before the first byte, so no other user can read a secret from the temporary file.
    if (ownerOnly && !file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner))
        return makeError(
            ErrorCode::Io,
            QObject::tr("Cannot make %1 owner-only: %2").arg(path, file.errorString()));
    BV_TRY(write(file));
    if (!file.commit())
        return makeError(ErrorCode::Io,
                         QObject::tr("Cannot write %1: %2").arg(path, file.errorString()));
    return {};
}

Result<void> writeSecrets(const QString &path, quint64 seed, const QStringList &feedIds)
{
    QJsonObject secrets;
    for (const QString &feed : feedIds)
        secrets.insert(
            feed, QJsonObject{{QStringLiteral("client_id"), feedClientId(feed)},
                              {QStringLiteral("client_secret"), feedClientSecret(seed, feed)}});
    const QByteArray json = QJsonDocument(secrets).toJson(QJsonDocument::Indented);
    return writeFile(path, true, [&json](QIODevice &device) -> Result<void> {
        if (device.write(json) != json.size())
            return makeError(ErrorCode::Io, device.errorString());
        return {};
    });
}

} // namespace

Result<std::unique_ptr<SimulatorHost>> SimulatorHost::start(const SimulatorOptions &options)
{
    if (options.persons == 0 || options.persons > SimulatorOptions::kMaxPersons)
        return makeError(
            ErrorCode::Usage,
            QObject::tr("The county needs 1 to %1 persons.").arg(SimulatorOptions::kMaxPersons));
    if (options.tickEveryMs < 0)
        return makeError(ErrorCode::Usage, QObject::tr("The tick interval cannot be negative."));
    BV_TRY(options.faults.validate());
    // Before the county is generated, which takes seconds for a large one.
    if (options.tls.enabled())
        BV_TRY(serverTlsConfiguration(options.tls));

    std::unique_ptr<SimulatorHost> host(new SimulatorHost);
    host->m_seed = options.seed;
    host->m_thread.setObjectName(QStringLiteral("broadview-feedsim"));
    host->m_context = new QObject;
    host->m_context->moveToThread(&host->m_thread);
    QObject::connect(&host->m_thread, &QThread::finished, host->m_context, &QObject::deleteLater);
    host->m_thread.start();

    Result<void> ready;
    SimulatorHost *raw = host.get();
    host->runInThread([raw, &options, &ready] { ready = raw->setUp(options); });
    if (!ready.ok())
        return ready.error(); // the host's destructor stops the thread
    return host;
}

Result<void> SimulatorHost::setUp(const SimulatorOptions &options)
{
    auto reference = ReferenceData::load(options.dataDir);
    BV_TRY(reference);
    auto shared = std::make_shared<const ReferenceData>(std::move(reference.value()));
    auto generated = CountyModel::generate(*shared, options.persons, options.seed);
    BV_TRY(generated);
    auto county = std::make_shared<const CountyModel>(std::move(generated.value()));
    // With the reference data, agencies also record nicknames and name variants.
    auto service = createCountyFeedService(county, shared, options.seed);
    BV_TRY(service);

    if (!options.countyTruthOut.isEmpty()) {
        BV_TRY(writeFile(options.countyTruthOut, false, [&county](QIODevice &device) {
            return county->writeGroundTruth(device);
        }));
    }
    if (!options.sourceTruthOut.isEmpty()) {
        const FeedService &feeds = *service.value();
        BV_TRY(writeFile(options.sourceTruthOut, false,
                         [&feeds](QIODevice &device) { return feeds.writeSourceTruth(device); }));
    }
    const QStringList feedIds = service.value()->feedIds();
    if (!options.secretsOut.isEmpty())
        BV_TRY(writeSecrets(options.secretsOut, options.seed, feedIds));

    SimServerOptions serverOptions;
    serverOptions.port = options.port;
    serverOptions.tls = options.tls;
    serverOptions.seed = options.seed;
    serverOptions.faults = options.faults;
    auto server = std::make_unique<SimHttpServer>(std::move(service.value()), serverOptions);
    BV_TRY(server->listen());

    if (options.tickEveryMs > 0) {
        m_tickTimer = std::make_unique<QTimer>();
        m_tickTimer->setInterval(options.tickEveryMs);
        SimHttpServer *serving = server.get();
        QObject::connect(m_tickTimer.get(), &QTimer::timeout, serving, [serving] {
            const auto ticked = serving->feedService().tick(1);
            if (!ticked.ok())
                qWarning("broadview-feedsim: tick failed: %s", qPrintable(ticked.error().message));
        });
        m_tickTimer->start();
    }
    m_origin = server->origin();
    m_adminToken = QString::fromLatin1(server->adminToken());
    m_feedIds = feedIds;
    m_server = std::move(server);
    return {};
}

template<typename Function>
void SimulatorHost::runInThread(Function &&function)
{
    if (QThread::currentThread() == &m_thread) {
        function();
        return;
    }
    QMetaObject::invokeMethod(m_context, std::forward<Function>(function),
                              Qt::BlockingQueuedConnection);
}

SimulatorHost::~SimulatorHost()
{
    stop();
}

void SimulatorHost::stop()
{
    if (!m_thread.isRunning())
        return;
    runInThread([this] {
        m_tickTimer.reset();
        m_server.reset();
    });
    m_thread.quit();
    m_thread.wait();
}

QString SimulatorHost::clientId(const QString &feedId)
{
    return feedClientId(feedId);
}

QString SimulatorHost::clientSecret(const QString &feedId) const
{
    return feedClientSecret(m_seed, feedId);
}

Result<void> SimulatorHost::tick(int days)
{
    if (days < 1)
        return makeError(ErrorCode::Usage, QObject::tr("A tick is at least one day."));
    Result<void> result = makeError(ErrorCode::Failure, QObject::tr("The simulator has stopped."));
    if (!m_thread.isRunning())
        return result;
    runInThread([this, days, &result] {
        if (m_server)
            result = m_server->feedService().tick(days);
    });
    return result;
}

Result<void> SimulatorHost::setFaults(const SimFaults &faults)
{
    BV_TRY(faults.validate());
    if (!m_thread.isRunning())
        return makeError(ErrorCode::Failure, QObject::tr("The simulator has stopped."));
    runInThread([this, &faults] {
        if (m_server)
            m_server->setFaults(faults);
    });
    return {};
}

} // namespace bv::feedsim

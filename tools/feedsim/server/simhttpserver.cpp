// SPDX-License-Identifier: GPL-3.0-or-later
#include "simhttpserver.h"

#include "httpconnection.h"

#include <QHostAddress>
#include <QSslSocket>
#include <QTcpServer>

#include <unistd.h>

namespace bv::feedsim {

// Hands every accepted descriptor to the server, which makes the (TLS) socket itself: a
// QSslServer would keep a failed handshake's socket until the server goes.
class SimHttpServer::Listener : public QTcpServer
{
public:
    explicit Listener(SimHttpServer *owner)
        : QTcpServer(owner)
        , m_owner(owner)
    {}

protected:
    void incomingConnection(qintptr descriptor) override { m_owner->accept(descriptor); }

private:
    SimHttpServer *m_owner;
};

SimHttpServer::SimHttpServer(std::unique_ptr<FeedService> service, SimServerOptions options,
                             QObject *parent)
    : QObject(parent)
    , m_options(std::move(options))
    , m_router(std::move(service), m_options.seed, m_options.adminToken, m_options.clock)
    , m_listener(new Listener(this))
{
    m_router.setFaults(m_options.faults);
}

SimHttpServer::~SimHttpServer()
{
    m_listener->close();
    // Connections call into the router: they go before the members do.
    qDeleteAll(findChildren<HttpConnection *>(Qt::FindDirectChildrenOnly));
}

Result<void> SimHttpServer::listen()
{
    BV_TRY(m_options.faults.validate());
    if (m_options.tls.enabled()) {
        auto configuration = serverTlsConfiguration(m_options.tls);
        BV_TRY(configuration);
        m_tls = configuration.value();
    } else if (!m_options.tls.clientCa.isEmpty() || !m_options.tls.privateKey.isEmpty()) {
        return makeError(ErrorCode::Usage,
                         tr("A client CA or a private key needs a server certificate too."));
    }
    if (!m_listener->listen(QHostAddress::LocalHost, m_options.port))
        return makeError(ErrorCode::Io, tr("Cannot listen on 127.0.0.1:%1: %2")
                                            .arg(m_options.port)
                                            .arg(m_listener->errorString()));
    m_router.setOrigin(origin());
    return {};
}

void SimHttpServer::close()
{
    m_listener->close();
}

bool SimHttpServer::isListening() const
{
    return m_listener->isListening();
}

quint16 SimHttpServer::port() const
{
    return m_listener->serverPort();
}

QUrl SimHttpServer::origin() const
{
    QUrl url;
    url.setScheme(m_tls ? QStringLiteral("https") : QStringLiteral("http"));
    url.setHost(QStringLiteral("127.0.0.1"));
    url.setPort(port());
    return url;
}

void SimHttpServer::accept(qintptr descriptor)
{
    QTcpSocket *socket = nullptr;
    QSslSocket *ssl = nullptr;
    if (m_tls) {
        ssl = new QSslSocket;
        ssl->setSslConfiguration(*m_tls);
        socket = ssl;
    } else {
        socket = new QTcpSocket;
    }
    if (!socket->setSocketDescriptor(descriptor)) {
        ::close(static_cast<int>(descriptor));
        delete socket;
        return;
    }
    if (m_connections >= m_options.maxConnections) {
        socket->abort();
        delete socket;
        return;
    }
    auto *connection = new HttpConnection(
        socket, m_options.limits,
        [this](const HttpRequest &request) { return m_router.route(request); }, this);
    ++m_connections;
    connect(connection, &HttpConnection::finished, this, [this, connection] {
        --m_connections;
        connection->deleteLater();
    });
    if (ssl)
        ssl->startServerEncryption();
}

} // namespace bv::feedsim

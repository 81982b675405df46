// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "common/result.h"
#include "feedservice.h"
#include "httpmessage.h"
#include "simfaults.h"
#include "simrouter.h"
#include "tlsconfig.h"
#include "tokenissuer.h"

#include <QObject>
#include <QSslConfiguration>
#include <QUrl>

#include <memory>
#include <optional>

class QTcpServer;

namespace bv::feedsim {

struct SimServerOptions
{
    quint16 port = 0; // 0: any free port
    TlsFiles tls;     // no certificate: plain HTTP
    quint64 seed = 1; // client secrets and the fault sequence
    SimFaults faults;
    HttpLimits limits;
    QByteArray adminToken;  // empty: a random one
    MillisecondClock clock; // token expiry; empty: the system clock
    int maxConnections = 128;
};

// The simulator's HTTP/1.1 server on 127.0.0.1 only, plain or TLS, in front of a FeedService.
// Lives in one thread, with the service; several connections, many requests on each.
class SimHttpServer : public QObject
{
    Q_OBJECT

public:
    // Takes ownership of `service`.
    SimHttpServer(std::unique_ptr<FeedService> service, SimServerOptions options,
                  QObject *parent = nullptr);
    ~SimHttpServer() override;

    // Loads the TLS files, if any, and listens. Usage and Io errors say what failed.
    [[nodiscard]] Result<void> listen();
    void close();

    bool isListening() const;
    quint16 port() const;
    QUrl origin() const; // "http://127.0.0.1:PORT" or "https://..."
    QByteArray adminToken() const { return m_router.adminToken(); }

    void setFaults(const SimFaults &faults) { m_router.setFaults(faults); }
    const SimFaults &faults() const { return m_router.faults(); }
    FeedService &feedService() { return m_router.service(); }
    int connectionCount() const { return m_connections; }

private:
    class Listener;

    void accept(qintptr descriptor);

    SimServerOptions m_options;
    SimRouter m_router;
    std::optional<QSslConfiguration> m_tls;
    Listener *m_listener = nullptr; // child
    int m_connections = 0;
};

} // namespace bv::feedsim

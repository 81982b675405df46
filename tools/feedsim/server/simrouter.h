// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "feedservice.h"
#include "httpmessage.h"
#include "simfaults.h"
#include "tokenissuer.h"

#include <QUrl>

#include <memory>

namespace bv::feedsim {

// A response and what the transport must do to it (a delay, a cut-off body).
struct RoutedResponse
{
    SimResponse response;
    FaultDecision transport;
};

// What the simulator answers to one request: /oauth/token, /admin/{tick,faults,stats} and
// /<feed>/... behind a bearer token, with the transport faults decided per feed request.
// Knows nothing of sockets. Used from one thread.
class SimRouter
{
public:
    // Takes ownership of `service`.
    SimRouter(std::unique_ptr<FeedService> service, quint64 seed, QByteArray adminToken,
              MillisecondClock clock);

    RoutedResponse route(const HttpRequest &request);

    // Where feed responses say they come from: "https://127.0.0.1:8443".
    void setOrigin(const QUrl &origin) { m_origin = origin; }

    // Applies content faults to the service at once, transport faults from the next request.
    void setFaults(const SimFaults &faults);
    const SimFaults &faults() const { return m_faults; }

    FeedService &service() { return *m_service; }
    const QByteArray &adminToken() const { return m_adminToken; }

private:
    SimResponse routeAdmin(const HttpRequest &request, const QString &action);
    SimResponse adminTick(const HttpRequest &request);
    SimResponse adminFaults(const HttpRequest &request);
    RoutedResponse routeFeed(const HttpRequest &request, const QString &feedId,
                             const QString &below);

    std::unique_ptr<FeedService> m_service;
    QStringList m_feedIds;
    TokenIssuer m_tokens;
    FaultInjector m_injector;
    SimFaults m_faults;
    QByteArray m_adminToken;
    QUrl m_origin;
};

// A random admin token (base64url, 43 characters).
QByteArray randomAdminToken();

} // namespace bv::feedsim

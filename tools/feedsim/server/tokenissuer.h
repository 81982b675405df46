// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "feedservice.h"
#include "httpmessage.h"

#include <QByteArray>
#include <QHash>
#include <QString>
#include <QStringList>

#include <functional>

namespace bv::feedsim {

// "broadview-health" for "health".
QString feedClientId(const QString &feedId);

// The client secret of a feed: a function of the seed, so a test or a demo that knows the
// seed needs no secrets file. 32 hex characters.
QString feedClientSecret(quint64 seed, const QString &feedId);

// Milliseconds since the epoch; injectable so expiry can be tested without waiting an hour.
using MillisecondClock = std::function<qint64()>;
MillisecondClock systemMillisecondClock();

// The OAuth 2.0 authorisation server of the simulator: client credentials grant (RFC 6749
// 4.4) with one client per feed, and the resource servers' check of bearer tokens. Every
// token is random, bound to one feed and expires in real time.
class TokenIssuer
{
public:
    static constexpr int kLifetimeSeconds = 3600;

    TokenIssuer(const QStringList &feedIds, quint64 seed, MillisecondClock clock);

    // POST /oauth/token: a JSON token or a JSON error (RFC 6749 5.1, 5.2).
    SimResponse issue(const HttpRequest &request);

    // True when the request carries "Authorization: Bearer <token>" for a live token of feedId.
    bool authorises(const HttpRequest &request, const QString &feedId) const;

private:
    struct Grant
    {
        QString feedId;
        qint64 expiresAtMs = 0;
    };

    void dropExpired(qint64 nowMs);

    QHash<QString, QByteArray> m_secretByClient; // client id -> secret
    QHash<QByteArray, Grant> m_grants;           // access token -> grant
    MillisecondClock m_clock;
};

// The token in "Authorization: Bearer <token>", or empty.
QByteArray bearerToken(const HttpRequest &request);

// Equal without an early exit, so response timing does not reveal how much of a secret matched.
bool constantTimeEquals(const QByteArray &a, const QByteArray &b);

} // namespace bv::feedsim

// SPDX-License-Identifier: GPL-3.0-or-later
#include "feeds/tlsprobe.h"

#include <QEventLoop>
#include <QSslSocket>
#include <QTimer>

#include <algorithm>

namespace bv::feeds {

namespace {

// A refusal comes within one round trip of the handshake's end; a server silent for this long
// has accepted the client (over TLS 1.2 no session ticket comes afterwards to say so).
constexpr auto kAfterHandshake = std::chrono::milliseconds(1000);

} // namespace

std::optional<TlsRefusal> probeTlsRefusal(const QUrl &url, const QSslConfiguration &tls,
                                          std::chrono::milliseconds limit)
{
    QSslConfiguration configuration = tls;
    // A TLS 1.3 server sends its session tickets only once it has accepted the client: with
    // persistence on, Qt reports them, and the probe need not wait out its limit.
    configuration.setSslOption(QSsl::SslOptionDisableSessionPersistence, false);
    QSslSocket socket;
    socket.setSslConfiguration(configuration);

    std::optional<TlsRefusal> refusal;
    bool encrypted = false;
    QEventLoop loop;
    // Only flags are set and the loop is asked to quit here: the socket is never closed or
    // deleted from inside its own signals (its TLS backend goes on using its state).
    QObject::connect(&socket, &QSslSocket::alertReceived, &loop,
                     [&](QSsl::AlertLevel level, QSsl::AlertType, const QString &description) {
                         if (level != QSsl::AlertLevel::Fatal || refusal)
                             return;
                         refusal = TlsRefusal{TlsRefusal::Kind::Alert, description};
                         loop.quit();
                     });
    QTimer timeout;
    timeout.setSingleShot(true);
    QObject::connect(&timeout, &QTimer::timeout, &loop, &QEventLoop::quit);
    QObject::connect(&socket, &QSslSocket::encrypted, &loop, [&] {
        encrypted = true;
        timeout.start(std::min(kAfterHandshake,
                               std::chrono::milliseconds(std::max(timeout.remainingTime(), 0))));
    });
    QObject::connect(&socket, &QSslSocket::newSessionTicketReceived, &loop, &QEventLoop::quit);
    QObject::connect(&socket, &QSslSocket::disconnected, &loop, &QEventLoop::quit);
    QObject::connect(&socket, &QSslSocket::errorOccurred, &loop, [&] {
        if (socket.state() == QAbstractSocket::UnconnectedState
            || socket.error() == QAbstractSocket::RemoteHostClosedError)
            loop.quit();
    });
    timeout.start(limit);

    socket.connectToHostEncrypted(url.host(), quint16(url.port(443)));
    if (socket.state() != QAbstractSocket::UnconnectedState) // a bad host fails at once
        loop.exec();
    const bool closed = socket.state() == QAbstractSocket::UnconnectedState
                        || socket.error() == QAbstractSocket::RemoteHostClosedError;
    socket.abort();
    if (refusal)
        return refusal;
    if (encrypted && closed)
        return TlsRefusal{TlsRefusal::Kind::ClosedAfterHandshake, {}};
    return std::nullopt;
}

} // namespace bv::feeds

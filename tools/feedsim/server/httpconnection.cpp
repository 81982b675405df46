// SPDX-License-Identifier: GPL-3.0-or-later
#include "httpconnection.h"

#include <QSslSocket>
#include <QTcpSocket>

namespace bv::feedsim {

HttpConnection::HttpConnection(QTcpSocket *socket, const HttpLimits &limits, Handler handler,
                               QObject *parent)
    : QObject(parent)
    , m_socket(socket)
    , m_limits(limits)
    , m_handler(std::move(handler))
{
    m_socket->setParent(this);
    m_idleTimer.setSingleShot(true);
    m_idleTimer.setInterval(m_limits.idleTimeoutMs);
    connect(&m_idleTimer, &QTimer::timeout, this, &HttpConnection::idleTimedOut);
    m_endTimer.setSingleShot(true);
    m_endTimer.setInterval(0);
    connect(&m_endTimer, &QTimer::timeout, this, &HttpConnection::end);
    connect(m_socket, &QTcpSocket::readyRead, this, [this] {
        if (!m_busy)
            readAvailable();
    });
    connect(m_socket, &QTcpSocket::bytesWritten, this, &HttpConnection::endSoon);
    if (auto *ssl = qobject_cast<QSslSocket *>(m_socket))
        connect(ssl, &QSslSocket::encryptedBytesWritten, this, &HttpConnection::endSoon);
    connect(m_socket, &QTcpSocket::disconnected, this, &HttpConnection::finish);
    connect(m_socket, &QTcpSocket::errorOccurred, this, [this] {
        // A failed TLS handshake or a reset can leave the socket closed without a
        // disconnected() from the connected state.
        if (m_socket->state() == QAbstractSocket::UnconnectedState)
            finish();
    });
    m_idleTimer.start();
}

HttpConnection::~HttpConnection()
{
    // The socket is deleted after this: its last signals must not reach a half-destroyed owner.
    QObject::disconnect(m_socket, nullptr, this, nullptr);
}

bool HttpConnection::connected() const
{
    return m_socket->state() == QAbstractSocket::ConnectedState;
}

void HttpConnection::readAvailable()
{
    if (m_closing) {
        m_socket->readAll(); // nothing more is answered on this connection
        return;
    }
    m_buffer += m_socket->readAll();
    while (!m_busy && !m_closing && connected()) {
        HttpParseResult parsed = parseHttpRequest(m_buffer, m_limits);
        if (parsed.state == HttpParseResult::State::NeedMore) {
            if (parsed.expectsContinue && !m_sentContinue) {
                m_socket->write(QByteArrayLiteral("HTTP/1.1 100 Continue\r\n\r\n"));
                m_sentContinue = true;
            }
            m_idleTimer.start();
            return;
        }
        if (parsed.state == HttpParseResult::State::Failed) {
            send(plainResponse(parsed.errorStatus, parsed.errorMessage), true, false);
            return;
        }
        m_sentContinue = false;
        handle(parsed.request);
    }
}

void HttpConnection::handle(const HttpRequest &request)
{
    const RoutedResponse routed = m_handler(request);
    const bool close = !request.keepAlive;
    if (routed.transport.delayMs <= 0) {
        send(routed.response, close, routed.transport.drop);
        return;
    }
    m_busy = true;
    m_idleTimer.stop();
    QTimer::singleShot(routed.transport.delayMs, this, [this, routed, close] {
        m_busy = false;
        if (!connected())
            return;
        send(routed.response, close, routed.transport.drop);
        readAvailable(); // requests that arrived meanwhile
    });
}

void HttpConnection::send(const SimResponse &response, bool close, bool drop)
{
    const QByteArray head = serializeResponseHead(response, close || drop);
    m_socket->write(head);
    if (drop) {
        // The full Content-Length is declared above; about half the body follows, then the
        // connection is cut as a failing network would.
        m_socket->write(response.body.left(response.body.size() / 2));
        m_closing = true;
        m_dropping = true;
        m_idleTimer.start();
        endSoon();
        return;
    }
    m_socket->write(response.body);
    if (close) {
        m_closing = true;
        m_ending = true;
        endSoon();
    }
    m_idleTimer.start();
}

void HttpConnection::endSoon()
{
    if (m_ending || m_dropping)
        m_endTimer.start();
}

void HttpConnection::end()
{
    if (m_socket->state() == QAbstractSocket::UnconnectedState)
        return;
    if (m_ending) {
        m_ending = false;
        m_socket->disconnectFromHost(); // after the write buffer is flushed
        return;
    }
    if (!m_dropping)
        return;
    // Out of the TLS backend's transmit() the encrypted bytes have reached the plain socket,
    // so this counts everything not yet handed to the system; the next bytesWritten or
    // encryptedBytesWritten brings this back until it is none.
    qint64 pending = m_socket->bytesToWrite();
    if (auto *ssl = qobject_cast<QSslSocket *>(m_socket))
        pending += ssl->encryptedBytesToWrite();
    if (pending == 0)
        m_socket->abort();
}

void HttpConnection::idleTimedOut()
{
    if (m_busy)
        return;
    if (m_closing) {
        m_socket->abort(); // a peer that reads nothing keeps no socket open
        return;
    }
    m_closing = true;
    m_socket->disconnectFromHost();
    m_idleTimer.start();
}

void HttpConnection::finish()
{
    if (m_finished)
        return;
    m_finished = true;
    m_idleTimer.stop();
    Q_EMIT finished();
}

} // namespace bv::feedsim

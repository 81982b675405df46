// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QRegularExpression>
#include <QTcpServer>
#include <QTcpSocket>

#include <functional>

namespace bv::test {

// A tile server on loopback for tests: GET /{z}/{x}/{y}.png is answered with what `tile`
// returns, or 404 when it returns nothing. Counts the requests it was sent.
class LoopbackTileServer : public QObject
{
public:
    using TileBytes = std::function<QByteArray(int zoom, int x, int y)>;

    explicit LoopbackTileServer(TileBytes tile)
        : m_tile(std::move(tile))
    {
        m_server.listen(QHostAddress::LocalHost);
        connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *socket = m_server.nextPendingConnection())
                connect(socket, &QTcpSocket::readyRead, this, [this, socket] { answer(socket); });
        });
    }
    bool isListening() const { return m_server.isListening(); }
    QString urlTemplate() const
    {
        return QStringLiteral("http://127.0.0.1:%1/{z}/{x}/{y}.png").arg(m_server.serverPort());
    }
    int requests() const { return m_requests; }

private:
    void answer(QTcpSocket *socket)
    {
        const QByteArray head = socket->readAll();
        static const QRegularExpression path(QStringLiteral("^GET /(\\d+)/(\\d+)/(\\d+)\\.png"));
        const auto match = path.match(QString::fromLatin1(head));
        ++m_requests;
        const QByteArray body = match.hasMatch()
                                    ? m_tile(match.captured(1).toInt(), match.captured(2).toInt(),
                                             match.captured(3).toInt())
                                    : QByteArray();
        const QByteArray status = body.isEmpty() ? "404 Not Found" : "200 OK";
        socket->write("HTTP/1.1 " + status + "\r\nContent-Type: image/png\r\nContent-Length: "
                      + QByteArray::number(body.size()) + "\r\nConnection: close\r\n\r\n" + body);
        socket->disconnectFromHost();
        connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
    }

    TileBytes m_tile;
    QTcpServer m_server;
    int m_requests = 0;
};

} // namespace bv::test

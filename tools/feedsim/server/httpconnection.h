// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "httpmessage.h"
#include "simrouter.h"

#include <QByteArray>
#include <QObject>
#include <QTimer>

#include <functional>

class QTcpSocket;

namespace bv::feedsim {

// One client connection: reads requests one at a time (pipelined ones wait their turn, so
// responses leave in order), asks the handler, and carries out its transport decision: a
// delay on a timer, never blocking the thread, or half the body and then an abort.
class HttpConnection : public QObject
{
    Q_OBJECT

public:
    using Handler = std::function<RoutedResponse(const HttpRequest &)>;

    // Takes ownership of `socket`, which is connected (and, for TLS, handshaking).
    HttpConnection(QTcpSocket *socket, const HttpLimits &limits, Handler handler,
                   QObject *parent = nullptr);
    ~HttpConnection() override;

Q_SIGNALS:
    // The socket is closed; emitted once. The owner may delete the connection (later).
    void finished();

private:
    void readAvailable();
    void handle(const HttpRequest &request);
    void send(const SimResponse &response, bool close, bool drop);
    void endSoon();
    void end();
    void idleTimedOut();
    void finish();
    bool connected() const;

    QTcpSocket *m_socket;
    HttpLimits m_limits;
    Handler m_handler;
    QByteArray m_buffer;
    QTimer m_idleTimer;
    // Zero-delay: the socket is closed or cut only from here, never from a slot of its own
    // signals. Those can be emitted from inside Qt's TLS backend, which goes on using the
    // socket's TLS session after the slot returns, and abort() frees that session.
    QTimer m_endTimer;
    bool m_busy = false;         // a delayed response is due
    bool m_closing = false;      // nothing more is read
    bool m_ending = false;       // close once the response has left (m_endTimer)
    bool m_dropping = false;     // abort once the partial body has left (m_endTimer)
    bool m_sentContinue = false; // "100 Continue" already sent for the request being read
    bool m_finished = false;
};

} // namespace bv::feedsim

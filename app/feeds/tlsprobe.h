// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QSslConfiguration>
#include <QString>
#include <QUrl>

#include <chrono>
#include <optional>

namespace bv::feeds {

// How a TLS server ended one connection of ours, heard first hand.
struct TlsRefusal
{
    enum class Kind {
        Alert,                // the server sent a fatal TLS alert, in or after the handshake
        ClosedAfterHandshake, // the handshake ended, then the server closed without a word
    };
    Kind kind = Kind::Alert;
    QString alert; // OpenSSL's words for the alert ("certificate required"), for Alert
};

// One TLS handshake with `tls` to the host and port of `url`, sending nothing, to hear why a
// server ended the feed's connection before any HTTP answer. A server that refuses the
// client's certificate does so after the client thinks the handshake is done (TLS 1.3), or
// closes as soon as it is done (Qt's own servers send no alert), and Qt's network access
// reports either as a closed connection with no word of the reason.
// nullopt: the server accepted the connection, said nothing, or could not be reached; a
// connection cut mid-handshake without an alert is left out too, as an overloaded server
// (or a network) does that as well. Blocks for at most `limit`, spinning a local event loop.
[[nodiscard]] std::optional<TlsRefusal>
probeTlsRefusal(const QUrl &url, const QSslConfiguration &tls, std::chrono::milliseconds limit);

} // namespace bv::feeds

// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "feedservice.h"

#include <QByteArray>
#include <QHash>
#include <QString>

namespace bv::feedsim {

// Bounds on what one client may make the server hold.
struct HttpLimits
{
    qsizetype maxHeaderBytes = 16 * 1024; // request line and headers: 431 beyond
    qsizetype maxBodyBytes = 1024 * 1024; // Content-Length: 413 beyond
    int idleTimeoutMs = 30 * 1000;        // no byte from the client while no response is due
};

struct HttpRequest
{
    QByteArray method;
    QByteArray target;                     // as sent: "/health/fhir/Patient?_count=5"
    QString path;                          // percent-decoded: "/health/fhir/Patient"
    QByteArray query;                      // still encoded: "_count=5"
    QHash<QByteArray, QByteArray> headers; // names in lower case; repeats joined with ", "
    QByteArray body;
    bool keepAlive = true;

    QByteArray header(const QByteArray &lowerCaseName) const
    {
        return headers.value(lowerCaseName);
    }
};

// The outcome of looking at the bytes a connection has received so far.
struct HttpParseResult
{
    enum class State { NeedMore, Complete, Failed };

    State state = State::NeedMore;
    HttpRequest request;          // when Complete
    int errorStatus = 0;          // when Failed: 400, 413, 431 or 501
    QByteArray errorMessage;      // when Failed: a short reason for the response body
    bool expectsContinue = false; // NeedMore with complete headers and "Expect: 100-continue"
};

// HTTP/1.1 request framing (RFC 9112): request line, header fields, a Content-Length body.
// A complete request is removed from the front of `buffer`; otherwise nothing is consumed.
// Transfer codings are not supported (501), nor obsolete line folding (400).
HttpParseResult parseHttpRequest(QByteArray &buffer, const HttpLimits &limits);

// "Not Found" for 404, "" for codes it does not know.
QByteArray httpReasonPhrase(int status);

// Status line and headers, with Content-Length (none for 1xx, 204 and 304) and, when
// closing, "Connection: close". Any Content-Length or Connection in the response is replaced.
QByteArray serializeResponseHead(const SimResponse &response, bool close);

// A response with a text/plain body of `message` and a newline.
SimResponse plainResponse(int status, const QByteArray &message);

} // namespace bv::feedsim

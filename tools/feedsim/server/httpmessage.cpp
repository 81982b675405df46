// SPDX-License-Identifier: GPL-3.0-or-later
#include "httpmessage.h"

#include <QUrl>

namespace bv::feedsim {

namespace {

const QByteArray kCrlf = QByteArrayLiteral("\r\n");

HttpParseResult failed(int status, const char *message)
{
    HttpParseResult result;
    result.state = HttpParseResult::State::Failed;
    result.errorStatus = status;
    result.errorMessage = QByteArray(message);
    return result;
}

// RFC 9110 5.6.2: the characters of a token (method, header name).
bool isTokenChar(char c)
{
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
        return true;
    return QByteArrayView("!#$%&'*+-.^_`|~").contains(c);
}

bool isToken(QByteArrayView text)
{
    if (text.isEmpty())
        return false;
    for (const char c : text) {
        if (!isTokenChar(c))
            return false;
    }
    return true;
}

// Visible ASCII except '#': what a request target may hold once percent-encoded.
bool isTargetText(QByteArrayView text)
{
    for (const char c : text) {
        if (c <= 0x20 || c >= 0x7f || c == '#')
            return false;
    }
    return !text.isEmpty();
}

bool isFieldValue(QByteArrayView text)
{
    for (const char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        if ((byte < 0x20 && c != '\t') || byte == 0x7f)
            return false;
    }
    return true;
}

QByteArray trimmedOws(QByteArrayView text)
{
    qsizetype begin = 0;
    qsizetype end = text.size();
    while (begin < end && (text[begin] == ' ' || text[begin] == '\t'))
        ++begin;
    while (end > begin && (text[end - 1] == ' ' || text[end - 1] == '\t'))
        --end;
    return text.sliced(begin, end - begin).toByteArray();
}

// Comma-separated list members, trimmed and lower-cased ("Connection: Keep-Alive, x").
QList<QByteArray> listMembers(const QByteArray &value)
{
    QList<QByteArray> members;
    for (const QByteArray &part : value.split(',')) {
        const QByteArray member = trimmedOws(part).toLower();
        if (!member.isEmpty())
            members.append(member);
    }
    return members;
}

// Content-Length: digits, or a repeat of one value (RFC 9112 6.3); -1 when invalid.
qint64 contentLength(const QByteArray &value)
{
    qint64 length = -1;
    for (const QByteArray &part : value.split(',')) {
        const QByteArray digits = trimmedOws(part);
        if (digits.isEmpty() || digits.size() > 18)
            return -1;
        for (const char c : digits) {
            if (c < '0' || c > '9')
                return -1;
        }
        const qint64 parsed = digits.toLongLong();
        if (length >= 0 && parsed != length)
            return -1;
        length = parsed;
    }
    return length;
}

// Origin form "/p?q" or absolute form "http://host/p?q"; false for anything else.
bool splitTarget(const QByteArray &target, QByteArray &path, QByteArray &query)
{
    QByteArray originForm = target;
    const QByteArray lower = target.left(8).toLower();
    if (lower.startsWith("http://") || lower.startsWith("https://")) {
        const QUrl url = QUrl::fromEncoded(target, QUrl::StrictMode);
        if (!url.isValid())
            return false;
        originForm = url.path(QUrl::FullyEncoded).toLatin1();
        if (originForm.isEmpty())
            originForm = QByteArrayLiteral("/");
        if (url.hasQuery())
            originForm += '?' + url.query(QUrl::FullyEncoded).toLatin1();
    }
    if (!originForm.startsWith('/'))
        return false;
    const qsizetype mark = originForm.indexOf('?');
    path = mark < 0 ? originForm : originForm.left(mark);
    query = mark < 0 ? QByteArray() : originForm.mid(mark + 1);
    return true;
}

} // namespace

HttpParseResult parseHttpRequest(QByteArray &buffer, const HttpLimits &limits)
{
    // RFC 9112 2.2: empty lines before a request line are ignored.
    qsizetype skipped = 0;
    while (buffer.size() >= skipped + 2 && buffer[skipped] == '\r' && buffer[skipped + 1] == '\n')
        skipped += 2;
    buffer.remove(0, skipped);

    const qsizetype headEnd = buffer.indexOf("\r\n\r\n");
    if (headEnd < 0) {
        if (buffer.size() > limits.maxHeaderBytes)
            return failed(431, "request header fields too large");
        return {};
    }
    if (headEnd + 4 > limits.maxHeaderBytes)
        return failed(431, "request header fields too large");

    const QByteArrayView head(buffer.constData(), headEnd);
    qsizetype lineEnd = head.indexOf(kCrlf);
    if (lineEnd < 0)
        lineEnd = head.size();
    const QList<QByteArray> requestLine = head.first(lineEnd).toByteArray().split(' ');
    if (requestLine.size() != 3 || !isToken(requestLine[0]) || !isTargetText(requestLine[1]))
        return failed(400, "malformed request line");
    const QByteArray &version = requestLine[2];
    if (version.size() != 8 || !version.startsWith("HTTP/") || version[6] != '.')
        return failed(400, "malformed request line");
    if (version != "HTTP/1.1" && version != "HTTP/1.0")
        return failed(505, "only HTTP/1.1 is supported");

    HttpRequest request;
    request.method = requestLine[0];
    request.target = requestLine[1];
    QByteArray rawPath;
    if (!splitTarget(request.target, rawPath, request.query))
        return failed(400, "malformed request target");
    request.path = QUrl::fromPercentEncoding(rawPath);

    qsizetype hostCount = 0;
    qsizetype position = lineEnd + 2;
    while (position < head.size()) {
        qsizetype next = head.indexOf(kCrlf, position);
        if (next < 0)
            next = head.size();
        const QByteArrayView line = head.sliced(position, next - position);
        position = next + 2;
        if (line.startsWith(' ') || line.startsWith('\t'))
            return failed(400, "obsolete line folding");
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0 || !isToken(line.first(colon)))
            return failed(400, "malformed header field");
        const QByteArray name = line.first(colon).toByteArray().toLower();
        const QByteArray value = trimmedOws(line.sliced(colon + 1));
        if (!isFieldValue(value))
            return failed(400, "malformed header field");
        if (name == "host")
            ++hostCount;
        auto existing = request.headers.find(name);
        if (existing == request.headers.end())
            request.headers.insert(name, value);
        else
            existing.value() += ", " + value;
    }

    const bool http11 = version == "HTTP/1.1";
    if (hostCount > 1 || (http11 && hostCount == 0))
        return failed(400, "exactly one Host header is required");
    if (request.headers.contains("transfer-encoding"))
        return failed(501, "transfer codings are not supported; send Content-Length");

    qint64 length = 0;
    if (request.headers.contains("content-length")) {
        length = contentLength(request.headers.value("content-length"));
        if (length < 0)
            return failed(400, "malformed Content-Length");
        if (length > limits.maxBodyBytes)
            return failed(413, "request body too large");
    }

    const QList<QByteArray> connection = listMembers(request.header("connection"));
    request.keepAlive = http11 ? !connection.contains("close") : connection.contains("keep-alive");

    const qsizetype total = headEnd + 4 + length;
    if (buffer.size() < total) {
        HttpParseResult result;
        result.expectsContinue
            = http11 && listMembers(request.header("expect")).contains("100-continue");
        return result;
    }
    request.body = buffer.mid(headEnd + 4, length);
    buffer.remove(0, total);

    HttpParseResult result;
    result.state = HttpParseResult::State::Complete;
    result.request = std::move(request);
    return result;
}

QByteArray httpReasonPhrase(int status)
{
    switch (status) {
    case 100:
        return QByteArrayLiteral("Continue");
    case 200:
        return QByteArrayLiteral("OK");
    case 201:
        return QByteArrayLiteral("Created");
    case 204:
        return QByteArrayLiteral("No Content");
    case 304:
        return QByteArrayLiteral("Not Modified");
    case 400:
        return QByteArrayLiteral("Bad Request");
    case 401:
        return QByteArrayLiteral("Unauthorized");
    case 403:
        return QByteArrayLiteral("Forbidden");
    case 404:
        return QByteArrayLiteral("Not Found");
    case 405:
        return QByteArrayLiteral("Method Not Allowed");
    case 408:
        return QByteArrayLiteral("Request Timeout");
    case 413:
        return QByteArrayLiteral("Content Too Large");
    case 415:
        return QByteArrayLiteral("Unsupported Media Type");
    case 429:
        return QByteArrayLiteral("Too Many Requests");
    case 431:
        return QByteArrayLiteral("Request Header Fields Too Large");
    case 500:
        return QByteArrayLiteral("Internal Server Error");
    case 501:
        return QByteArrayLiteral("Not Implemented");
    case 502:
        return QByteArrayLiteral("Bad Gateway");
    case 503:
        return QByteArrayLiteral("Service Unavailable");
    case 505:
        return QByteArrayLiteral("HTTP Version Not Supported");
    default:
        return {};
    }
}

QByteArray serializeResponseHead(const SimResponse &response, bool close)
{
    QByteArray head;
    head.reserve(256);
    head.append("HTTP/1.1 ").append(QByteArray::number(response.status)).append(' ');
    head.append(httpReasonPhrase(response.status)).append(kCrlf);
    for (const auto &[name, value] : response.headers) {
        const QByteArray lower = name.toLower();
        if (lower == "content-length" || lower == "connection" || lower == "transfer-encoding")
            continue;
        if (!isToken(name) || !isFieldValue(value))
            continue; // never let a header value split the response
        head.append(name).append(": ").append(value).append(kCrlf);
    }
    const bool bodyless = response.status < 200 || response.status == 204 || response.status == 304;
    if (!bodyless)
        head.append("Content-Length: ")
            .append(QByteArray::number(response.body.size()))
            .append(kCrlf);
    if (close)
        head.append("Connection: close\r\n");
    head.append(kCrlf);
    return head;
}

SimResponse plainResponse(int status, const QByteArray &message)
{
    SimResponse response;
    response.status = status;
    response.headers.emplace_back(QByteArrayLiteral("Content-Type"),
                                  QByteArrayLiteral("text/plain; charset=utf-8"));
    response.body = message + '\n';
    return response;
}

} // namespace bv::feedsim

// SPDX-License-Identifier: GPL-3.0-or-later
#include "simrouter.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>
#include <QRandomGenerator>

#include <array>

namespace bv::feedsim {

namespace {

constexpr int kMaxTickDays = 366;

SimResponse jsonResponse(int status, const QJsonObject &body)
{
    SimResponse response;
    response.status = status;
    response.headers.emplace_back(QByteArrayLiteral("Content-Type"),
                                  QByteArrayLiteral("application/json"));
    response.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
    return response;
}

SimResponse jsonError(int status, const QString &message)
{
    return jsonResponse(status, QJsonObject{{QStringLiteral("error"), message}});
}

SimResponse methodNotAllowed(const QByteArray &allow)
{
    SimResponse response = plainResponse(405, QByteArrayLiteral("method not allowed"));
    response.headers.emplace_back(QByteArrayLiteral("Allow"), allow);
    return response;
}

SimResponse invalidToken(bool tokenGiven)
{
    SimResponse response
        = plainResponse(401, QByteArrayLiteral("a valid bearer token is required"));
    // RFC 6750 3.1: no error code when the request carried no credentials at all.
    response.headers.emplace_back(QByteArrayLiteral("WWW-Authenticate"),
                                  tokenGiven
                                      ? QByteArrayLiteral("Bearer error=\"invalid_token\"")
                                      : QByteArrayLiteral("Bearer realm=\"broadview-feedsim\""));
    return response;
}

// An empty body is an empty object; anything else must be one JSON object.
bool parseJsonObject(const QByteArray &body, QJsonObject &object)
{
    if (body.trimmed().isEmpty()) {
        object = {};
        return true;
    }
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(body, &error);
    if (error.error != QJsonParseError::NoError || !document.isObject())
        return false;
    object = document.object();
    return true;
}

SimResponse faultResponse(int status)
{
    SimResponse response = plainResponse(status, QByteArrayLiteral("simulated fault"));
    if (status == 503)
        response.headers.emplace_back(QByteArrayLiteral("Retry-After"), QByteArrayLiteral("1"));
    return response;
}

} // namespace

QByteArray randomAdminToken()
{
    std::array<quint32, 8> words{};
    QRandomGenerator::system()->fillRange(words.data(), words.size());
    const QByteArray raw(reinterpret_cast<const char *>(words.data()), sizeof(words));
    return raw.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

SimRouter::SimRouter(std::unique_ptr<FeedService> service, quint64 seed, QByteArray adminToken,
                     MillisecondClock clock)
    : m_service(std::move(service))
    , m_feedIds(m_service->feedIds())
    , m_tokens(m_feedIds, seed, std::move(clock))
    , m_injector(seed)
    , m_adminToken(adminToken.isEmpty() ? randomAdminToken() : std::move(adminToken))
{}

void SimRouter::setFaults(const SimFaults &faults)
{
    m_faults = faults;
    m_service->setContentFaults(faults.content);
}

RoutedResponse SimRouter::route(const HttpRequest &request)
{
    const QString &path = request.path;
    if (path == QStringLiteral("/oauth/token")) {
        if (request.method != "POST")
            return {methodNotAllowed(QByteArrayLiteral("POST")), {}};
        return {m_tokens.issue(request), {}};
    }
    if (path.startsWith(QStringLiteral("/admin/")))
        return {routeAdmin(request, path.mid(7)), {}};

    // "/health/fhir/Patient" -> "health", "fhir/Patient"; "/health" -> "health", "".
    const qsizetype slash = path.indexOf(QLatin1Char('/'), 1);
    const QString first = path.mid(1, slash < 0 ? -1 : slash - 1);
    if (!first.isEmpty() && m_feedIds.contains(first))
        return routeFeed(request, first, slash < 0 ? QString() : path.mid(slash + 1));
    return {plainResponse(404, QByteArrayLiteral("not found")), {}};
}

RoutedResponse SimRouter::routeFeed(const HttpRequest &request, const QString &feedId,
                                    const QString &below)
{
    if (!m_tokens.authorises(request, feedId))
        return {invalidToken(request.headers.contains("authorization")), {}};
    if (request.method != "GET" && request.method != "POST")
        return {methodNotAllowed(QByteArrayLiteral("GET, POST")), {}};

    // Drawn before the service is asked, so an error fault costs the service nothing and
    // leaves its paging state as it was.
    const FaultDecision decision = m_injector.next(m_faults.transport);
    if (decision.errorStatus != 0)
        return {faultResponse(decision.errorStatus), decision};

    SimRequest simRequest;
    simRequest.method = request.method;
    simRequest.path = below;
    simRequest.query = QUrlQuery(QString::fromLatin1(request.query));
    simRequest.headers = request.headers;
    simRequest.body = request.body;
    simRequest.origin = m_origin;
    return {m_service->handle(feedId, simRequest), decision};
}

SimResponse SimRouter::routeAdmin(const HttpRequest &request, const QString &action)
{
    const bool known = action == QStringLiteral("tick") || action == QStringLiteral("faults")
                       || action == QStringLiteral("stats");
    if (!known)
        return plainResponse(404, QByteArrayLiteral("not found"));
    const QByteArray token = bearerToken(request);
    if (token.isEmpty() || !constantTimeEquals(token, m_adminToken))
        return invalidToken(request.headers.contains("authorization"));

    if (action == QStringLiteral("tick")) {
        if (request.method != "POST")
            return methodNotAllowed(QByteArrayLiteral("POST"));
        return adminTick(request);
    }
    if (action == QStringLiteral("faults")) {
        if (request.method == "GET")
            return jsonResponse(200, m_faults.toJson());
        if (request.method != "POST")
            return methodNotAllowed(QByteArrayLiteral("GET, POST"));
        return adminFaults(request);
    }
    if (request.method != "GET")
        return methodNotAllowed(QByteArrayLiteral("GET"));
    return jsonResponse(200, m_service->stats());
}

SimResponse SimRouter::adminTick(const HttpRequest &request)
{
    QJsonObject body;
    if (!parseJsonObject(request.body, body))
        return jsonError(400, QStringLiteral("the body must be a JSON object"));
    const QJsonValue daysValue = body.value(QStringLiteral("days"));
    int days = 1;
    if (!daysValue.isUndefined()) {
        const double requested = daysValue.toDouble(-1);
        if (!daysValue.isDouble() || requested < 1 || requested > kMaxTickDays
            || requested != static_cast<int>(requested))
            return jsonError(
                400, QStringLiteral("days must be a whole number from 1 to %1").arg(kMaxTickDays));
        days = static_cast<int>(requested);
    }
    const auto ticked = m_service->tick(days);
    if (!ticked.ok())
        return jsonError(500, ticked.error().message);
    return jsonResponse(200, QJsonObject{{QStringLiteral("days"), days}});
}

SimResponse SimRouter::adminFaults(const HttpRequest &request)
{
    QJsonObject body;
    if (!parseJsonObject(request.body, body))
        return jsonError(400, QStringLiteral("the body must be a JSON object"));
    auto updated = m_faults.updated(body);
    if (!updated.ok())
        return jsonError(400, updated.error().message);
    setFaults(updated.value());
    return jsonResponse(200, m_faults.toJson());
}

} // namespace bv::feedsim

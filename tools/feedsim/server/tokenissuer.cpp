// SPDX-License-Identifier: GPL-3.0-or-later
#include "tokenissuer.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>

#include <array>

namespace bv::feedsim {

namespace {

constexpr qsizetype kTokenBytes = 32;

SimResponse jsonResponse(int status, const QJsonObject &body)
{
    SimResponse response;
    response.status = status;
    response.headers.emplace_back(QByteArrayLiteral("Content-Type"),
                                  QByteArrayLiteral("application/json"));
    // RFC 6749 5.1: token responses must not be cached.
    response.headers.emplace_back(QByteArrayLiteral("Cache-Control"),
                                  QByteArrayLiteral("no-store"));
    response.headers.emplace_back(QByteArrayLiteral("Pragma"), QByteArrayLiteral("no-cache"));
    response.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
    return response;
}

SimResponse oauthError(int status, const QString &error, const QString &description)
{
    return jsonResponse(status, QJsonObject{{QStringLiteral("error"), error},
                                            {QStringLiteral("error_description"), description}});
}

// application/x-www-form-urlencoded: '+' is a space, then percent-decoding (UTF-8).
QString formDecode(QByteArray text)
{
    text.replace('+', ' ');
    return QUrl::fromPercentEncoding(text);
}

QHash<QString, QString> parseForm(const QByteArray &body, bool &repeated)
{
    QHash<QString, QString> fields;
    repeated = false;
    for (const QByteArray &pair : body.split('&')) {
        if (pair.isEmpty())
            continue;
        const qsizetype equals = pair.indexOf('=');
        const QString name = formDecode(equals < 0 ? pair : pair.left(equals));
        const QString value = equals < 0 ? QString() : formDecode(pair.mid(equals + 1));
        // RFC 6749 3.2: request parameters must not be included more than once.
        if (fields.contains(name))
            repeated = true;
        fields.insert(name, value);
    }
    return fields;
}

QByteArray randomToken()
{
    std::array<quint32, kTokenBytes / 4> words{};
    QRandomGenerator::system()->fillRange(words.data(), words.size());
    const QByteArray raw(reinterpret_cast<const char *>(words.data()), kTokenBytes);
    return raw.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

bool isFormContentType(const QByteArray &value)
{
    const QByteArray mediaType = value.split(';').value(0).trimmed().toLower();
    return mediaType == "application/x-www-form-urlencoded";
}

} // namespace

QString feedClientId(const QString &feedId)
{
    return QStringLiteral("broadview-") + feedId;
}

QString feedClientSecret(quint64 seed, const QString &feedId)
{
    QCryptographicHash hash(QCryptographicHash::Sha256);
    hash.addData("broadview-feedsim client secret\n");
    hash.addData(QByteArray::number(seed));
    hash.addData("\n");
    hash.addData(feedId.toUtf8());
    return QString::fromLatin1(hash.result().toHex().left(32));
}

MillisecondClock systemMillisecondClock()
{
    return [] {
        return QDateTime::currentMSecsSinceEpoch();
    };
}

QByteArray bearerToken(const HttpRequest &request)
{
    const QByteArray value = request.header("authorization");
    const qsizetype space = value.indexOf(' ');
    if (space <= 0 || value.left(space).toLower() != "bearer")
        return {};
    return value.mid(space + 1).trimmed();
}

bool constantTimeEquals(const QByteArray &a, const QByteArray &b)
{
    if (a.size() != b.size())
        return false;
    unsigned char difference = 0;
    for (qsizetype i = 0; i < a.size(); ++i)
        difference |= static_cast<unsigned char>(a[i] ^ b[i]);
    return difference == 0;
}

TokenIssuer::TokenIssuer(const QStringList &feedIds, quint64 seed, MillisecondClock clock)
    : m_clock(clock ? std::move(clock) : systemMillisecondClock())
{
    for (const QString &feed : feedIds)
        m_secretByClient.insert(feedClientId(feed), feedClientSecret(seed, feed).toUtf8());
}

SimResponse TokenIssuer::issue(const HttpRequest &request)
{
    if (!isFormContentType(request.header("content-type")))
        return oauthError(400, QStringLiteral("invalid_request"),
                          QStringLiteral("Content-Type must be application/x-www-form-urlencoded"));
    bool repeated = false;
    const QHash<QString, QString> form = parseForm(request.body, repeated);
    if (repeated)
        return oauthError(400, QStringLiteral("invalid_request"),
                          QStringLiteral("a parameter is repeated"));

    // The client: HTTP Basic (RFC 6749 2.3.1, both parts form-encoded) or the body, not both.
    QString clientId;
    QString clientSecret;
    const QByteArray authorization = request.header("authorization");
    const bool basic = authorization.left(6).toLower() == "basic ";
    const bool inBody = form.contains(QStringLiteral("client_id"))
                        || form.contains(QStringLiteral("client_secret"));
    if (basic && inBody)
        return oauthError(400, QStringLiteral("invalid_request"),
                          QStringLiteral("use one client authentication method"));
    if (basic) {
        const auto decoded = QByteArray::fromBase64Encoding(
            authorization.mid(6).trimmed(), QByteArray::AbortOnBase64DecodingErrors);
        const qsizetype colon = decoded.decoded.indexOf(':');
        if (decoded && colon >= 0) {
            clientId = formDecode(decoded.decoded.left(colon));
            clientSecret = formDecode(decoded.decoded.mid(colon + 1));
        }
    } else {
        clientId = form.value(QStringLiteral("client_id"));
        clientSecret = form.value(QStringLiteral("client_secret"));
    }
    const auto secret = m_secretByClient.constFind(clientId);
    if (clientId.isEmpty() || secret == m_secretByClient.constEnd()
        || !constantTimeEquals(clientSecret.toUtf8(), secret.value())) {
        SimResponse response = oauthError(401, QStringLiteral("invalid_client"),
                                          QStringLiteral("client authentication failed"));
        response.headers.emplace_back(QByteArrayLiteral("WWW-Authenticate"),
                                      QByteArrayLiteral("Basic realm=\"broadview-feedsim\""));
        return response;
    }

    const QString grantType = form.value(QStringLiteral("grant_type"));
    if (grantType.isEmpty())
        return oauthError(400, QStringLiteral("invalid_request"),
                          QStringLiteral("grant_type is required"));
    if (grantType != QStringLiteral("client_credentials"))
        return oauthError(400, QStringLiteral("unsupported_grant_type"),
                          QStringLiteral("only client_credentials is supported"));

    // Each client may ask for its own feed only; no scope means that feed (RFC 6749 3.3).
    const QString ownFeed = clientId.mid(feedClientId(QString()).size());
    const QString scope = form.value(QStringLiteral("scope"), ownFeed).trimmed();
    if (scope != ownFeed)
        return oauthError(400, QStringLiteral("invalid_scope"),
                          QStringLiteral("this client may only ask for scope %1").arg(ownFeed));

    const qint64 now = m_clock();
    dropExpired(now);
    const QByteArray token = randomToken();
    m_grants.insert(token, Grant{ownFeed, now + qint64(kLifetimeSeconds) * 1000});
    return jsonResponse(200,
                        QJsonObject{{QStringLiteral("access_token"), QString::fromLatin1(token)},
                                    {QStringLiteral("token_type"), QStringLiteral("Bearer")},
                                    {QStringLiteral("expires_in"), kLifetimeSeconds},
                                    {QStringLiteral("scope"), ownFeed}});
}

bool TokenIssuer::authorises(const HttpRequest &request, const QString &feedId) const
{
    const QByteArray token = bearerToken(request);
    if (token.isEmpty())
        return false;
    const auto grant = m_grants.constFind(token);
    return grant != m_grants.constEnd() && grant->feedId == feedId
           && m_clock() < grant->expiresAtMs;
}

void TokenIssuer::dropExpired(qint64 nowMs)
{
    m_grants.removeIf([nowMs](const auto &entry) { return entry.value().expiresAtMs <= nowMs; });
}

} // namespace bv::feedsim

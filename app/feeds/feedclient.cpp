// SPDX-License-Identifier: GPL-3.0-or-later
#include "feeds/feedclient.h"

#include "feeds/tlsprobe.h"

#include <QEventLoop>
#include <QFile>
#include <QHostAddress>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QObject>
#include <QSslCertificate>
#include <QSslKey>
#include <QTimer>
#include <QUrlQuery>

#include <spdlog/spdlog.h>

namespace bv::feeds {

namespace {

constexpr qint64 kMaxBodyBytes = qint64(256) << 20;
constexpr auto kCancelPoll = std::chrono::milliseconds(50);
constexpr const char *kTlsErrorsProperty = "broadviewTlsErrors";
// For the probe's connection and handshake; after the handshake it waits a second at most.
constexpr auto kTlsProbeLimit = std::chrono::milliseconds(5000);

bool isRetryableStatus(int status)
{
    return status == 408 || status == 429 || status == 500 || status == 502 || status == 503
           || status == 504;
}

bool isTlsError(QNetworkReply::NetworkError error)
{
    return error == QNetworkReply::SslHandshakeFailedError;
}

// How Qt's network access reports a server that ended the TLS session before any HTTP answer:
// a handshake failure, a closed connection (a refusal after the handshake), or an unknown
// error (an alert read after it).
bool mayBeTlsRefusal(QNetworkReply::NetworkError error)
{
    return error == QNetworkReply::SslHandshakeFailedError
           || error == QNetworkReply::RemoteHostClosedError
           || error == QNetworkReply::UnknownNetworkError;
}

// Connection-level failures that another attempt may not meet, also after a 2xx head (a
// connection cut mid-body).
bool isRetryableNetworkError(QNetworkReply::NetworkError error)
{
    switch (error) {
    case QNetworkReply::ConnectionRefusedError:
    case QNetworkReply::RemoteHostClosedError:
    case QNetworkReply::TimeoutError:
    case QNetworkReply::OperationCanceledError: // the transfer timeout aborts this way
    case QNetworkReply::TemporaryNetworkFailureError:
    case QNetworkReply::NetworkSessionFailedError:
    case QNetworkReply::ProxyConnectionClosedError:
    case QNetworkReply::ProxyTimeoutError:
    case QNetworkReply::InternalServerError:
    case QNetworkReply::ServiceUnavailableError:
    case QNetworkReply::UnknownServerError:
    case QNetworkReply::ProtocolFailure: // a body shorter than its Content-Length
        return true;
    default:
        return false;
    }
}

std::optional<std::chrono::milliseconds> retryAfter(QNetworkReply &reply)
{
    const QByteArray value = reply.rawHeader("Retry-After").trimmed();
    bool ok = false;
    const int seconds = value.toInt(&ok);
    if (!ok || seconds < 0)
        return std::nullopt;
    return std::chrono::milliseconds(qint64(seconds) * 1000);
}

Result<QSslConfiguration> tlsConfiguration(const FeedConfig &feed, const SecretLookup &secrets)
{
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    tls.setProtocol(QSsl::TlsV1_2OrLater);
    if (!feed.tls.verifyPeer)
        tls.setPeerVerifyMode(QSslSocket::VerifyNone);
    if (!feed.tls.caFile.isEmpty()) {
        const QList<QSslCertificate> authorities = QSslCertificate::fromPath(feed.tls.caFile);
        if (authorities.isEmpty())
            return makeError(ErrorCode::FeedConfig,
                             QObject::tr("Feed %1: no PEM certificate could be read from the CA "
                                         "file %2.")
                                 .arg(feed.id, feed.tls.caFile));
        tls.setCaCertificates(authorities);
    }
    if (!feed.tls.clientCertFile.isEmpty()) {
        const QList<QSslCertificate> own = QSslCertificate::fromPath(feed.tls.clientCertFile);
        if (own.isEmpty())
            return makeError(ErrorCode::FeedConfig,
                             QObject::tr("Feed %1: no PEM certificate could be read from the "
                                         "client certificate file %2.")
                                 .arg(feed.id, feed.tls.clientCertFile));
        if (feed.tls.clientKeyRef.isEmpty())
            return makeError(ErrorCode::FeedConfig,
                             QObject::tr("Feed %1: a client certificate needs the name of the "
                                         "secret that holds its private key (client_key_ref).")
                                 .arg(feed.id));
        auto pem = secrets(feed.tls.clientKeyRef);
        BV_TRY(pem);
        QSslKey key(pem.value(), QSsl::Ec);
        if (key.isNull())
            key = QSslKey(pem.value(), QSsl::Rsa);
        if (key.isNull())
            return makeError(ErrorCode::FeedConfig,
                             QObject::tr("Feed %1: the secret %2 is not a PEM private key (EC "
                                         "or RSA).")
                                 .arg(feed.id, feed.tls.clientKeyRef));
        tls.setLocalCertificate(own.first());
        tls.setPrivateKey(key);
    }
    return tls;
}

QString describe(const QUrl &url)
{
    // Errors are logged and shown: the query of a next-page link is left out, as an agency may
    // put search terms in it. Paths hold resource names and ids.
    return url.toString(QUrl::RemoveUserInfo | QUrl::RemoveQuery | QUrl::RemoveFragment);
}

} // namespace

bool isUnreachable(QNetworkReply::NetworkError error)
{
    switch (error) {
    case QNetworkReply::ConnectionRefusedError:
    case QNetworkReply::HostNotFoundError:
    case QNetworkReply::TimeoutError:
    case QNetworkReply::TemporaryNetworkFailureError:
    case QNetworkReply::NetworkSessionFailedError:
    case QNetworkReply::ProxyConnectionRefusedError:
    case QNetworkReply::ProxyNotFoundError:
    case QNetworkReply::ProxyTimeoutError:
        return true;
    default:
        return false;
    }
}

Result<std::unique_ptr<FeedClient>> FeedClient::create(const FeedConfig &feed, SecretLookup secrets,
                                                       RetryPolicy policy,
                                                       const std::atomic<bool> &cancelled)
{
    const QString scheme = feed.baseUrl.scheme();
    // Feeds carry personal data: plain http only where nothing leaves the machine.
    const QHostAddress host(feed.baseUrl.host());
    const bool loopback = feed.baseUrl.host() == QLatin1String("localhost")
                          || (!host.isNull() && host.isLoopback());
    if (scheme == QLatin1String("http") && !(loopback && feed.tls.allowPlainHttp))
        return makeError(ErrorCode::FeedConfig,
                         QObject::tr("Feed %1: the base URL %2 is plain http. Feeds carry "
                                     "personal data, so TLS (https) is required; plain http is "
                                     "accepted only on this machine's loopback address and "
                                     "with \"allowPlainHttp\": true.")
                             .arg(feed.id, describe(feed.baseUrl)));
    if (scheme != QLatin1String("http") && scheme != QLatin1String("https"))
        return makeError(ErrorCode::FeedConfig,
                         QObject::tr("Feed %1: the base URL %2 is not an http(s) URL.")
                             .arg(feed.id, describe(feed.baseUrl)));
    auto tls = tlsConfiguration(feed, secrets);
    BV_TRY(tls);
    return std::unique_ptr<FeedClient>(
        new FeedClient(feed, std::move(secrets), policy, tls.value(), cancelled));
}

FeedClient::FeedClient(const FeedConfig &feed, SecretLookup secrets, RetryPolicy policy,
                       QSslConfiguration tls, const std::atomic<bool> &cancelled)
    : m_feed(feed)
    , m_secrets(std::move(secrets))
    , m_policy(policy)
    , m_tls(std::move(tls))
    , m_cancelled(cancelled)
    , m_jitter(policy.jitterSeed != 0 ? QRandomGenerator(quint32(policy.jitterSeed))
                                      : QRandomGenerator(QRandomGenerator::system()->generate()))
{
    // No redirect is followed: one could carry the bearer token or the client certificate's
    // session to a host feeds.json does not name. A feed that moves is a configuration change.
    m_network.setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy);
    m_network.setTransferTimeout(int(m_policy.transferTimeout.count()));
}

FeedClient::~FeedClient() = default;

QNetworkReply *FeedClient::send(const QUrl &url)
{
    QNetworkRequest request(url);
    if (url.scheme() == QLatin1String("https"))
        request.setSslConfiguration(m_tls);
    request.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
    if (!m_token.isEmpty())
        request.setRawHeader("Authorization", "Bearer " + m_token);
    QNetworkReply *reply = m_network.get(request);
    // Kept on the reply itself: a prefetched reply may meet its errors before anyone waits.
    QObject::connect(reply, &QNetworkReply::sslErrors, reply,
                     [reply](const QList<QSslError> &errors) {
                         QStringList texts = reply->property(kTlsErrorsProperty).toStringList();
                         for (const QSslError &error : errors)
                             texts << error.errorString();
                         reply->setProperty(kTlsErrorsProperty, texts);
                     });
    return reply;
}

std::unique_ptr<FeedClient::Pending> FeedClient::start(const QUrl &url)
{
    auto pending = std::make_unique<Pending>();
    pending->url = url;
    // Without a token yet, finish() fetches one first and then sends.
    if (m_feed.auth.kind == FeedAuth::Kind::None || !m_token.isEmpty())
        pending->reply = send(url);
    return pending;
}

Result<void> FeedClient::waitFor(QNetworkReply *reply, std::chrono::milliseconds limit)
{
    if (reply->isFinished())
        return {};
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    QTimer poll;
    QObject::connect(&poll, &QTimer::timeout, &loop, [&] {
        if (m_cancelled.load())
            loop.quit();
    });
    poll.start(kCancelPoll);
    QTimer::singleShot(limit, &loop, &QEventLoop::quit);
    loop.exec();
    if (m_cancelled.load()) {
        reply->abort();
        return makeError(ErrorCode::Cancelled, QObject::tr("The sync was cancelled."));
    }
    return {};
}

Result<void> FeedClient::sleepFor(std::chrono::milliseconds delay)
{
    QEventLoop loop;
    QTimer poll;
    QObject::connect(&poll, &QTimer::timeout, &loop, [&] {
        if (m_cancelled.load())
            loop.quit();
    });
    poll.start(kCancelPoll);
    QTimer::singleShot(delay, &loop, &QEventLoop::quit);
    loop.exec();
    if (m_cancelled.load())
        return makeError(ErrorCode::Cancelled, QObject::tr("The sync was cancelled."));
    return {};
}

std::optional<Error> FeedClient::refusedByServer(const QUrl &url, QNetworkReply::NetworkError error)
{
    if (m_probedTls || url.scheme() != QLatin1String("https") || !mayBeTlsRefusal(error))
        return std::nullopt;
    // Once per client: a server that is simply down or restarting is not asked again.
    m_probedTls = true;
    const std::optional<TlsRefusal> refusal = probeTlsRefusal(url, m_tls, kTlsProbeLimit);
    if (!refusal)
        return std::nullopt;
    QString heard;
    switch (refusal->kind) {
    case TlsRefusal::Kind::Alert:
        heard = QObject::tr("TLS alert \"%1\"").arg(refusal->alert);
        break;
    case TlsRefusal::Kind::ClosedAfterHandshake:
        heard = QObject::tr("closed as soon as the TLS handshake ended");
        break;
    }
    const QSslCertificate own = m_tls.localCertificate();
    if (own.isNull())
        return makeError(ErrorCode::TlsRefused,
                         QObject::tr("Feed %1: %2 refused the connection (%3). The feed presents "
                                     "no client certificate; if the agency requires one, set "
                                     "\"clientCert\" and \"clientKeyRef\" in the feed's "
                                     "\"tls\" in feeds.json.")
                             .arg(m_feed.id, describe(url), heard));
    // The certificate's file, issuer and expiry say which one was sent; its key never appears.
    return makeError(
        ErrorCode::TlsRefused,
        QObject::tr("Feed %1: %2 refused the connection (%3): it did not accept the client "
                    "certificate %4 (issued by \"%5\", valid until %6). Check that the agency "
                    "trusts its issuer and that it has not expired or been revoked.")
            .arg(m_feed.id, describe(url), heard, m_feed.tls.clientCertFile,
                 own.issuerDisplayName(), own.expiryDate().toUTC().toString(Qt::ISODate)));
}

std::chrono::milliseconds FeedClient::backoff(int attempt)
{
    // Full jitter (a random wait up to the exponential bound) spreads clients that failed
    // together, so they do not return together.
    const qint64 bound
        = std::min<qint64>(m_policy.cap.count(), m_policy.base.count() << std::min(attempt, 20));
    return std::chrono::milliseconds(qint64(m_jitter.bounded(double(bound) + 1.0)));
}

Result<void> FeedClient::ensureToken()
{
    if (m_feed.auth.kind == FeedAuth::Kind::None)
        return {};
    if (!m_token.isEmpty() && std::chrono::steady_clock::now() < m_tokenExpires)
        return {};
    m_token.clear();
    auto secret = m_secrets(m_feed.auth.secretRef);
    BV_TRY(secret);
    const QUrl tokenUrl = m_feed.baseUrl.resolved(m_feed.auth.tokenUrl);
    QUrlQuery form;
    form.addQueryItem(QStringLiteral("grant_type"), QStringLiteral("client_credentials"));
    if (!m_feed.auth.scope.isEmpty())
        form.addQueryItem(QStringLiteral("scope"), m_feed.auth.scope);
    const QByteArray body = form.toString(QUrl::FullyEncoded).toUtf8();
    // RFC 6749 2.3.1: both parts form-encoded before the Basic encoding.
    const QByteArray credentials = QUrl::toPercentEncoding(m_feed.auth.clientId) + ':'
                                   + QUrl::toPercentEncoding(QString::fromUtf8(secret.value()));

    for (int attempt = 0;; ++attempt) {
        QNetworkRequest request(tokenUrl);
        if (tokenUrl.scheme() == QLatin1String("https"))
            request.setSslConfiguration(m_tls);
        request.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
        request.setHeader(QNetworkRequest::ContentTypeHeader,
                          QByteArrayLiteral("application/x-www-form-urlencoded"));
        request.setRawHeader("Authorization", "Basic " + credentials.toBase64());
        std::unique_ptr<QNetworkReply, void (*)(QNetworkReply *)> reply(
            m_network.post(request, body), [](QNetworkReply *r) { r->deleteLater(); });
        QStringList tlsErrors;
        QObject::connect(reply.get(), &QNetworkReply::sslErrors, reply.get(),
                         [&tlsErrors](const QList<QSslError> &errors) {
                             for (const QSslError &error : errors)
                                 tlsErrors << error.errorString();
                         });
        BV_TRY(waitFor(reply.get()));
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        const auto error = reply->error();
        if (!tlsErrors.isEmpty())
            return makeError(
                ErrorCode::TlsRefused,
                QObject::tr("Feed %1: the certificate of %2 was refused: %3")
                    .arg(m_feed.id, describe(tokenUrl), tlsErrors.join(QStringLiteral("; "))));
        if (status == 0 && error != QNetworkReply::NoError) {
            if (auto refused = refusedByServer(tokenUrl, error))
                return *refused;
            if (isTlsError(error))
                return makeError(ErrorCode::TlsRefused,
                                 QObject::tr("Feed %1: the TLS handshake with %2 failed: %3")
                                     .arg(m_feed.id, describe(tokenUrl), reply->errorString()));
        }
        const bool retryable = isRetryableNetworkError(error) || isRetryableStatus(status);
        if (retryable && attempt + 1 < m_policy.maxAttempts) {
            ++m_retries;
            BV_TRY(sleepFor(std::max(backoff(attempt),
                                     retryAfter(*reply).value_or(std::chrono::milliseconds(0)))));
            continue;
        }
        if (status == 0 || retryable)
            return makeError(status == 0 && isUnreachable(error) ? ErrorCode::Unreachable
                                                                 : ErrorCode::Network,
                             QObject::tr("Feed %1: the token endpoint %2 could not be reached: %3")
                                 .arg(m_feed.id, describe(tokenUrl), reply->errorString()));
        const QJsonObject answer = QJsonDocument::fromJson(reply->readAll()).object();
        if (status != 200)
            return makeError(ErrorCode::FeedRejected,
                             QObject::tr("Feed %1: the token endpoint refused client %2 (HTTP %3, "
                                         "%4).")
                                 .arg(m_feed.id, m_feed.auth.clientId)
                                 .arg(status)
                                 .arg(answer.value(QLatin1String("error"))
                                          .toString(QStringLiteral("no reason given"))));
        const QString token = answer.value(QLatin1String("access_token")).toString();
        if (token.isEmpty())
            return makeError(ErrorCode::FeedRejected,
                             QObject::tr("Feed %1: the token endpoint answered without an "
                                         "access_token.")
                                 .arg(m_feed.id));
        m_token = token.toUtf8();
        const int lifetime = answer.value(QLatin1String("expires_in")).toInt(3600);
        // Renew a little early, so a token does not expire between sending and arriving.
        m_tokenExpires
            = std::chrono::steady_clock::now() + std::chrono::seconds(std::max(lifetime - 30, 1));
        return {};
    }
}

Result<FeedResponse> FeedClient::finish(Pending &pending)
{
    for (;;) {
        if (!pending.reply) {
            BV_TRY(ensureToken());
            pending.reply = send(pending.url);
        }
        QNetworkReply *raw = pending.reply.data();
        std::unique_ptr<QNetworkReply, void (*)(QNetworkReply *)> reply(
            raw, [](QNetworkReply *r) { r->deleteLater(); });
        pending.reply = nullptr;
        BV_TRY(waitFor(reply.get()));

        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        const auto error = reply->error();
        const QStringList tlsErrors = reply->property(kTlsErrorsProperty).toStringList();
        if (!tlsErrors.isEmpty())
            return makeError(
                ErrorCode::TlsRefused,
                QObject::tr("Feed %1: the certificate of %2 was refused: %3")
                    .arg(m_feed.id, describe(pending.url), tlsErrors.join(QStringLiteral("; "))));
        if (status == 0 && error != QNetworkReply::NoError) {
            if (auto refused = refusedByServer(pending.url, error))
                return *refused;
            if (isTlsError(error))
                return makeError(ErrorCode::TlsRefused,
                                 QObject::tr("Feed %1: the TLS handshake with %2 failed: %3")
                                     .arg(m_feed.id, describe(pending.url), reply->errorString()));
        }
        if (status == 401 && !pending.renewedToken && m_feed.auth.kind != FeedAuth::Kind::None) {
            // A token may be revoked or the server restarted: renew once, then believe it.
            pending.renewedToken = true;
            m_token.clear();
            continue;
        }
        const QByteArray body
            = reply->bytesAvailable() > kMaxBodyBytes ? QByteArray() : reply->readAll();
        const QVariant declared = reply->header(QNetworkRequest::ContentLengthHeader);
        const bool truncated = error == QNetworkReply::NoError && declared.isValid()
                               && declared.toLongLong() != body.size();
        const bool ok
            = error == QNetworkReply::NoError && status >= 200 && status < 300 && !truncated;
        if (ok) {
            FeedResponse response;
            response.url = reply->url();
            response.status = status;
            for (const auto &pair : reply->rawHeaderPairs())
                response.headers.emplace_back(pair.first, pair.second);
            response.body = body;
            return response;
        }
        const bool retryable
            = truncated || isRetryableStatus(status) || isRetryableNetworkError(error);
        QString reason = reply->errorString();
        if (truncated || (status >= 200 && status < 300))
            reason = QObject::tr("the body was cut short (%1)").arg(reason);
        else if (status != 0)
            reason = QObject::tr("HTTP %1").arg(status);
        if (retryable && pending.attempt + 1 < m_policy.maxAttempts) {
            const auto delay
                = std::max(backoff(pending.attempt),
                           std::min(m_policy.retryAfterCap,
                                    retryAfter(*reply).value_or(std::chrono::milliseconds(0))));
            spdlog::info("feed {}: attempt {} failed ({}), retrying in {} ms",
                         m_feed.id.toStdString(), pending.attempt + 1, reason.toStdString(),
                         delay.count());
            ++pending.attempt;
            ++m_retries;
            BV_TRY(sleepFor(delay));
            continue;
        }
        if (status == 0 && isUnreachable(error))
            return makeError(ErrorCode::Unreachable,
                             QObject::tr("Feed %1: %2 could not be reached after %3 attempts "
                                         "(last: %4).")
                                 .arg(m_feed.id, describe(pending.url))
                                 .arg(pending.attempt + 1)
                                 .arg(reason));
        if (retryable)
            return makeError(ErrorCode::Network,
                             QObject::tr("Feed %1: %2 failed after %3 attempts (last: %4).")
                                 .arg(m_feed.id, describe(pending.url))
                                 .arg(pending.attempt + 1)
                                 .arg(reason));
        return makeError(ErrorCode::FeedRejected,
                         QObject::tr("Feed %1: %2 was refused (%3).")
                             .arg(m_feed.id, describe(pending.url), reason));
    }
}

} // namespace bv::feeds

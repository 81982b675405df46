// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "common/result.h"
#include "feeds/feedadapter.h"
#include "feeds/feedconfig.h"

#include <QByteArray>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPointer>
#include <QRandomGenerator>
#include <QSslConfiguration>
#include <QUrl>

#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <optional>

namespace bv::feeds {

// No answer from the host at all, as on a laptop with no network: nothing was said over HTTP.
[[nodiscard]] bool isUnreachable(QNetworkReply::NetworkError error);

struct RetryPolicy
{
    int maxAttempts = 6;
    std::chrono::milliseconds base{250};
    std::chrono::milliseconds cap{8000};
    std::chrono::milliseconds retryAfterCap{30000};
    std::chrono::milliseconds transferTimeout{30000};
    quint64 jitterSeed = 0; // 0: from the system's generator
};

// Looks a named secret up (the store's `secret` table or the keychain).
using SecretLookup = std::function<Result<QByteArray>(const QString &name)>;

// One feed's HTTP side: TLS as configured, an OAuth 2.0 client-credentials token fetched when
// needed and renewed once when refused, and retries with exponential backoff and full jitter
// for what may pass (connection failures, 5xx, 429, a body cut short), never for what will
// not (a refused certificate, 4xx). Blocking calls meant for a worker thread; the network
// runs in Qt's own HTTP thread, so a page can download while the previous one is written.
class FeedClient
{
public:
    [[nodiscard]] static Result<std::unique_ptr<FeedClient>>
    create(const FeedConfig &feed, SecretLookup secrets, RetryPolicy policy,
           const std::atomic<bool> &cancelled);
    ~FeedClient();
    FeedClient(const FeedClient &) = delete;
    FeedClient &operator=(const FeedClient &) = delete;

    // A request under way; finish() waits for it, retrying as the policy allows.
    struct Pending
    {
        QUrl url;
        QPointer<QNetworkReply> reply;
        int attempt = 0;
        bool renewedToken = false;
    };
    std::unique_ptr<Pending> start(const QUrl &url);
    [[nodiscard]] Result<FeedResponse> finish(Pending &pending);

    int retries() const { return m_retries; }

private:
    FeedClient(const FeedConfig &feed, SecretLookup secrets, RetryPolicy policy,
               QSslConfiguration tls, const std::atomic<bool> &cancelled);

    [[nodiscard]] Result<void> ensureToken();
    QNetworkReply *send(const QUrl &url);
    [[nodiscard]] Result<void> waitFor(QNetworkReply *reply,
                                       std::chrono::milliseconds limit = std::chrono::hours(1));
    [[nodiscard]] Result<void> sleepFor(std::chrono::milliseconds delay);
    // After a TLS connection failed with no HTTP answer: the server's refusal of this client
    // (its certificate, or the lack of one), heard by one probe handshake per client.
    [[nodiscard]] std::optional<Error> refusedByServer(const QUrl &url,
                                                       QNetworkReply::NetworkError error);
    std::chrono::milliseconds backoff(int attempt);

    FeedConfig m_feed;
    SecretLookup m_secrets;
    RetryPolicy m_policy;
    QSslConfiguration m_tls;
    const std::atomic<bool> &m_cancelled;
    QNetworkAccessManager m_network;
    QRandomGenerator m_jitter;
    QByteArray m_token;
    std::chrono::steady_clock::time_point m_tokenExpires{};
    int m_retries = 0;
    bool m_probedTls = false;
};

} // namespace bv::feeds

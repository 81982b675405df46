// SPDX-License-Identifier: GPL-3.0-or-later
// feeds.json through loadFeedsFile (it reads a file, so the input is written to one in this
// process's scratch folder, beside copies of the shipped mapping files it names).
// Input: the file. Beyond no crash: a file with a secret written inline (a key such as
// "client_secret" anywhere, in any case) is refused, and the refusal does not quote the secret;
// a file that loads has absolute URLs and mapping paths; every feed of it makes an adapter or
// says why not.
#include "feeds/feedconfig.h"
#include "fuzzsupport.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace bv;

namespace {

// As feeds.json's rule says: compared without case, "_" or "-".
bool isSecretKey(const QString &key)
{
    QString folded = key.toLower();
    folded.remove(QLatin1Char('_'));
    folded.remove(QLatin1Char('-'));
    static const QStringList secrets{QStringLiteral("secret"),     QStringLiteral("clientsecret"),
                                     QStringLiteral("password"),   QStringLiteral("passphrase"),
                                     QStringLiteral("key"),        QStringLiteral("privatekey"),
                                     QStringLiteral("clientkey"),  QStringLiteral("token"),
                                     QStringLiteral("accesstoken")};
    return secrets.contains(folded);
}

struct Secrets
{
    bool any = false;
    QStringList values; // string values of secret keys
    QStringList keys;   // every key of the document
};

void findSecrets(const QJsonValue &value, Secrets &found)
{
    if (value.isObject()) {
        const QJsonObject object = value.toObject();
        for (auto it = object.begin(); it != object.end(); ++it) {
            found.keys.append(it.key());
            if (isSecretKey(it.key())) {
                found.any = true;
                if (it.value().isString())
                    found.values.append(it.value().toString());
            }
            findSecrets(it.value(), found);
        }
    } else if (value.isArray()) {
        for (const QJsonValue &item : value.toArray())
            findSecrets(item, found);
    }
}

void checkLoaded(const Result<feeds::FeedsFile> &loaded, const Secrets &secrets,
                 const QString &path)
{
    if (!loaded) {
        const QString &message = loaded.error().message;
        BV_FUZZ_CHECK(!message.isEmpty());
        for (const QString &secret : secrets.values) {
            // A secret may be quoted only where the message must name a key or the file
            // that happens to contain the same text.
            if (secret.size() < 8 || !message.contains(secret))
                continue;
            bool named = path.contains(secret);
            for (const QString &key : secrets.keys)
                named = named || key.contains(secret);
            BV_FUZZ_CHECK(named);
        }
        return;
    }
    BV_FUZZ_CHECK(!secrets.any);
    for (const feeds::FeedConfig &feed : loaded.value().feeds) {
        BV_FUZZ_CHECK(!feed.id.isEmpty());
        BV_FUZZ_CHECK(feed.baseUrl.isValid() && !feed.baseUrl.isRelative());
        BV_FUZZ_CHECK(feed.baseUrl.path().endsWith(QLatin1Char('/')));
        if (feed.auth.kind == feeds::FeedAuth::Kind::ClientCredentials)
            BV_FUZZ_CHECK(feed.auth.tokenUrl.isValid() && !feed.auth.tokenUrl.isRelative());
        BV_FUZZ_CHECK(QDir::isAbsolutePath(feed.mappingFile));
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const QByteArray text(reinterpret_cast<const char *>(data), qsizetype(size));
    const QString path = fuzz::scratchDir() + QStringLiteral("/feeds.json");
    fuzz::writeFile(path, text);

    Secrets secrets;
    findSecrets(QJsonDocument::fromJson(text).object(), secrets);

    const Result<feeds::FeedsFile> loaded = feeds::loadFeedsFile(path);
    checkLoaded(loaded, secrets, path);
    const Result<feeds::FeedsFile> moved
        = feeds::loadFeedsFile(path, QUrl(QStringLiteral("https://127.0.0.1:9443")));
    checkLoaded(moved, secrets, path);
    // Another origin never breaks a file that loads (one without an origin of its own may
    // load only with it).
    BV_FUZZ_CHECK(!loaded.ok() || moved.ok());

    if (loaded) {
        for (const feeds::FeedConfig &feed : loaded.value().feeds) {
            const Result<std::unique_ptr<feeds::FeedAdapter>> adapter
                = feeds::createFeedAdapter(feed);
            if (!adapter)
                BV_FUZZ_CHECK(!adapter.error().message.isEmpty());
        }
    }
    return 0;
}

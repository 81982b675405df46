// SPDX-License-Identifier: GPL-3.0-or-later
#include "feeds/feedconfig.h"

#include "common/jsonfile.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QObject>
#include <QRegularExpression>

#include <initializer_list>

namespace bv::feeds {

namespace {

// Keys that would hold a secret itself. Compared without case, "_" or "-".
bool isSecretKey(const QString &key)
{
    QString folded = key.toLower();
    folded.remove(QLatin1Char('_'));
    folded.remove(QLatin1Char('-'));
    for (const QLatin1StringView secret :
         {QLatin1StringView("secret"), QLatin1StringView("clientsecret"),
          QLatin1StringView("password"), QLatin1StringView("passphrase"), QLatin1StringView("key"),
          QLatin1StringView("privatekey"), QLatin1StringView("clientkey"),
          QLatin1StringView("token"), QLatin1StringView("accesstoken")}) {
        if (folded == secret)
            return true;
    }
    return false;
}

class FeedsReader
{
public:
    FeedsReader(QString path, QUrl origin)
        : m_path(std::move(path))
        , m_dir(QFileInfo(m_path).absoluteDir())
        , m_origin(std::move(origin))
    {}

    Error error(const QString &where, const QString &what) const
    {
        return makeError(ErrorCode::FeedConfig,
                         QObject::tr("Feeds file %1: %2: %3").arg(m_path, where, what));
    }

    // Before anything else: a secret written inline is refused wherever it is.
    Result<void> refuseInlineSecrets(const QJsonValue &value, const QString &where) const
    {
        if (value.isObject()) {
            const QJsonObject object = value.toObject();
            for (auto it = object.begin(); it != object.end(); ++it) {
                const QString keyPath
                    = where.isEmpty() ? it.key() : where + QLatin1Char('.') + it.key();
                if (isSecretKey(it.key()))
                    return error(keyPath, QObject::tr("a secret written in feeds.json is refused: "
                                                      "store it in Broadview and refer to it by "
                                                      "name (\"secretRef\", \"clientKeyRef\")."));
                BV_TRY(refuseInlineSecrets(it.value(), keyPath));
            }
        } else if (value.isArray()) {
            const QJsonArray array = value.toArray();
            for (qsizetype i = 0; i < array.size(); ++i)
                BV_TRY(refuseInlineSecrets(
                    array.at(i), where + QLatin1Char('[') + QString::number(i) + QLatin1Char(']')));
        }
        return {};
    }

    Result<void> checkKeys(const QJsonObject &object, const QString &where,
                           std::initializer_list<QLatin1StringView> allowed) const
    {
        for (auto it = object.begin(); it != object.end(); ++it) {
            bool known = false;
            for (const QLatin1StringView key : allowed)
                known = known || it.key() == key;
            if (!known)
                return error(where.isEmpty() ? it.key() : where + QLatin1Char('.') + it.key(),
                             QObject::tr("unknown key"));
        }
        return {};
    }

    Result<QString> string(const QJsonObject &object, const QString &where, QLatin1StringView key,
                           bool required) const
    {
        const QJsonValue value = object.value(key);
        const QString keyPath = where + QLatin1Char('.') + key;
        if (value.isUndefined()) {
            if (required)
                return error(keyPath, QObject::tr("is missing"));
            return QString();
        }
        if (!value.isString() || value.toString().trimmed().isEmpty())
            return error(keyPath, QObject::tr("must be a non-empty string"));
        return value.toString().trimmed();
    }

    QString resolveFile(const QString &file) const
    {
        return QDir::cleanPath(m_dir.absoluteFilePath(file));
    }

    Result<FeedConfig> feed(const QJsonValue &json, const QString &where) const
    {
        if (!json.isObject())
            return error(where, QObject::tr("must be an object"));
        const QJsonObject object = json.toObject();
        BV_TRY(checkKeys(object, where,
                         {QLatin1StringView("id"), QLatin1StringView("agency"),
                          QLatin1StringView("format"), QLatin1StringView("baseUrl"),
                          QLatin1StringView("auth"), QLatin1StringView("mapping"),
                          QLatin1StringView("tls"), QLatin1StringView("pageSize"),
                          QLatin1StringView("enabled")}));
        FeedConfig feed;
        Result<QString> id = string(object, where, QLatin1StringView("id"), true);
        if (!id)
            return id.error();
        static const QRegularExpression idPattern(QStringLiteral("^[a-z0-9][a-z0-9_-]*$"));
        if (!idPattern.match(id.value()).hasMatch())
            return error(where + QStringLiteral(".id"),
                         QObject::tr("must be lower-case letters, digits, \"-\" or \"_\""));
        feed.id = id.value();
        const QString at = QObject::tr("feed \"%1\"").arg(feed.id);

        Result<QString> agency = string(object, at, QLatin1StringView("agency"), true);
        if (!agency)
            return agency.error();
        const QStringList agencies{QStringLiteral("health"),
                                   QStringLiteral("police"),
                                   QStringLiteral("fire"),
                                   QStringLiteral("childrens_social_care"),
                                   QStringLiteral("adult_social_care"),
                                   QStringLiteral("education"),
                                   QStringLiteral("housing")};
        if (!agencies.contains(agency.value()))
            return error(at + QStringLiteral(".agency"),
                         QObject::tr("must be one of %1").arg(agencies.join(QStringLiteral(", "))));
        feed.agency = agency.value();

        Result<QString> format = string(object, at, QLatin1StringView("format"), true);
        if (!format)
            return format.error();
        const QStringList formats{QStringLiteral("fhir-r4"), QStringLiteral("json"),
                                  QStringLiteral("csv"), QStringLiteral("xml")};
        if (!formats.contains(format.value()))
            return error(at + QStringLiteral(".format"),
                         QObject::tr("must be one of %1").arg(formats.join(QStringLiteral(", "))));
        feed.format = format.value();

        Result<QString> base = string(object, at, QLatin1StringView("baseUrl"), true);
        if (!base)
            return base.error();
        QUrl baseUrl(base.value(), QUrl::StrictMode);
        if (!baseUrl.isValid())
            return error(at + QStringLiteral(".baseUrl"), QObject::tr("is not a valid URL"));
        if (baseUrl.isRelative()) {
            if (!m_origin.isValid() || m_origin.isEmpty())
                return error(at + QStringLiteral(".baseUrl"),
                             QObject::tr("is relative, and the file gives no \"origin\""));
            baseUrl = m_origin.resolved(baseUrl);
        }
        if (object.contains(QLatin1String("tls"))) {
            Result<FeedTls> tls
                = this->tls(object.value(QLatin1String("tls")), at + QStringLiteral(".tls"));
            if (!tls)
                return tls.error();
            feed.tls = std::move(tls).value();
        }
        if (baseUrl.scheme() != QLatin1String("https") && baseUrl.scheme() != QLatin1String("http"))
            return error(at + QStringLiteral(".baseUrl"), QObject::tr("must be an https URL"));
        if (baseUrl.scheme() == QLatin1String("http") && !feed.tls.allowPlainHttp)
            return error(at + QStringLiteral(".baseUrl"),
                         QObject::tr("must be https (plain http only with \"tls\": "
                                     "{\"allowPlainHttp\": true})"));
        if (!baseUrl.path().endsWith(QLatin1Char('/')))
            baseUrl.setPath(baseUrl.path() + QLatin1Char('/'));
        feed.baseUrl = baseUrl;

        if (object.contains(QLatin1String("auth"))) {
            Result<FeedAuth> auth = this->auth(object.value(QLatin1String("auth")),
                                               at + QStringLiteral(".auth"), feed);
            if (!auth)
                return auth.error();
            feed.auth = std::move(auth).value();
        }

        Result<QString> mappingFile = string(object, at, QLatin1StringView("mapping"), true);
        if (!mappingFile)
            return mappingFile.error();
        feed.mappingFile = resolveFile(mappingFile.value());
        if (!QFileInfo(feed.mappingFile).isFile())
            return error(at + QStringLiteral(".mapping"),
                         QObject::tr("the file %1 does not exist").arg(feed.mappingFile));

        if (object.contains(QLatin1String("pageSize"))) {
            const QJsonValue size = object.value(QLatin1String("pageSize"));
            const double value = size.toDouble(-1);
            if (!size.isDouble() || value != double(int(value)) || value < 1 || value > 10000)
                return error(at + QStringLiteral(".pageSize"),
                             QObject::tr("must be a whole number from 1 to 10000"));
            feed.pageSize = int(value);
        }
        if (object.contains(QLatin1String("enabled"))) {
            if (!object.value(QLatin1String("enabled")).isBool())
                return error(at + QStringLiteral(".enabled"), QObject::tr("must be true or false"));
            feed.enabled = object.value(QLatin1String("enabled")).toBool();
        }
        return feed;
    }

    Result<FeedAuth> auth(const QJsonValue &json, const QString &where,
                          const FeedConfig &feed) const
    {
        if (!json.isObject())
            return error(where, QObject::tr("must be an object"));
        const QJsonObject object = json.toObject();
        BV_TRY(checkKeys(object, where,
                         {QLatin1StringView("kind"), QLatin1StringView("tokenUrl"),
                          QLatin1StringView("clientId"), QLatin1StringView("secretRef"),
                          QLatin1StringView("scope")}));
        FeedAuth auth;
        Result<QString> kind = string(object, where, QLatin1StringView("kind"), true);
        if (!kind)
            return kind.error();
        if (kind.value() == QLatin1String("none")) {
            if (object.size() > 1)
                return error(where, QObject::tr("\"kind\": \"none\" takes no other keys"));
            return auth;
        }
        if (kind.value() != QLatin1String("client_credentials"))
            return error(where + QStringLiteral(".kind"),
                         QObject::tr("must be \"none\" or \"client_credentials\""));
        auth.kind = FeedAuth::Kind::ClientCredentials;
        Result<QString> tokenUrl = string(object, where, QLatin1StringView("tokenUrl"), true);
        if (!tokenUrl)
            return tokenUrl.error();
        const QUrl token(tokenUrl.value(), QUrl::StrictMode);
        if (!token.isValid())
            return error(where + QStringLiteral(".tokenUrl"), QObject::tr("is not a valid URL"));
        auth.tokenUrl = feed.baseUrl.resolved(token);
        if (auth.tokenUrl.scheme() == QLatin1String("http") && !feed.tls.allowPlainHttp)
            return error(where + QStringLiteral(".tokenUrl"),
                         QObject::tr("must be https (plain http only with \"allowPlainHttp\")"));
        Result<QString> clientId = string(object, where, QLatin1StringView("clientId"), true);
        if (!clientId)
            return clientId.error();
        auth.clientId = clientId.value();
        Result<QString> secretRef = string(object, where, QLatin1StringView("secretRef"), true);
        if (!secretRef)
            return secretRef.error();
        auth.secretRef = secretRef.value();
        Result<QString> scope = string(object, where, QLatin1StringView("scope"), false);
        if (!scope)
            return scope.error();
        auth.scope = scope.value().isEmpty() ? feed.id : scope.value();
        return auth;
    }

    Result<FeedTls> tls(const QJsonValue &json, const QString &where) const
    {
        if (!json.isObject())
            return error(where, QObject::tr("must be an object"));
        const QJsonObject object = json.toObject();
        BV_TRY(checkKeys(object, where,
                         {QLatin1StringView("verify"), QLatin1StringView("caFile"),
                          QLatin1StringView("clientCert"), QLatin1StringView("clientKeyRef"),
                          QLatin1StringView("allowPlainHttp")}));
        FeedTls tls;
        if (object.contains(QLatin1String("allowPlainHttp"))) {
            if (!object.value(QLatin1String("allowPlainHttp")).isBool())
                return error(where + QStringLiteral(".allowPlainHttp"),
                             QObject::tr("must be true or false"));
            tls.allowPlainHttp = object.value(QLatin1String("allowPlainHttp")).toBool();
        }
        if (object.contains(QLatin1String("verify"))) {
            if (!object.value(QLatin1String("verify")).isBool())
                return error(where + QStringLiteral(".verify"),
                             QObject::tr("must be true or false"));
            tls.verifyPeer = object.value(QLatin1String("verify")).toBool();
        }
        Result<QString> ca = string(object, where, QLatin1StringView("caFile"), false);
        if (!ca)
            return ca.error();
        if (!ca.value().isEmpty())
            tls.caFile = resolveFile(ca.value());
        Result<QString> cert = string(object, where, QLatin1StringView("clientCert"), false);
        if (!cert)
            return cert.error();
        if (!cert.value().isEmpty())
            tls.clientCertFile = resolveFile(cert.value());
        Result<QString> keyRef = string(object, where, QLatin1StringView("clientKeyRef"), false);
        if (!keyRef)
            return keyRef.error();
        tls.clientKeyRef = keyRef.value();
        if (tls.clientCertFile.isEmpty() != tls.clientKeyRef.isEmpty())
            return error(where, QObject::tr("\"clientCert\" and \"clientKeyRef\" go together"));
        return tls;
    }

    Result<FeedsFile> read(const QJsonObject &root)
    {
        BV_TRY(refuseInlineSecrets(root, QString()));
        BV_TRY(checkKeys(root, QString(),
                         {QLatin1StringView("origin"), QLatin1StringView("feeds"),
                          QLatin1StringView("comment")}));
        if (!m_origin.isValid() || m_origin.isEmpty()) {
            if (root.contains(QLatin1String("origin"))) {
                const QUrl origin(root.value(QLatin1String("origin")).toString(), QUrl::StrictMode);
                if (!origin.isValid() || origin.isRelative() || origin.host().isEmpty())
                    return error(QStringLiteral("origin"),
                                 QObject::tr("must be an absolute URL (\"https://host:port\")"));
                m_origin = origin;
            }
        }
        const QJsonValue feeds = root.value(QLatin1String("feeds"));
        if (!feeds.isArray() || feeds.toArray().isEmpty())
            return error(QStringLiteral("feeds"), QObject::tr("is missing or empty"));
        FeedsFile file;
        file.path = m_path;
        const QJsonArray array = feeds.toArray();
        for (qsizetype i = 0; i < array.size(); ++i) {
            Result<FeedConfig> feed = this->feed(array.at(i), QStringLiteral("feeds[%1]").arg(i));
            if (!feed)
                return feed.error();
            for (const FeedConfig &other : file.feeds) {
                if (other.id == feed->id)
                    return error(QStringLiteral("feeds[%1].id").arg(i),
                                 QObject::tr("repeats the id of another feed"));
            }
            file.feeds.push_back(std::move(feed).value());
        }
        return file;
    }

private:
    QString m_path;
    QDir m_dir;
    QUrl m_origin;
};

} // namespace

Result<FeedsFile> loadFeedsFile(const QString &path)
{
    return loadFeedsFile(path, QUrl());
}

Result<FeedsFile> loadFeedsFile(const QString &path, const QUrl &origin)
{
    auto object = readJsonObjectFile(path, QObject::tr("Feeds file"), ErrorCode::FeedConfig);
    BV_TRY(object);
    return FeedsReader(QFileInfo(path).absoluteFilePath(), origin).read(object.value());
}

} // namespace bv::feeds

// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "common/result.h"

#include <QString>
#include <QUrl>

#include <vector>

namespace bv::feeds {

// How a feed's client proves who it is. Secrets are named, never written here: the name is
// looked up in the store's `secret` table (or the keychain).
struct FeedAuth
{
    enum class Kind { None, ClientCredentials };
    Kind kind = Kind::None;
    QUrl tokenUrl; // absolute, or relative to the feed's base URL (absolute after loading)
    QString clientId;
    QString secretRef; // name of the client secret
    QString scope;
};

struct FeedTls
{
    bool verifyPeer = true; // off only by an explicit "verify": false (tests, never the demo)
    QString caFile;         // PEM: trust these instead of the system store
    QString clientCertFile; // PEM certificate presented to the server
    QString clientKeyRef;   // name of the secret holding the PEM private key
    // "http://" base URLs are refused unless this is set explicitly ("allowPlainHttp": true):
    // feeds carry personal data and TLS is on by default.
    bool allowPlainHttp = false;
};

// One entry of feeds.json.
struct FeedConfig
{
    QString id;     // "health"; the source code in the store
    QString agency; // one of the store's agency kinds
    QString format; // "fhir-r4", "json", "csv", "xml"
    QUrl baseUrl;   // "https://127.0.0.1:8443/health/"
    FeedAuth auth;
    QString mappingFile; // absolute after loading (relative ones resolve against feeds.json)
    FeedTls tls;
    int pageSize = 500;
    bool enabled = true;
};

struct FeedsFile
{
    QString path;
    std::vector<FeedConfig> feeds;
};

// Reads and checks feeds.json; errors name the file, the feed and the key that is wrong.
// A secret written inline (any key named "secret", "client_secret", "password", "key") is
// refused: feeds.json refers to secrets by name only.
//
// The file (docs/feed-mapping.md has an example):
//   {"origin": "https://127.0.0.1:8443",
//    "feeds": [{"id": "health", "agency": "health", "format": "fhir-r4",
//               "baseUrl": "/health/", "mapping": "health.mapping.json",
//               "auth": {"kind": "client_credentials", "tokenUrl": "/oauth/token",
//                        "clientId": "broadview-health", "secretRef": "feed.health.client",
//                        "scope": "health"},
//               "tls": {"verify": true, "caFile": "ca.pem", "clientCert": "c.pem",
//                       "clientKeyRef": "feed.health.tlskey"},
//               "pageSize": 500, "enabled": true}]}
// A relative baseUrl resolves against "origin" (so one template serves any port), tokenUrl
// against the feed's base URL, and files against the folder of feeds.json. After loading,
// baseUrl and tokenUrl are absolute and baseUrl ends with "/".
[[nodiscard]] Result<FeedsFile> loadFeedsFile(const QString &path);

// As above, with origin (when valid) in place of the file's "origin": the demo passes the
// address its simulator listens on.
[[nodiscard]] Result<FeedsFile> loadFeedsFile(const QString &path, const QUrl &origin);

} // namespace bv::feeds

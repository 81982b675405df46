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
    QUrl tokenUrl; // absolute, or relative to the feed's base URL
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
    // "http://" base URLs are refused unless this is set explicitly ("allow_plain_http": true):
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
[[nodiscard]] Result<FeedsFile> loadFeedsFile(const QString &path);

} // namespace bv::feeds

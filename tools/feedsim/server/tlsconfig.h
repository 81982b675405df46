// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "common/result.h"

#include <QSslConfiguration>
#include <QString>

namespace bv::feedsim {

// PEM files for a TLS listener. No certificate: plain HTTP.
struct TlsFiles
{
    QString certificate; // the server's certificate, optionally followed by its chain
    QString privateKey;  // RSA or EC, not encrypted
    QString clientCa;    // when set, a client certificate signed by this CA is required

    bool enabled() const { return !certificate.isEmpty(); }
};

// The server side of TLS 1.2 or later with those files. Io errors name the file that failed.
[[nodiscard]] Result<QSslConfiguration> serverTlsConfiguration(const TlsFiles &files);

} // namespace bv::feedsim

// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "common/result.h"

#include <QString>

namespace bv::feedsim {

// PEM files of a throwaway certificate authority and a server certificate it signed for
// 127.0.0.1 and localhost, so the demo's simulator speaks real TLS and Broadview verifies it
// against that CA alone, as it would an agency's. Made fresh on every start (ECDSA P-256,
// valid for a few days), so none is ever kept long or expires in use.
struct LoopbackCertificates
{
    QString caCertificate;     // trust this: feeds.json "caFile"
    QString serverCertificate; // serve these
    QString serverKey;

    // Writes ca.pem, server.pem and server.key (owner-only) into dir.
    [[nodiscard]] static Result<LoopbackCertificates> create(const QString &dir, int validDays = 7);
};

} // namespace bv::feedsim

// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "common/result.h"

#include <QString>

namespace bv::feedsim {

// PEM files of a throwaway certificate authority, a server certificate it signed for
// 127.0.0.1 and localhost, and a client certificate it signed, so the demo's simulator speaks
// real TLS and Broadview verifies it against that CA alone, as it would an agency's (and, where
// the simulator is told to require one, presents the client certificate as an agency with
// mutual TLS would ask). Made fresh on every start (ECDSA P-256, valid for a few days), so none
// is ever kept long or expires in use.
struct LoopbackCertificates
{
    QString caCertificate;     // trust this: feeds.json "caFile", the simulator's client CA
    QString serverCertificate; // serve these
    QString serverKey;
    QString clientCertificate; // present these (extended key usage clientAuth)
    QString clientKey;

    // Writes ca.pem, server.pem, server.key, client.pem and client.key into dir (the keys
    // owner-only).
    [[nodiscard]] static Result<LoopbackCertificates> create(const QString &dir, int validDays = 7);
};

} // namespace bv::feedsim

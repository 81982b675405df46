// SPDX-License-Identifier: GPL-3.0-or-later
#include "tlsconfig.h"

#include <QFile>
#include <QObject>
#include <QSslCertificate>
#include <QSslKey>
#include <QSslSocket>

#include <array>

namespace bv::feedsim {

namespace {

Result<QList<QSslCertificate>> readCertificates(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return makeError(
            ErrorCode::Io,
            QObject::tr("Cannot read the certificate file %1: %2").arg(path, file.errorString()));
    const QList<QSslCertificate> certificates
        = QSslCertificate::fromData(file.readAll(), QSsl::Pem);
    if (certificates.isEmpty() || certificates.first().isNull())
        return makeError(ErrorCode::Io, QObject::tr("%1 holds no PEM certificate.").arg(path));
    return certificates;
}

Result<QSslKey> readPrivateKey(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return makeError(
            ErrorCode::Io,
            QObject::tr("Cannot read the private key file %1: %2").arg(path, file.errorString()));
    const QByteArray pem = file.readAll();
    // A PEM "PRIVATE KEY" (PKCS #8) does not say its algorithm, so each is tried.
    constexpr std::array algorithms{QSsl::Rsa, QSsl::Ec, QSsl::Dsa};
    for (const QSsl::KeyAlgorithm algorithm : algorithms) {
        QSslKey key(pem, algorithm, QSsl::Pem, QSsl::PrivateKey);
        if (!key.isNull())
            return key;
    }
    return makeError(ErrorCode::Io,
                     QObject::tr("%1 holds no unencrypted PEM private key (RSA or EC).").arg(path));
}

} // namespace

Result<QSslConfiguration> serverTlsConfiguration(const TlsFiles &files)
{
    if (!QSslSocket::supportsSsl())
        return makeError(ErrorCode::Failure, QObject::tr("This Qt has no TLS backend."));
    if (files.certificate.isEmpty() || files.privateKey.isEmpty())
        return makeError(ErrorCode::Usage,
                         QObject::tr("TLS needs both a certificate and a private key."));

    auto chain = readCertificates(files.certificate);
    BV_TRY(chain);
    auto key = readPrivateKey(files.privateKey);
    BV_TRY(key);

    QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
    configuration.setProtocol(QSsl::TlsV1_2OrLater);
    configuration.setLocalCertificateChain(chain.value());
    configuration.setPrivateKey(key.value());
    if (files.clientCa.isEmpty()) {
        configuration.setPeerVerifyMode(QSslSocket::VerifyNone);
        configuration.setCaCertificates({});
    } else {
        auto authorities = readCertificates(files.clientCa);
        BV_TRY(authorities);
        // Only this CA: the system's trusted roots must not vouch for feed clients.
        configuration.setCaCertificates(authorities.value());
        configuration.setPeerVerifyMode(QSslSocket::VerifyPeer);
    }
    return configuration;
}

} // namespace bv::feedsim

// SPDX-License-Identifier: GPL-3.0-or-later
#include "loopbackcertificates.h"

#include <QDir>
#include <QFile>
#include <QObject>

#include <memory>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

namespace bv::feedsim {

namespace {

struct KeyDeleter
{
    void operator()(EVP_PKEY *key) const { EVP_PKEY_free(key); }
};
struct CertificateDeleter
{
    void operator()(X509 *certificate) const { X509_free(certificate); }
};
struct BioDeleter
{
    void operator()(BIO *bio) const { BIO_free(bio); }
};
using Key = std::unique_ptr<EVP_PKEY, KeyDeleter>;
using Certificate = std::unique_ptr<X509, CertificateDeleter>;
using Bio = std::unique_ptr<BIO, BioDeleter>;

Error opensslError(const char *step)
{
    return makeError(ErrorCode::Crypto,
                     QObject::tr("The loopback TLS certificates could not be made (%1).")
                         .arg(QString::fromLatin1(step)));
}

bool addExtension(X509 *certificate, X509 *issuer, int nid, const char *value)
{
    X509V3_CTX context;
    X509V3_set_ctx_nodb(&context);
    X509V3_set_ctx(&context, issuer, certificate, nullptr, nullptr, 0);
    X509_EXTENSION *extension = X509V3_EXT_conf_nid(nullptr, &context, nid, value);
    if (!extension)
        return false;
    const bool added = X509_add_ext(certificate, extension, -1) == 1;
    X509_EXTENSION_free(extension);
    return added;
}

enum class Role { Authority, Server, Client };

// The extensions of each role, as OpenSSL's configuration strings.
bool addRoleExtensions(X509 *certificate, X509 *signer, Role role)
{
    switch (role) {
    case Role::Authority:
        return addExtension(certificate, signer, NID_basic_constraints,
                            "critical,CA:TRUE,pathlen:0")
               && addExtension(certificate, signer, NID_key_usage, "critical,keyCertSign,cRLSign")
               && addExtension(certificate, signer, NID_subject_key_identifier, "hash");
    case Role::Server:
        return addExtension(certificate, signer, NID_basic_constraints, "critical,CA:FALSE")
               && addExtension(certificate, signer, NID_key_usage, "critical,digitalSignature")
               && addExtension(certificate, signer, NID_ext_key_usage, "serverAuth")
               && addExtension(certificate, signer, NID_subject_alt_name,
                               "IP:127.0.0.1,DNS:localhost")
               && addExtension(certificate, signer, NID_authority_key_identifier, "keyid:always");
    case Role::Client:
        // OpenSSL's server checks the purpose: without clientAuth the certificate is refused.
        return addExtension(certificate, signer, NID_basic_constraints, "critical,CA:FALSE")
               && addExtension(certificate, signer, NID_key_usage, "critical,digitalSignature")
               && addExtension(certificate, signer, NID_ext_key_usage, "clientAuth")
               && addExtension(certificate, signer, NID_authority_key_identifier, "keyid:always");
    }
    return false;
}

Result<Certificate> makeCertificate(EVP_PKEY *key, const char *commonName, X509 *issuer,
                                    EVP_PKEY *issuerKey, Role role, int validDays)
{
    Certificate certificate(X509_new());
    if (!certificate)
        return opensslError("X509_new");
    X509_set_version(certificate.get(), 2); // v3
    unsigned char serial[16];
    if (RAND_bytes(serial, sizeof serial) != 1)
        return opensslError("RAND_bytes");
    serial[0] &= 0x7f; // a positive serial number
    BIGNUM *number = BN_bin2bn(serial, sizeof serial, nullptr);
    const bool serialSet
        = number && BN_to_ASN1_INTEGER(number, X509_get_serialNumber(certificate.get()));
    BN_free(number);
    if (!serialSet)
        return opensslError("serial number");
    X509_gmtime_adj(X509_getm_notBefore(certificate.get()), -3600);
    X509_gmtime_adj(X509_getm_notAfter(certificate.get()), long(validDays) * 24 * 3600);
    X509_set_pubkey(certificate.get(), key);
    X509_NAME *name = X509_get_subject_name(certificate.get());
    X509_NAME_add_entry_by_txt(name, "O", MBSTRING_ASC,
                               reinterpret_cast<const unsigned char *>("Broadview feed simulator"),
                               -1, -1, 0);
    X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
                               reinterpret_cast<const unsigned char *>(commonName), -1, -1, 0);
    X509 *signer = issuer ? issuer : certificate.get();
    X509_set_issuer_name(certificate.get(), X509_get_subject_name(signer));
    if (!addRoleExtensions(certificate.get(), signer, role))
        return opensslError("extensions");
    if (X509_sign(certificate.get(), issuerKey, EVP_sha256()) == 0)
        return opensslError("X509_sign");
    return certificate;
}

QByteArray pem(const Bio &bio)
{
    BUF_MEM *memory = nullptr;
    BIO_get_mem_ptr(bio.get(), &memory);
    return memory ? QByteArray(memory->data, qsizetype(memory->length)) : QByteArray();
}

Result<void> writeFile(const QString &path, const QByteArray &bytes, bool secret)
{
    QFile file(path);
    QFile::remove(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::NewOnly))
        return makeError(ErrorCode::Io,
                         QObject::tr("%1 could not be written: %2").arg(path, file.errorString()));
    if (secret)
        file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    if (file.write(bytes) != bytes.size() || !file.flush())
        return makeError(ErrorCode::Io,
                         QObject::tr("%1 could not be written: %2").arg(path, file.errorString()));
    return {};
}

} // namespace

Result<LoopbackCertificates> LoopbackCertificates::create(const QString &dir, int validDays)
{
    if (!QDir().mkpath(dir))
        return makeError(ErrorCode::Io, QObject::tr("The folder %1 could not be made.").arg(dir));
    Key caKey(EVP_EC_gen("P-256"));
    Key serverKey(EVP_EC_gen("P-256"));
    Key clientKey(EVP_EC_gen("P-256"));
    if (!caKey || !serverKey || !clientKey)
        return opensslError("EVP_EC_gen");
    auto authority = makeCertificate(caKey.get(), "Broadview demo CA", nullptr, caKey.get(),
                                     Role::Authority, validDays);
    BV_TRY(authority);
    auto server = makeCertificate(serverKey.get(), "127.0.0.1", authority->get(), caKey.get(),
                                  Role::Server, validDays);
    BV_TRY(server);
    auto client = makeCertificate(clientKey.get(), "Broadview feed client", authority->get(),
                                  caKey.get(), Role::Client, validDays);
    BV_TRY(client);

    Bio caPem(BIO_new(BIO_s_mem()));
    Bio serverPem(BIO_new(BIO_s_mem()));
    Bio keyPem(BIO_new(BIO_s_mem()));
    Bio clientPem(BIO_new(BIO_s_mem()));
    Bio clientKeyPem(BIO_new(BIO_s_mem()));
    if (!caPem || !serverPem || !keyPem || !clientPem || !clientKeyPem
        || !PEM_write_bio_X509(caPem.get(), authority->get())
        || !PEM_write_bio_X509(serverPem.get(), server->get())
        || !PEM_write_bio_PrivateKey(keyPem.get(), serverKey.get(), nullptr, nullptr, 0, nullptr,
                                     nullptr)
        || !PEM_write_bio_X509(clientPem.get(), client->get())
        || !PEM_write_bio_PrivateKey(clientKeyPem.get(), clientKey.get(), nullptr, nullptr, 0,
                                     nullptr, nullptr))
        return opensslError("PEM");

    LoopbackCertificates files;
    const QDir folder(dir);
    files.caCertificate = folder.filePath(QStringLiteral("ca.pem"));
    files.serverCertificate = folder.filePath(QStringLiteral("server.pem"));
    files.serverKey = folder.filePath(QStringLiteral("server.key"));
    files.clientCertificate = folder.filePath(QStringLiteral("client.pem"));
    files.clientKey = folder.filePath(QStringLiteral("client.key"));
    BV_TRY(writeFile(files.caCertificate, pem(caPem), false));
    BV_TRY(writeFile(files.serverCertificate, pem(serverPem), false));
    BV_TRY(writeFile(files.serverKey, pem(keyPem), true));
    BV_TRY(writeFile(files.clientCertificate, pem(clientPem), false));
    BV_TRY(writeFile(files.clientKey, pem(clientKeyPem), true));
    return files;
}

} // namespace bv::feedsim

// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/crypto.h"

#include <QByteArray>
#include <QElapsedTimer>
#include <QObject>

#include <algorithm>
#include <cmath>
#include <sodium.h>

namespace bv::store {

namespace {

bool xchachaKnownAnswer()
{
    // draft-irtf-cfrg-xchacha-03, appendix A.3.1.
    std::uint8_t key[32];
    for (int i = 0; i < 32; ++i)
        key[i] = static_cast<std::uint8_t>(0x80 + i);
    std::uint8_t nonce[24];
    for (int i = 0; i < 24; ++i)
        nonce[i] = static_cast<std::uint8_t>(0x40 + i);
    const std::uint8_t ad[]
        = {0x50, 0x51, 0x52, 0x53, 0xc0, 0xc1, 0xc2, 0xc3, 0xc4, 0xc5, 0xc6, 0xc7};
    const QByteArray plain = QByteArrayLiteral(
        "Ladies and Gentlemen of the class of '99: If I could offer you only one tip for the "
        "future, sunscreen would be it.");
    const QByteArray expected = QByteArray::fromHex(
        "bd6d179d3e83d43b9576579493c0e939572a1700252bfaccbed2902c21396cbb731c7f1b0b4aa6440bf3a82f"
        "4eda7e39ae64c6708c54c216cb96b72e1213b4522f8c9ba40db5d945b11b69b982c1bb9e3f3fac2bc369488f"
        "76b2383565d3fff921f9664c97637da9768812f615c68b13b52ec0875924c1c7987947deafd8780acf49");
    QByteArray sealed(plain.size() + crypto_aead_xchacha20poly1305_ietf_ABYTES, '\0');
    unsigned long long sealedSize = 0;
    crypto_aead_xchacha20poly1305_ietf_encrypt(
        reinterpret_cast<unsigned char *>(sealed.data()), &sealedSize,
        reinterpret_cast<const unsigned char *>(plain.constData()),
        static_cast<unsigned long long>(plain.size()), ad, sizeof ad, nullptr, nonce, key);
    return sealed == expected;
}

bool argon2idKnownAnswer()
{
    // Recorded from libsodium 1.0.18 with the minimum parameters: catches a miscompiled or
    // substituted library, which would otherwise derive other keys and lock users out.
    std::uint8_t salt[16];
    for (int i = 0; i < 16; ++i)
        salt[i] = static_cast<std::uint8_t>(i);
    std::uint8_t out[32];
    if (crypto_pwhash(out, sizeof out, "password", 8, salt, crypto_pwhash_OPSLIMIT_MIN,
                      crypto_pwhash_MEMLIMIT_MIN, crypto_pwhash_ALG_ARGON2ID13)
        != 0)
        return false;
    const QByteArray expected
        = QByteArray::fromHex("3a008963c65f7ffa7331a90babd1fd17ea9f03bd05356b857ceb43f7b7080adc");
    return QByteArray(reinterpret_cast<const char *>(out), sizeof out) == expected;
}

} // namespace

Result<void> initialiseCrypto()
{
    if (sodium_init() < 0)
        return makeError(ErrorCode::Crypto, QObject::tr("libsodium could not be initialised."));
    if (!xchachaKnownAnswer())
        return makeError(ErrorCode::Crypto,
                         QObject::tr("XChaCha20-Poly1305 failed its known-answer test."));
    if (!argon2idKnownAnswer())
        return makeError(ErrorCode::Crypto, QObject::tr("Argon2id failed its known-answer test."));
    return {};
}

KdfParams KdfParams::minimum()
{
    return {KdfAlgorithm::Argon2id13, crypto_pwhash_OPSLIMIT_MIN, crypto_pwhash_MEMLIMIT_MIN};
}

KdfParams KdfParams::moderate()
{
    return {KdfAlgorithm::Argon2id13, crypto_pwhash_OPSLIMIT_MODERATE,
            crypto_pwhash_MEMLIMIT_MODERATE};
}

KdfParams KdfParams::recoveryKey()
{
    return {KdfAlgorithm::Blake2bKeyed, 0, 0};
}

KdfParams KdfParams::calibrated(double targetSeconds)
{
    KdfParams params = moderate();
    // One pass over MODERATE's memory, timed; passes cost about the same each.
    const SecretBytes probe = SecretBytes::random(16);
    std::array<std::uint8_t, 16> salt{};
    QElapsedTimer timer;
    timer.start();
    auto derived
        = deriveWrappingKey(probe, {KdfAlgorithm::Argon2id13, 1, params.memLimitBytes}, salt);
    const double onePass = std::max(1e-3, static_cast<double>(timer.nsecsElapsed()) / 1e9);
    if (!derived.ok())
        return params;
    const auto passes = static_cast<std::uint64_t>(std::floor(targetSeconds / onePass));
    params.opsLimit
        = std::clamp<std::uint64_t>(passes, params.opsLimit, crypto_pwhash_OPSLIMIT_MAX);
    return params;
}

Result<SecretBytes> deriveWrappingKey(const SecretBytes &secret, const KdfParams &kdf,
                                      const std::array<std::uint8_t, 16> &salt)
{
    SecretBytes key(crypto_aead_xchacha20poly1305_ietf_KEYBYTES);
    switch (kdf.algorithm) {
    case KdfAlgorithm::Argon2id13: {
        if (kdf.opsLimit < crypto_pwhash_OPSLIMIT_MIN || kdf.opsLimit > crypto_pwhash_OPSLIMIT_MAX
            || kdf.memLimitBytes < crypto_pwhash_MEMLIMIT_MIN
            || kdf.memLimitBytes > crypto_pwhash_MEMLIMIT_MAX) {
            return makeError(ErrorCode::KeyFileDamaged,
                             QObject::tr("The key file names Argon2id parameters outside "
                                         "libsodium's limits (%1 passes, %2 bytes).")
                                 .arg(kdf.opsLimit)
                                 .arg(kdf.memLimitBytes));
        }
        // An empty secret has no buffer; libsodium still wants a valid pointer.
        static constexpr char kNoBytes[1] = {0};
        const char *password
            = secret.isEmpty() ? kNoBytes : reinterpret_cast<const char *>(secret.data());
        if (crypto_pwhash(key.data(), key.size(), password, secret.size(), salt.data(),
                          kdf.opsLimit, kdf.memLimitBytes, crypto_pwhash_ALG_ARGON2ID13)
            != 0) {
            return makeError(ErrorCode::Crypto,
                             QObject::tr("Argon2id ran out of memory (%1 MiB asked).")
                                 .arg(kdf.memLimitBytes >> 20));
        }
        return key;
    }
    case KdfAlgorithm::Blake2bKeyed: {
        if (secret.size() < crypto_generichash_KEYBYTES_MIN
            || secret.size() > crypto_generichash_KEYBYTES_MAX)
            return makeError(
                ErrorCode::WrongPassphrase,
                QObject::tr("A recovery key is 32 bytes; this one is %1.").arg(secret.size()));
        static constexpr char kContext[] = "broadview recovery wrap v1";
        crypto_generichash_state state;
        crypto_generichash_init(&state, secret.data(), secret.size(), key.size());
        crypto_generichash_update(&state, reinterpret_cast<const unsigned char *>(kContext),
                                  sizeof kContext - 1);
        crypto_generichash_update(&state, salt.data(), salt.size());
        crypto_generichash_final(&state, key.data(), key.size());
        sodium_memzero(&state, sizeof state);
        return key;
    }
    }
    return makeError(ErrorCode::KeyFileDamaged,
                     QObject::tr("The key file names an unknown key derivation (%1).")
                         .arg(static_cast<int>(kdf.algorithm)));
}

} // namespace bv::store

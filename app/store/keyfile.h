// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "common/result.h"
#include "common/secretbytes.h"
#include "store/crypto.h"

#include <QByteArray>
#include <QString>

#include <array>
#include <cstdint>
#include <optional>
#include <vector>

namespace bv::store {

enum class WrapKind : std::uint8_t { Passphrase = 1, Recovery = 2, Keychain = 3 };

// The store's raw key sealed with XChaCha20-Poly1305 under a key derived from one secret.
struct KeyWrap
{
    WrapKind kind = WrapKind::Passphrase;
    KdfParams kdf;
    std::array<std::uint8_t, 16> kdfSalt{};
    std::array<std::uint8_t, 24> nonce{};
    std::array<std::uint8_t, 48> sealed{}; // 32-byte key + 16-byte tag
};

// The key file beside a store. Layout (little-endian), version 1:
//   0  magic "BVKEYFIL"            8
//   8  version u16, flags u16      4
//  12  store salt                 16   (the store file's first 16 bytes)
//  28  cipher page size u32        4
//  32  wrap count u8, 3 reserved   4
//  36  wraps, 108 bytes each: kind u8, kdf u8, 2 reserved, opslimit u64, memlimit u64,
//      kdf salt 16, nonce 24, sealed key 48
//  end BLAKE2b-256 of everything before it (32): damage is found without a passphrase.
// Each wrap's associated data is the header's first 32 bytes plus its own first 36, so a
// wrap moved to another store's key file, or edited KDF parameters, fail to open.
class KeyFile
{
public:
    static constexpr std::size_t kRawKeyBytes = 32;

    StoreSalt storeSalt{};
    std::uint32_t cipherPageSize = 8192; // set from StorePragmas when a store is created
    std::vector<KeyWrap> wraps;

    [[nodiscard]] static Result<KeyFile> parse(const QByteArray &bytes);
    [[nodiscard]] static Result<KeyFile> load(const QString &path);
    QByteArray serialize() const;
    // Atomic (QSaveFile): a crash leaves the old key file or the new one, never half of one.
    [[nodiscard]] Result<void> save(const QString &path) const;

    const KeyWrap *wrap(WrapKind kind) const;
    void setWrap(const KeyWrap &wrap);

    // Seals `rawKey` for this file's store under a key derived from `secret`.
    [[nodiscard]] Result<KeyWrap> seal(const SecretBytes &rawKey, WrapKind kind,
                                       const SecretBytes &secret, const KdfParams &kdf) const;
    // The raw key, or WrongPassphrase when `secret` does not open the wrap.
    [[nodiscard]] Result<SecretBytes> open(const KeyWrap &wrap, const SecretBytes &secret) const;

private:
    QByteArray header() const;
    static QByteArray wrapPrefix(const KeyWrap &wrap);
};

} // namespace bv::store

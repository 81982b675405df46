// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "common/result.h"
#include "common/secretbytes.h"

#include <array>
#include <cstdint>

namespace bv::store {

using StoreSalt = std::array<std::uint8_t, 16>;

// sodium_init() plus known-answer checks of the primitives the key file relies on, run
// once before any key is derived: a broken or substituted libsodium must fail loudly here,
// not by locking a user out of their store.
[[nodiscard]] Result<void> initialiseCrypto();

enum class KdfAlgorithm : std::uint8_t {
    Argon2id13 = 1,   // for passphrases: slow and memory-hard
    Blake2bKeyed = 2, // for the recovery key: already 256 random bits, nothing to stretch
};

struct KdfParams
{
    KdfAlgorithm algorithm = KdfAlgorithm::Argon2id13;
    std::uint64_t opsLimit = 0;
    std::uint64_t memLimitBytes = 0;

    // libsodium's minimum: for tests only, so the suite stays fast.
    static KdfParams minimum();
    // libsodium's MODERATE (3 passes over 256 MiB): the floor for production stores.
    static KdfParams moderate();
    // MODERATE's memory with as many passes as fit in `targetSeconds` on this machine,
    // never fewer than MODERATE's.
    static KdfParams calibrated(double targetSeconds = 0.5);
    static KdfParams recoveryKey();

    bool operator==(const KdfParams &) const = default;
};

// A 32-byte wrapping key from a secret (passphrase or recovery key) and a per-wrap salt.
[[nodiscard]] Result<SecretBytes> deriveWrappingKey(const SecretBytes &secret, const KdfParams &kdf,
                                                    const std::array<std::uint8_t, 16> &salt);

} // namespace bv::store

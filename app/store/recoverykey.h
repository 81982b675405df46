// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "common/result.h"
#include "common/secretbytes.h"

namespace bv::store {

// The recovery key: 32 random bytes shown once, as 13 groups of four characters from
// Crockford's base32 alphabet (no I, L, O or U, so nothing is misread when typed back).
namespace RecoveryKey {

constexpr std::size_t kBytes = 32;

SecretBytes generate();
// Text for a person to write down, in locked memory.
SecretBytes format(const SecretBytes &key);
// Accepts any case, dashes and spaces, and the look-alikes O->0, I/L->1.
[[nodiscard]] Result<SecretBytes> parse(const SecretBytes &text);

} // namespace RecoveryKey

} // namespace bv::store

// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/cipherthreadstate.h"

#include <openssl/crypto.h>

namespace bv::store {

CipherThreadStateRelease::~CipherThreadStateRelease()
{
    // OpenSSL allocates again on this thread's next use, so releasing is always safe.
    OPENSSL_thread_stop();
}

} // namespace bv::store

// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

namespace bv::store {

// SQLCipher encrypts through OpenSSL, which keeps state per thread (its error queue and random
// generators) on every thread that opens or reads a store. Work run on a borrowed pool thread
// holds one of these so that state is released when the work ends, on that thread, rather than
// by a thread-exit destructor that can still be running after QThreadPool reports the thread
// finished, which is when the process may already be tearing down.
class CipherThreadStateRelease
{
public:
    CipherThreadStateRelease() = default;
    ~CipherThreadStateRelease();

    CipherThreadStateRelease(const CipherThreadStateRelease &) = delete;
    CipherThreadStateRelease &operator=(const CipherThreadStateRelease &) = delete;
};

} // namespace bv::store

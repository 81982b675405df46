// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

namespace bv {

// Each code a caller may branch on. The CLI maps them to documented exit codes
// (cli/exitcodes.h), so a script can tell a wrong passphrase from a damaged store.
enum class ErrorCode {
    Failure,         // anything without a more specific code
    Usage,           // bad arguments
    Io,              // a file could not be read or written
    Sql,             // SQLite reported an error
    Crypto,          // libsodium refused (out of memory, self-test failed)
    WrongPassphrase, // the key file is intact and ours, but the secret does not unwrap it
    KeyFileMissing,  // no key file beside the store
    KeyFileDamaged,  // the key file's checksum or structure is wrong
    KeyFileMismatch, // the key file belongs to another store (its salt differs)
    StoreMissing,    // no store at the path
    StoreDamaged,    // the store does not decrypt, or a page or the schema is corrupt
    StoreExists,     // refusing to overwrite an existing store
    SchemaTooNew,    // the store was written by a newer Broadview
    WrongLibrary,    // the process bound a SQLite that is not SQLCipher
    AuditTampered,   // the audit chain does not verify
    AccessDenied,    // the access context may not do this
    NotFound,        // a record the caller named does not exist
    Cancelled,       // the user stopped it
    Network,         // a feed kept failing after retries (5xx, timeouts, connections cut)
    Unreachable,     // no answer at all from a feed's host: refused, not found, no route
    TlsRefused,      // a feed's certificate (or ours) was refused: never retried
    FeedConfig,      // feeds.json or a mapping file is wrong
    FeedRejected,    // a feed refused us (auth, 4xx) or sent pages that cannot be read
    Conflict,        // the request contradicts an earlier decision that still stands
};

} // namespace bv

// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "common/result.h"
#include "common/secretbytes.h"
#include "store/database.h"
#include "store/keyfile.h"

#include <QString>

#include <memory>

namespace bv::store {

// The files of one store: the SQLCipher database, its key file and the audit head mirror.
struct StorePaths
{
    QString store;

    static StorePaths forStore(const QString &path);
    QString keyFile() const { return store + QStringLiteral(".key"); }
    QString auditMirror() const { return store + QStringLiteral(".audit-head"); }
};

// A keyed, migrated connection and the key that opened it.
struct OpenedStore
{
    std::unique_ptr<Database> db;
    SecretBytes rawKey;
    KeyFile keyFile;
};

struct CreatedStore
{
    OpenedStore opened;
    SecretBytes recoveryKeyText; // shown once, never stored
};

// Creating and opening the encrypted store. Opening checks, in this order, so that each
// failure gets its own error and none writes a byte: the store exists; the key file exists
// and its checksum holds; its salt is this store's; the secret unwraps the key; the store
// decrypts; its schema is not newer than ours.
class StoreFiles
{
public:
    [[nodiscard]] static Result<CreatedStore> create(const StorePaths &paths,
                                                     const SecretBytes &passphrase,
                                                     const KdfParams &kdf,
                                                     const StorePragmas &pragmas = {});
    [[nodiscard]] static Result<OpenedStore> open(const StorePaths &paths, WrapKind kind,
                                                  const SecretBytes &secret,
                                                  const StorePragmas &pragmas = {});
    // Opens with a key already unwrapped (the backup copy, tests).
    [[nodiscard]] static Result<std::unique_ptr<Database>>
    openWithKey(const QString &path, const SecretBytes &rawKey, const StorePragmas &pragmas = {});

    [[nodiscard]] static Result<StoreSalt> readStoreSalt(const QString &storePath);
    // After a salt mismatch: is this the key file's own store with a damaged header?
    static bool storeHeaderDamaged(const StorePaths &paths, const KeyFile &keyFile, WrapKind kind,
                                   const SecretBytes &secret);
    // `x'<hex key>'`, or with the salt appended when creating a file with a chosen salt.
    static SecretBytes keySpec(const SecretBytes &rawKey, const StoreSalt *salt = nullptr);
};

} // namespace bv::store

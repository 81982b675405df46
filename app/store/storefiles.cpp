// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/storefiles.h"

#include "store/recoverykey.h"
#include "store/schema.h"

#include <QFile>
#include <QFileInfo>
#include <QObject>

#include <cstring>
#include <sodium.h>

namespace bv::store {

StorePaths StorePaths::forStore(const QString &path)
{
    return StorePaths{QFileInfo(path).absoluteFilePath()};
}

SecretBytes StoreFiles::keySpec(const SecretBytes &rawKey, const StoreSalt *salt)
{
    const SecretBytes keyHex = rawKey.toHex();
    const std::size_t saltHexSize = salt ? salt->size() * 2 : 0;
    SecretBytes spec(3 + keyHex.size() + saltHexSize);
    std::uint8_t *out = spec.data();
    *out++ = 'x';
    *out++ = '\'';
    std::memcpy(out, keyHex.data(), keyHex.size());
    out += keyHex.size();
    if (salt) {
        char saltHex[33];
        sodium_bin2hex(saltHex, sizeof saltHex, salt->data(), salt->size());
        std::memcpy(out, saltHex, saltHexSize);
        out += saltHexSize;
    }
    *out = '\'';
    return spec;
}

Result<StoreSalt> StoreFiles::readStoreSalt(const QString &storePath)
{
    QFile file(storePath);
    if (!file.open(QIODevice::ReadOnly))
        return makeError(
            ErrorCode::Io,
            QObject::tr("Cannot read the store %1: %2").arg(storePath, file.errorString()));
    StoreSalt salt{};
    if (file.read(reinterpret_cast<char *>(salt.data()), salt.size())
        != static_cast<qint64>(salt.size()))
        return makeError(
            ErrorCode::StoreDamaged,
            QObject::tr("The store %1 is shorter than its 16-byte header.").arg(storePath));
    return salt;
}

Result<std::unique_ptr<Database>>
StoreFiles::openWithKey(const QString &path, const SecretBytes &rawKey, const StorePragmas &pragmas)
{
    const SecretBytes spec = keySpec(rawKey);
    Database::OpenOptions options;
    options.keySpec = &spec;
    options.pragmas = pragmas;
    auto db = Database::open(path, options);
    BV_TRY(db);
    auto version = Schema::currentVersion(*db.value());
    if (!version.ok()) {
        Error error = version.error();
        error.code = ErrorCode::StoreDamaged;
        return error;
    }
    if (version.value() > Schema::latestVersion())
        return Schema::migrate(*db.value()).error(); // the refusal, with its message
    BV_TRY(Schema::migrate(*db.value()));
    return db;
}

Result<CreatedStore> StoreFiles::create(const StorePaths &paths, const SecretBytes &passphrase,
                                        const KdfParams &kdf, const StorePragmas &pragmas)
{
    for (const QString &existing : {paths.store, paths.keyFile()}) {
        if (QFileInfo::exists(existing))
            return makeError(
                ErrorCode::StoreExists,
                QObject::tr("%1 already exists; refusing to overwrite it.").arg(existing));
    }
    if (passphrase.isEmpty())
        return makeError(ErrorCode::Usage, QObject::tr("The passphrase is empty."));

    KeyFile keyFile;
    randombytes_buf(keyFile.storeSalt.data(), keyFile.storeSalt.size());
    keyFile.cipherPageSize = static_cast<std::uint32_t>(pragmas.cipherPageSize);
    SecretBytes rawKey = SecretBytes::random(KeyFile::kRawKeyBytes);
    SecretBytes recoveryKey = RecoveryKey::generate();

    auto passWrap = keyFile.seal(rawKey, WrapKind::Passphrase, passphrase, kdf);
    BV_TRY(passWrap);
    keyFile.setWrap(passWrap.value());
    auto recoveryWrap
        = keyFile.seal(rawKey, WrapKind::Recovery, recoveryKey, KdfParams::recoveryKey());
    BV_TRY(recoveryWrap);
    keyFile.setWrap(recoveryWrap.value());

    // The salt is chosen here, not by SQLCipher, so the key file can name it before the
    // store's first page exists.
    const SecretBytes spec = keySpec(rawKey, &keyFile.storeSalt);
    Database::OpenOptions options;
    options.create = true;
    options.keySpec = &spec;
    options.pragmas = pragmas;
    auto cleanUp = [&paths] {
        for (const QString &suffix : {QString(), QStringLiteral("-wal"), QStringLiteral("-shm")})
            QFile::remove(paths.store + suffix);
    };
    auto db = Database::open(paths.store, options);
    if (!db.ok()) {
        cleanUp();
        return db.error();
    }
    auto migrated = Schema::migrate(*db.value());
    if (!migrated.ok()) {
        db.value().reset();
        cleanUp();
        return migrated.error();
    }
    auto saved = keyFile.save(paths.keyFile());
    if (!saved.ok()) {
        db.value().reset();
        cleanUp();
        return saved.error();
    }
    QFile::setPermissions(paths.store, QFileDevice::ReadOwner | QFileDevice::WriteOwner);

    CreatedStore created{OpenedStore{std::move(db.value()), std::move(rawKey), std::move(keyFile)},
                         RecoveryKey::format(recoveryKey)};
    return created;
}

bool StoreFiles::storeHeaderDamaged(const StorePaths &paths, const KeyFile &keyFile, WrapKind kind,
                                    const SecretBytes &secret)
{
    // A salt mismatch is a key file from another store, or this store's first 16 bytes
    // damaged (a torn first write). When the secret opens the key file, page 1 decrypting
    // under the key file's salt tells them apart; read-only, so nothing is written.
    const KeyWrap *wrap = keyFile.wrap(kind);
    if (!wrap)
        return false;
    auto rawKey = keyFile.open(*wrap, secret);
    if (!rawKey.ok())
        return false;
    const SecretBytes spec = keySpec(rawKey.value(), &keyFile.storeSalt);
    Database::OpenOptions options;
    options.immutable = true;
    options.keySpec = &spec;
    options.pragmas.cipherPageSize = static_cast<int>(keyFile.cipherPageSize);
    options.pragmas.cacheKiB = 1024;
    return Database::open(paths.store, options).ok();
}

Result<OpenedStore> StoreFiles::open(const StorePaths &paths, WrapKind kind,
                                     const SecretBytes &secret, const StorePragmas &pragmas)
{
    if (!QFileInfo::exists(paths.store))
        return makeError(ErrorCode::StoreMissing, QObject::tr("No store at %1.").arg(paths.store));
    auto keyFile = KeyFile::load(paths.keyFile());
    BV_TRY(keyFile);
    auto salt = readStoreSalt(paths.store);
    BV_TRY(salt);
    if (salt.value() != keyFile->storeSalt) {
        if (storeHeaderDamaged(paths, keyFile.value(), kind, secret))
            return makeError(ErrorCode::StoreDamaged,
                             QObject::tr("The first bytes of %1 are damaged: the store opens with "
                                         "its key file only when told the salt those bytes "
                                         "should hold. Restore it from a backup.")
                                 .arg(paths.store));
        return makeError(ErrorCode::KeyFileMismatch,
                         QObject::tr("The key file %1 belongs to another store: its store salt "
                                     "does not match the first bytes of %2.")
                             .arg(paths.keyFile(), paths.store));
    }
    const KeyWrap *wrap = keyFile->wrap(kind);
    if (!wrap)
        return makeError(ErrorCode::KeyFileDamaged,
                         QObject::tr("The key file %1 has no %2 wrap.")
                             .arg(paths.keyFile(), kind == WrapKind::Recovery
                                                       ? QObject::tr("recovery key")
                                                       : QObject::tr("passphrase")));
    auto rawKey = keyFile->open(*wrap, secret);
    BV_TRY(rawKey);

    StorePragmas effective = pragmas;
    effective.cipherPageSize = static_cast<int>(keyFile->cipherPageSize);
    auto db = openWithKey(paths.store, rawKey.value(), effective);
    BV_TRY(db);
    return OpenedStore{std::move(db.value()), std::move(rawKey.value()),
                       std::move(keyFile.value())};
}

} // namespace bv::store

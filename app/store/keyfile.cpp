// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/keyfile.h"

#include <QFile>
#include <QObject>
#include <QSaveFile>
#include <QtEndian>

#include <algorithm>
#include <cstring>
#include <sodium.h>
#include <vector>

namespace bv::store {

namespace {

constexpr char kMagic[8] = {'B', 'V', 'K', 'E', 'Y', 'F', 'I', 'L'};
constexpr std::uint16_t kVersion = 1;
constexpr std::size_t kHeaderBytes = 36;
// The part of the header that never changes for a store: magic, version, flags, salt, page size.
constexpr qsizetype kFixedHeaderBytes = 32;
constexpr std::size_t kWrapPrefixBytes = 36;
constexpr std::size_t kWrapBytes = kWrapPrefixBytes + 24 + 48;
constexpr std::size_t kChecksumBytes = 32;
constexpr std::size_t kMaxWraps = 8;

template<typename T>
void append(QByteArray &out, T value)
{
    T le = qToLittleEndian(value);
    out.append(reinterpret_cast<const char *>(&le), sizeof le);
}

template<std::size_t N>
void append(QByteArray &out, const std::array<std::uint8_t, N> &bytes)
{
    out.append(reinterpret_cast<const char *>(bytes.data()), N);
}

// parse() checks the total length up front; each read checks again, so a wrong length can
// never read past the end. A copy of the (small) file, so the compiler can see the bounds.
class Reader
{
public:
    explicit Reader(const QByteArray &bytes)
        : m_bytes(bytes.begin(), bytes.end())
    {}
    template<typename T>
    T read()
    {
        T value{};
        if (m_offset + sizeof value <= m_bytes.size())
            std::memcpy(&value, m_bytes.data() + m_offset, sizeof value);
        m_offset += sizeof value;
        return qFromLittleEndian(value);
    }
    template<std::size_t N>
    void read(std::array<std::uint8_t, N> &out)
    {
        if (m_offset + N <= m_bytes.size())
            std::memcpy(out.data(), m_bytes.data() + m_offset, N);
        m_offset += N;
    }
    void skip(std::size_t n) { m_offset += n; }

private:
    std::vector<std::uint8_t> m_bytes;
    std::size_t m_offset = 0;
};

QByteArray checksum(QByteArrayView bytes)
{
    QByteArray digest(kChecksumBytes, '\0');
    crypto_generichash(reinterpret_cast<unsigned char *>(digest.data()), kChecksumBytes,
                       reinterpret_cast<const unsigned char *>(bytes.data()),
                       static_cast<unsigned long long>(bytes.size()), nullptr, 0);
    return digest;
}

Error damaged(const QString &why)
{
    return makeError(ErrorCode::KeyFileDamaged,
                     QObject::tr("The key file is damaged: %1.").arg(why));
}

} // namespace

QByteArray KeyFile::header() const
{
    QByteArray out;
    out.append(kMagic, sizeof kMagic);
    append<std::uint16_t>(out, kVersion);
    append<std::uint16_t>(out, 0);
    append(out, storeSalt);
    append<std::uint32_t>(out, cipherPageSize);
    append<std::uint8_t>(out, static_cast<std::uint8_t>(wraps.size()));
    out.append(3, '\0');
    return out;
}

QByteArray KeyFile::wrapPrefix(const KeyWrap &wrap)
{
    QByteArray out;
    append<std::uint8_t>(out, static_cast<std::uint8_t>(wrap.kind));
    append<std::uint8_t>(out, static_cast<std::uint8_t>(wrap.kdf.algorithm));
    append<std::uint16_t>(out, 0);
    append<std::uint64_t>(out, wrap.kdf.opsLimit);
    append<std::uint64_t>(out, wrap.kdf.memLimitBytes);
    append(out, wrap.kdfSalt);
    return out;
}

QByteArray KeyFile::serialize() const
{
    QByteArray out = header();
    for (const KeyWrap &wrap : wraps) {
        out.append(wrapPrefix(wrap));
        append(out, wrap.nonce);
        append(out, wrap.sealed);
    }
    out.append(checksum(out));
    return out;
}

Result<KeyFile> KeyFile::parse(const QByteArray &bytes)
{
    const auto size = static_cast<std::size_t>(bytes.size());
    if (size < sizeof kMagic || std::memcmp(bytes.constData(), kMagic, sizeof kMagic) != 0)
        return damaged(QObject::tr("it does not start with the Broadview key file marker"));
    if (size < kHeaderBytes + kChecksumBytes)
        return damaged(QObject::tr("it is %1 bytes long, shorter than any key file").arg(size));
    const QByteArrayView body(bytes.constData(), bytes.size() - kChecksumBytes);
    if (checksum(body) != bytes.right(kChecksumBytes))
        return damaged(QObject::tr("its checksum does not match its contents"));

    Reader in(bytes);
    in.skip(sizeof kMagic);
    const auto version = in.read<std::uint16_t>();
    if (version != kVersion) {
        return makeError(ErrorCode::KeyFileDamaged,
                         QObject::tr("The key file has format version %1; this Broadview reads "
                                     "version %2.")
                             .arg(version)
                             .arg(kVersion));
    }
    in.skip(2);
    KeyFile file;
    in.read(file.storeSalt);
    file.cipherPageSize = in.read<std::uint32_t>();
    const auto count = in.read<std::uint8_t>();
    in.skip(3);
    if (count == 0 || count > kMaxWraps)
        return damaged(QObject::tr("it holds %1 key wraps").arg(count));
    if (size != kHeaderBytes + count * kWrapBytes + kChecksumBytes)
        return damaged(QObject::tr("its length does not match its %1 key wraps").arg(count));
    for (int i = 0; i < count; ++i) {
        KeyWrap wrap;
        wrap.kind = static_cast<WrapKind>(in.read<std::uint8_t>());
        wrap.kdf.algorithm = static_cast<KdfAlgorithm>(in.read<std::uint8_t>());
        in.skip(2);
        wrap.kdf.opsLimit = in.read<std::uint64_t>();
        wrap.kdf.memLimitBytes = in.read<std::uint64_t>();
        in.read(wrap.kdfSalt);
        in.read(wrap.nonce);
        in.read(wrap.sealed);
        file.wraps.push_back(wrap);
    }
    return file;
}

Result<KeyFile> KeyFile::load(const QString &path)
{
    QFile file(path);
    if (!file.exists()) {
        return makeError(ErrorCode::KeyFileMissing,
                         QObject::tr("The key file %1 is missing. The store cannot be opened "
                                     "without it; restore it from a backup.")
                             .arg(path));
    }
    if (!file.open(QIODevice::ReadOnly))
        return makeError(
            ErrorCode::Io,
            QObject::tr("Cannot read the key file %1: %2").arg(path, file.errorString()));
    // A real key file is a few hundred bytes; refuse to read a huge file into memory.
    constexpr qint64 kMaxBytes = 64 * 1024;
    if (file.size() > kMaxBytes) {
        Error error = damaged(QObject::tr("it is %1 bytes long").arg(file.size()));
        error.message = QObject::tr("%1 (%2)").arg(error.message, path);
        return error;
    }
    auto parsed = parse(file.readAll());
    if (!parsed.ok()) {
        Error error = parsed.error();
        error.message = QObject::tr("%1 (%2)").arg(error.message, path);
        return error;
    }
    return parsed;
}

Result<void> KeyFile::save(const QString &path) const
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return makeError(
            ErrorCode::Io,
            QObject::tr("Cannot write the key file %1: %2").arg(path, file.errorString()));
    file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    const QByteArray bytes = serialize();
    if (file.write(bytes) != bytes.size() || !file.commit())
        return makeError(
            ErrorCode::Io,
            QObject::tr("Cannot write the key file %1: %2").arg(path, file.errorString()));
    return {};
}

const KeyWrap *KeyFile::wrap(WrapKind kind) const
{
    auto it = std::find_if(wraps.begin(), wraps.end(),
                           [kind](const KeyWrap &w) { return w.kind == kind; });
    return it == wraps.end() ? nullptr : &*it;
}

void KeyFile::setWrap(const KeyWrap &wrap)
{
    auto it = std::find_if(wraps.begin(), wraps.end(),
                           [&wrap](const KeyWrap &w) { return w.kind == wrap.kind; });
    if (it == wraps.end())
        wraps.push_back(wrap);
    else
        *it = wrap;
}

Result<KeyWrap> KeyFile::seal(const SecretBytes &rawKey, WrapKind kind, const SecretBytes &secret,
                              const KdfParams &kdf) const
{
    if (rawKey.size() != kRawKeyBytes)
        return makeError(ErrorCode::Crypto,
                         QObject::tr("A store key is %1 bytes.").arg(kRawKeyBytes));
    KeyWrap wrap;
    wrap.kind = kind;
    wrap.kdf = kdf;
    randombytes_buf(wrap.kdfSalt.data(), wrap.kdfSalt.size());
    randombytes_buf(wrap.nonce.data(), wrap.nonce.size());
    auto wrappingKey = deriveWrappingKey(secret, kdf, wrap.kdfSalt);
    BV_TRY(wrappingKey);

    // The header counts wraps; the AD must not change when a wrap is added, so it binds the
    // fixed part of the header (magic, version, salt, page size) and this wrap's prefix.
    const QByteArray ad = header().left(kFixedHeaderBytes) + wrapPrefix(wrap);
    unsigned long long sealedSize = 0;
    crypto_aead_xchacha20poly1305_ietf_encrypt(
        wrap.sealed.data(), &sealedSize, rawKey.data(), rawKey.size(),
        reinterpret_cast<const unsigned char *>(ad.constData()),
        static_cast<unsigned long long>(ad.size()), nullptr, wrap.nonce.data(),
        wrappingKey->data());
    return wrap;
}

Result<SecretBytes> KeyFile::open(const KeyWrap &wrap, const SecretBytes &secret) const
{
    auto wrappingKey = deriveWrappingKey(secret, wrap.kdf, wrap.kdfSalt);
    BV_TRY(wrappingKey);
    const QByteArray ad = header().left(kFixedHeaderBytes) + wrapPrefix(wrap);
    SecretBytes rawKey(kRawKeyBytes);
    unsigned long long rawSize = 0;
    if (crypto_aead_xchacha20poly1305_ietf_decrypt(
            rawKey.data(), &rawSize, nullptr, wrap.sealed.data(), wrap.sealed.size(),
            reinterpret_cast<const unsigned char *>(ad.constData()),
            static_cast<unsigned long long>(ad.size()), wrap.nonce.data(), wrappingKey->data())
        != 0) {
        return makeError(ErrorCode::WrongPassphrase, wrap.kind == WrapKind::Recovery
                                                         ? QObject::tr("The recovery key is wrong.")
                                                         : QObject::tr("The passphrase is wrong."));
    }
    return rawKey;
}

} // namespace bv::store

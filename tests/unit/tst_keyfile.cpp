// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/testsupport.h"
#include "store/crypto.h"
#include "store/keyfile.h"
#include "store/recoverykey.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <sodium.h>

using namespace bv;
using namespace bv::store;

Q_DECLARE_METATYPE(bv::store::KdfParams)
Q_DECLARE_METATYPE(bv::ErrorCode)

namespace {
const QByteArray kPassphrase = QByteArrayLiteral("correct horse battery staple");
}

class tst_KeyFile : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void serializeParseRoundTrip();
    void sealOpenRoundTrip_data();
    void sealOpenRoundTrip();
    void wrongSecretIsWrongPassphrase_data();
    void wrongSecretIsWrongPassphrase();
    void damagedFileIsKeyFileDamaged_data();
    void damagedFileIsKeyFileDamaged();
    void wrapFromAnotherStoreFails_data();
    void wrapFromAnotherStoreFails();
    void editedWrapFailsToOpen_data();
    void editedWrapFailsToOpen();
    void calibratedIsNeverWeakerThanModerate();
    void deriveWrappingKeyIsDeterministic();
    void deriveWrappingKeyRejectsOutOfRange_data();
    void deriveWrappingKeyRejectsOutOfRange();

private:
    const SecretBytes &secretFor(int kind) const
    {
        return WrapKind(kind) == WrapKind::Recovery ? m_recoveryKey : m_passphrase;
    }

    SecretBytes m_passphrase = SecretBytes::fromView(kPassphrase);
    SecretBytes m_rawKey;
    SecretBytes m_recoveryKey;
    KeyFile m_file;
};

namespace {

// Layout offsets of a key file with two wraps (keyfile.h).
constexpr qsizetype kHeader = 36;
constexpr qsizetype kWrap = 108;
constexpr qsizetype kChecksum = 32;

SecretBytes secret(const QByteArray &bytes)
{
    return SecretBytes::fromView(bytes);
}

// A key file for one store: a passphrase wrap (minimum Argon2id) and a recovery wrap.
KeyFile makeKeyFile(const SecretBytes &rawKey, const SecretBytes &recoveryKey)
{
    KeyFile file;
    randombytes_buf(file.storeSalt.data(), file.storeSalt.size());
    auto pass = file.seal(rawKey, WrapKind::Passphrase, secret(kPassphrase), KdfParams::minimum());
    auto recovery = file.seal(rawKey, WrapKind::Recovery, recoveryKey, KdfParams::recoveryKey());
    if (pass.ok())
        file.setWrap(pass.value());
    if (recovery.ok())
        file.setWrap(recovery.value());
    return file;
}

QByteArray withChecksum(QByteArray body)
{
    QByteArray digest(kChecksum, '\0');
    crypto_generichash(reinterpret_cast<unsigned char *>(digest.data()), kChecksum,
                       reinterpret_cast<const unsigned char *>(body.constData()),
                       static_cast<unsigned long long>(body.size()), nullptr, 0);
    return body + digest;
}

QByteArray withoutChecksum(const QByteArray &bytes)
{
    return bytes.left(bytes.size() - kChecksum);
}

QByteArray flipped(QByteArray bytes, qsizetype offset)
{
    bytes[offset] = static_cast<char>(bytes.at(offset) ^ 0x20);
    return bytes;
}

} // namespace

void tst_KeyFile::init()
{
    m_rawKey = SecretBytes::random(KeyFile::kRawKeyBytes);
    m_recoveryKey = RecoveryKey::generate();
    m_file = makeKeyFile(m_rawKey, m_recoveryKey);
    QCOMPARE(m_file.wraps.size(), std::size_t(2));
}

void tst_KeyFile::serializeParseRoundTrip()
{
    m_file.cipherPageSize = 8192;
    const QByteArray bytes = m_file.serialize();
    QCOMPARE(bytes.size(), kHeader + 2 * kWrap + kChecksum);
    QVERIFY(bytes.startsWith("BVKEYFIL"));
    QCOMPARE(bytes.mid(12, 16),
             QByteArray(reinterpret_cast<const char *>(m_file.storeSalt.data()), 16));

    auto parsed = KeyFile::parse(bytes);
    QVERIFY_RESULT(parsed);
    QVERIFY(parsed->storeSalt == m_file.storeSalt);
    QCOMPARE(parsed->cipherPageSize, 8192u);
    QCOMPARE(parsed->wraps.size(), m_file.wraps.size());
    for (std::size_t i = 0; i < m_file.wraps.size(); ++i) {
        const KeyWrap &a = m_file.wraps[i];
        const KeyWrap &b = parsed->wraps[i];
        QVERIFY(a.kind == b.kind);
        QVERIFY(a.kdf == b.kdf);
        QVERIFY(a.kdfSalt == b.kdfSalt);
        QVERIFY(a.nonce == b.nonce);
        QVERIFY(a.sealed == b.sealed);
    }
    QCOMPARE(parsed->serialize(), bytes);
}

void tst_KeyFile::sealOpenRoundTrip_data()
{
    QTest::addColumn<int>("kind");
    QTest::newRow("passphrase, Argon2id") << int(WrapKind::Passphrase);
    QTest::newRow("recovery key, keyed BLAKE2b") << int(WrapKind::Recovery);
}

void tst_KeyFile::sealOpenRoundTrip()
{
    QFETCH(int, kind);
    const bool recovery = WrapKind(kind) == WrapKind::Recovery;
    // Through the bytes on disk, as a later unlock reads them.
    auto parsed = KeyFile::parse(m_file.serialize());
    QVERIFY_RESULT(parsed);
    const KeyWrap *wrap = parsed->wrap(WrapKind(kind));
    QVERIFY(wrap);
    QVERIFY(wrap->kdf == (recovery ? KdfParams::recoveryKey() : KdfParams::minimum()));
    auto opened = parsed->open(*wrap, secretFor(kind));
    QVERIFY_RESULT(opened);
    QVERIFY(opened->equals(m_rawKey));

    // A reseal uses a fresh KDF salt and nonce: the same key, other bytes.
    auto again = m_file.seal(m_rawKey, WrapKind(kind), secretFor(kind), wrap->kdf);
    QVERIFY_RESULT(again);
    QVERIFY(again->nonce != wrap->nonce);
    QVERIFY(again->sealed != wrap->sealed);
}

void tst_KeyFile::wrongSecretIsWrongPassphrase_data()
{
    QTest::addColumn<int>("kind");
    QTest::addColumn<QByteArray>("secret");
    QTest::newRow("passphrase off by one letter")
        << int(WrapKind::Passphrase) << QByteArrayLiteral("correct horse battery stapler");
    QTest::newRow("passphrase in another case")
        << int(WrapKind::Passphrase) << QByteArrayLiteral("Correct horse battery staple");
    QTest::newRow("empty passphrase") << int(WrapKind::Passphrase) << QByteArray();
    QTest::newRow("another recovery key") << int(WrapKind::Recovery) << QByteArray(32, 'k');
    QTest::newRow("recovery key too short") << int(WrapKind::Recovery) << QByteArray(5, 'k');
    QTest::newRow("passphrase given as recovery key") << int(WrapKind::Recovery) << kPassphrase;
}

void tst_KeyFile::wrongSecretIsWrongPassphrase()
{
    QFETCH(int, kind);
    QFETCH(QByteArray, secret);
    auto opened = m_file.open(*m_file.wrap(WrapKind(kind)), ::secret(secret));
    QVERIFY(!opened.ok());
    QCOMPARE(opened.error().code, ErrorCode::WrongPassphrase);
    QVERIFY2(opened.error().message.contains(QLatin1String(
                 WrapKind(kind) == WrapKind::Recovery ? "recovery key" : "passphrase")),
             qPrintable(opened.error().message));
}

void tst_KeyFile::damagedFileIsKeyFileDamaged_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("why"); // what the message must say

    const SecretBytes rawKey = SecretBytes::random(KeyFile::kRawKeyBytes);
    const QByteArray good = makeKeyFile(rawKey, RecoveryKey::generate()).serialize();
    const qsizetype wrap0 = kHeader;
    const QString marker = QStringLiteral("does not start with the Broadview key file marker");
    const QString sum = QStringLiteral("checksum does not match");

    QTest::newRow("empty") << QByteArray() << marker;
    QTest::newRow("truncated inside the magic") << good.left(5) << marker;
    QTest::newRow("truncated inside the header") << good.left(20) << QStringLiteral("20 bytes");
    QTest::newRow("truncated by one byte") << good.chopped(1) << sum;
    QTest::newRow("truncated after the first wrap") << good.left(kHeader + kWrap) << sum;
    QTest::newRow("flipped byte in magic") << flipped(good, 3) << marker;
    QTest::newRow("flipped byte in header: version") << flipped(good, 8) << sum;
    QTest::newRow("flipped byte in header: store salt") << flipped(good, 17) << sum;
    QTest::newRow("flipped byte in header: page size") << flipped(good, 29) << sum;
    QTest::newRow("flipped byte in header: wrap count") << flipped(good, 32) << sum;
    QTest::newRow("flipped byte in wrap: kind") << flipped(good, wrap0) << sum;
    QTest::newRow("flipped byte in wrap: KDF limits") << flipped(good, wrap0 + 5) << sum;
    QTest::newRow("flipped byte in wrap: nonce") << flipped(good, wrap0 + 40) << sum;
    QTest::newRow("flipped byte in wrap: sealed key") << flipped(good, wrap0 + 80) << sum;
    QTest::newRow("flipped byte in second wrap") << flipped(good, wrap0 + kWrap + 100) << sum;
    QTest::newRow("flipped byte in checksum") << flipped(good, good.size() - 7) << sum;
    QTest::newRow("trailing garbage") << good + QByteArrayLiteral("garbage") << sum;

    // Structural damage behind a checksum that holds (a file written wrongly, not rotted).
    QByteArray zero = withoutChecksum(good).left(kHeader);
    zero[32] = 0;
    QTest::newRow("zero wraps") << withChecksum(zero) << QStringLiteral("holds 0 key wraps");
    QByteArray many = withoutChecksum(good);
    many[32] = 9;
    QTest::newRow("nine wraps") << withChecksum(many) << QStringLiteral("holds 9 key wraps");
    QByteArray three = withoutChecksum(good);
    three[32] = 3;
    QTest::newRow("count says three, two present")
        << withChecksum(three) << QStringLiteral("length does not match its 3 key wraps");
    QTest::newRow("trailing garbage under a valid checksum")
        << withChecksum(withoutChecksum(good) + QByteArrayLiteral("garbage"))
        << QStringLiteral("length does not match its 2 key wraps");
    QByteArray version = withoutChecksum(good);
    version[8] = 2;
    QTest::newRow("unknown format version")
        << withChecksum(version) << QStringLiteral("format version 2");

    QByteArray huge = good;
    huge.append(QByteArray(1024 * 1024, 'x'));
    QTest::newRow("huge file") << huge << QStringLiteral("%1 bytes long").arg(huge.size());
}

void tst_KeyFile::damagedFileIsKeyFileDamaged()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, why);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("store.bvstore.key"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    QCOMPARE(file.write(bytes), bytes.size());
    file.close();

    auto loaded = KeyFile::load(path);
    QVERIFY(!loaded.ok());
    QCOMPARE(loaded.error().code, ErrorCode::KeyFileDamaged);
    const QString message = loaded.error().message;
    QVERIFY2(message.startsWith(QLatin1String("The key file")), qPrintable(message));
    QVERIFY2(message.contains(why), qPrintable(message));
    QVERIFY2(message.contains(path), qPrintable(message));
    QCOMPARE(test::readFile(path), bytes); // reading never repairs or rewrites

    if (bytes.size() < 64 * 1024) { // parse() alone, without the size guard of load()
        auto parsed = KeyFile::parse(bytes);
        QVERIFY(!parsed.ok());
        QCOMPARE(parsed.error().code, ErrorCode::KeyFileDamaged);
    }
}

void tst_KeyFile::wrapFromAnotherStoreFails_data()
{
    QTest::addColumn<bool>("otherSalt");
    QTest::addColumn<int>("otherPageSize");
    QTest::addColumn<int>("kind");
    QTest::newRow("passphrase wrap, another store salt")
        << true << 4096 << int(WrapKind::Passphrase);
    QTest::newRow("recovery wrap, another store salt") << true << 4096 << int(WrapKind::Recovery);
    QTest::newRow("passphrase wrap, another page size")
        << false << 1024 << int(WrapKind::Passphrase);
}

void tst_KeyFile::wrapFromAnotherStoreFails()
{
    QFETCH(bool, otherSalt);
    QFETCH(int, otherPageSize);
    QFETCH(int, kind);
    const SecretBytes &rightSecret = secretFor(kind);

    // Control: the wrap opens in its own file.
    QVERIFY_RESULT(m_file.open(*m_file.wrap(WrapKind(kind)), rightSecret));

    KeyFile other
        = makeKeyFile(SecretBytes::random(KeyFile::kRawKeyBytes), RecoveryKey::generate());
    if (!otherSalt)
        other.storeSalt = m_file.storeSalt;
    other.cipherPageSize = static_cast<std::uint32_t>(otherPageSize);
    QVERIFY(other.storeSalt != m_file.storeSalt || other.cipherPageSize != m_file.cipherPageSize);
    other.setWrap(*m_file.wrap(WrapKind(kind))); // copied in, then written and read back
    auto parsed = KeyFile::parse(other.serialize());
    QVERIFY_RESULT(parsed);

    auto opened = parsed->open(*parsed->wrap(WrapKind(kind)), rightSecret);
    QVERIFY(!opened.ok());
    QCOMPARE(opened.error().code, ErrorCode::WrongPassphrase);
}

void tst_KeyFile::editedWrapFailsToOpen_data()
{
    QTest::addColumn<int>("kind");
    QTest::addColumn<KdfParams>("kdf");
    QTest::addColumn<int>("newKind");
    QTest::addColumn<ErrorCode>("code");
    const KdfParams min = KdfParams::minimum();
    const int pass = int(WrapKind::Passphrase);
    const int rec = int(WrapKind::Recovery);
    QTest::newRow("passphrase wrap, one more pass")
        << pass << KdfParams{min.algorithm, min.opsLimit + 1, min.memLimitBytes} << pass
        << ErrorCode::WrongPassphrase;
    QTest::newRow("passphrase wrap, twice the memory")
        << pass << KdfParams{min.algorithm, min.opsLimit, min.memLimitBytes * 2} << pass
        << ErrorCode::WrongPassphrase;
    // BLAKE2b ignores the limits, so only the associated data can refuse these two.
    QTest::newRow("recovery wrap, limits written in")
        << rec << KdfParams{KdfAlgorithm::Blake2bKeyed, 3, 1 << 20} << rec
        << ErrorCode::WrongPassphrase;
    QTest::newRow("recovery wrap relabelled as keychain")
        << rec << KdfParams::recoveryKey() << int(WrapKind::Keychain) << ErrorCode::WrongPassphrase;
    QTest::newRow("passphrase wrap, zero passes")
        << pass << KdfParams{min.algorithm, 0, min.memLimitBytes} << pass
        << ErrorCode::KeyFileDamaged;
    QTest::newRow("passphrase wrap, unknown KDF")
        << pass << KdfParams{KdfAlgorithm(7), min.opsLimit, min.memLimitBytes} << pass
        << ErrorCode::KeyFileDamaged;
}

void tst_KeyFile::editedWrapFailsToOpen()
{
    QFETCH(int, kind);
    QFETCH(KdfParams, kdf);
    QFETCH(int, newKind);
    QFETCH(ErrorCode, code);
    KeyWrap wrap = *m_file.wrap(WrapKind(kind));
    wrap.kdf = kdf;
    wrap.kind = WrapKind(newKind);
    KeyFile edited = m_file;
    edited.wraps.clear();
    edited.setWrap(wrap);
    auto parsed = KeyFile::parse(edited.serialize()); // the checksum holds: edited, not rotted
    QVERIFY_RESULT(parsed);

    auto opened = parsed->open(parsed->wraps.front(), secretFor(kind));
    QVERIFY(!opened.ok());
    QCOMPARE(opened.error().code, code);
}

// The test that checks the production calibration: whatever this machine measures, a new
// store is never weaker than libsodium's MODERATE (3 passes over 256 MiB).
void tst_KeyFile::calibratedIsNeverWeakerThanModerate()
{
    const KdfParams moderate = KdfParams::moderate();
    QCOMPARE(moderate.algorithm, KdfAlgorithm::Argon2id13);
    QCOMPARE(moderate.opsLimit, std::uint64_t(3));
    QCOMPARE(moderate.memLimitBytes, std::uint64_t(256) << 20);

    const KdfParams calibrated = KdfParams::calibrated();
    QCOMPARE(calibrated.algorithm, KdfAlgorithm::Argon2id13);
    QVERIFY2(calibrated.opsLimit >= moderate.opsLimit,
             qPrintable(QString::number(calibrated.opsLimit)));
    QVERIFY(calibrated.memLimitBytes >= moderate.memLimitBytes);
    QVERIFY(calibrated.opsLimit <= crypto_pwhash_OPSLIMIT_MAX);

    // No time at all still gets the floor, not fewer passes.
    QVERIFY(KdfParams::calibrated(0.0) == moderate);
    // And the test parameters are far below it: they must never reach production.
    QVERIFY(KdfParams::minimum().opsLimit < moderate.opsLimit);
    QVERIFY(KdfParams::minimum().memLimitBytes < moderate.memLimitBytes);
}

void tst_KeyFile::deriveWrappingKeyIsDeterministic()
{
    const std::array<std::uint8_t, 16> salt{1, 2, 3};
    std::array<std::uint8_t, 16> otherSalt = salt;
    otherSalt[15] = 9;
    for (const KdfParams &kdf : {KdfParams::minimum(), KdfParams::recoveryKey()}) {
        const SecretBytes s = SecretBytes::fromView(QByteArray(32, 's'));
        auto a = deriveWrappingKey(s, kdf, salt);
        auto b = deriveWrappingKey(s, kdf, salt);
        auto c = deriveWrappingKey(s, kdf, otherSalt);
        QVERIFY_RESULT(a);
        QVERIFY_RESULT(b);
        QVERIFY_RESULT(c);
        QCOMPARE(a->size(), std::size_t(32));
        QVERIFY(a->equals(b.value()));
        QVERIFY(!a->equals(c.value()));
    }
}

void tst_KeyFile::deriveWrappingKeyRejectsOutOfRange_data()
{
    QTest::addColumn<KdfParams>("kdf");
    const KdfParams min = KdfParams::minimum();
    const auto argon = KdfAlgorithm::Argon2id13;
    QTest::newRow("zero passes") << KdfParams{argon, 0, min.memLimitBytes};
    QTest::newRow("passes above the maximum")
        << KdfParams{argon, std::uint64_t(crypto_pwhash_OPSLIMIT_MAX) + 1, min.memLimitBytes};
    QTest::newRow("no memory") << KdfParams{argon, min.opsLimit, 0};
    QTest::newRow("memory one byte under the minimum")
        << KdfParams{argon, min.opsLimit, min.memLimitBytes - 1};
    QTest::newRow("memory above the maximum")
        << KdfParams{argon, min.opsLimit, std::uint64_t(crypto_pwhash_MEMLIMIT_MAX) + 1};
    QTest::newRow("all ones") << KdfParams{argon, ~std::uint64_t(0), ~std::uint64_t(0)};
    QTest::newRow("unknown algorithm")
        << KdfParams{KdfAlgorithm(0), min.opsLimit, min.memLimitBytes};
}

void tst_KeyFile::deriveWrappingKeyRejectsOutOfRange()
{
    QFETCH(KdfParams, kdf);
    const std::array<std::uint8_t, 16> salt{};
    auto derived = deriveWrappingKey(secret(kPassphrase), kdf, salt);
    QVERIFY(!derived.ok());
    QCOMPARE(derived.error().code, ErrorCode::KeyFileDamaged);
    QVERIFY2(derived.error().message.startsWith(QLatin1String("The key file names")),
             qPrintable(derived.error().message));
}

BV_TEST_MAIN(tst_KeyFile)
#include "tst_keyfile.moc"

// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/recoverykey.h"

#include <QObject>

#include <sodium.h>

namespace bv::store::RecoveryKey {

namespace {

constexpr char kAlphabet[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
constexpr std::size_t kChars = (kBytes * 8 + 4) / 5; // 52
constexpr std::size_t kGroup = 4;

int symbolValue(char c)
{
    if (c >= 'a' && c <= 'z')
        c = static_cast<char>(c - 'a' + 'A');
    if (c == 'O')
        c = '0';
    if (c == 'I' || c == 'L')
        c = '1';
    for (int i = 0; i < 32; ++i) {
        if (kAlphabet[i] == c)
            return i;
    }
    return -1;
}

} // namespace

SecretBytes generate()
{
    return SecretBytes::random(kBytes);
}

SecretBytes format(const SecretBytes &key)
{
    SecretBytes text(kChars + kChars / kGroup - (kChars % kGroup == 0 ? 1 : 0));
    std::size_t out = 0;
    std::uint32_t buffer = 0;
    int bits = 0;
    std::size_t emitted = 0;
    auto emit = [&](int value) {
        if (emitted > 0 && emitted % kGroup == 0)
            text.data()[out++] = '-';
        text.data()[out++] = static_cast<std::uint8_t>(kAlphabet[value]);
        ++emitted;
    };
    for (std::size_t i = 0; i < key.size(); ++i) {
        buffer = (buffer << 8) | key.data()[i];
        bits += 8;
        while (bits >= 5) {
            emit(static_cast<int>((buffer >> (bits - 5)) & 31u));
            bits -= 5;
        }
    }
    if (bits > 0)
        emit(static_cast<int>((buffer << (5 - bits)) & 31u));
    sodium_memzero(&buffer, sizeof buffer);
    return text;
}

Result<SecretBytes> parse(const SecretBytes &text)
{
    SecretBytes key(kBytes);
    std::size_t out = 0;
    std::size_t symbols = 0;
    std::uint32_t buffer = 0;
    int bits = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = static_cast<char>(text.data()[i]);
        if (c == '-' || c == ' ' || c == '\n' || c == '\r' || c == '\t')
            continue;
        const int value = symbolValue(c);
        if (value < 0)
            return makeError(ErrorCode::WrongPassphrase,
                             QObject::tr("A recovery key holds only digits and the letters A-Z "
                                         "without I, L, O and U; character %1 is not one.")
                                 .arg(i + 1));
        ++symbols;
        buffer = (buffer << 5) | static_cast<std::uint32_t>(value);
        bits += 5;
        if (bits >= 8) {
            if (out < kBytes)
                key.data()[out] = static_cast<std::uint8_t>((buffer >> (bits - 8)) & 0xffu);
            ++out;
            bits -= 8;
        }
    }
    sodium_memzero(&buffer, sizeof buffer);
    if (symbols != kChars)
        return makeError(ErrorCode::WrongPassphrase,
                         QObject::tr("A recovery key has %1 characters (without dashes); this one "
                                     "has %2.")
                             .arg(kChars)
                             .arg(symbols));
    return key;
}

} // namespace bv::store::RecoveryKey

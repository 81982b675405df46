// SPDX-License-Identifier: GPL-3.0-or-later
#include "identifiers.h"

#include "recordrandom.h"

namespace bv::feedsim::identifiers {

namespace {

constexpr quint64 kTestNumberCount = 900000;
constexpr quint64 kIdModulus = 100'000'000;
constexpr int kIdBits = 28; // 2^28 > 10^8
constexpr quint64 kUpnModulus = 1'000'000'000;
constexpr int kUpnBits = 30; // 2^30 > 10^9
constexpr int kFeistelRounds = 4;

// A keyed permutation of [0, 2^bits) (a balanced Feistel network), walked until it lands
// below modulus: a permutation of [0, modulus), so ids stay unique and show no order.
quint64 permute(quint64 value, int bits, quint64 modulus, quint64 key)
{
    const int half = bits / 2;
    const quint64 mask = (quint64(1) << half) - 1;
    quint64 x = value;
    do {
        quint64 left = x >> half;
        quint64 right = x & mask;
        for (int round = 0; round < kFeistelRounds; ++round) {
            const quint64 next = left ^ (mix64(right ^ key ^ (quint64(round) << 56)) & mask);
            left = right;
            right = next;
        }
        x = (left << half) | right;
    } while (x >= modulus);
    return x;
}

// Ofcom drama ranges: each prefix is followed by three free digits.
const char *const kLandlinePrefixes[] = {
    "01632 960",  "020 7946 0", "0113 496 0", "0114 496 0", "0115 496 0",
    "0116 496 0", "0117 496 0", "0118 496 0", "0121 496 0", "0131 496 0",
    "0141 496 0", "0151 496 0", "0161 496 0", "0191 498 0", "029 2018 0",
};

QString threeDigits(quint64 value)
{
    return QString::number(value % 1000).rightJustified(3, QLatin1Char('0'));
}

} // namespace

int nhsCheckDigit(const QString &nineDigits)
{
    if (nineDigits.size() != 9)
        return -1;
    int sum = 0;
    for (int i = 0; i < 9; ++i) {
        const int digit = nineDigits.at(i).unicode() - '0';
        if (digit < 0 || digit > 9)
            return -1;
        sum += digit * (10 - i);
    }
    const int check = 11 - sum % 11;
    if (check == 11)
        return 0;
    return check == 10 ? -1 : check;
}

QString nhsTestNumber(quint64 index)
{
    // As NhsNumber::testNumber: the k-th valid number of each group of ten that differ only
    // in the ninth digit (at most one of the ten has check digit 10), so no two indexes
    // below the count share a number. Integers here: a page renders hundreds of these.
    const quint64 wrapped = index % kTestNumberCount;
    const quint64 group = wrapped / 9;
    quint64 wanted = wrapped % 9;
    int digits[9] = {9, 9, 9};
    quint64 rest = group;
    for (int i = 7; i >= 3; --i) {
        digits[i] = int(rest % 10);
        rest /= 10;
    }
    int prefixSum = 0;
    for (int i = 0; i < 8; ++i)
        prefixSum += digits[i] * (10 - i);
    for (int last = 0; last < 10; ++last) {
        int check = 11 - (prefixSum + last * 2) % 11;
        if (check == 11)
            check = 0;
        if (check == 10)
            continue;
        if (wanted == 0) {
            char text[10];
            for (int i = 0; i < 8; ++i)
                text[i] = char('0' + digits[i]);
            text[8] = char('0' + last);
            text[9] = char('0' + check);
            return QString::fromLatin1(text, 10);
        }
        --wanted;
    }
    return QString(); // unreachable: nine of every ten are valid
}

QString spacedNhsNumber(const QString &digits)
{
    if (digits.size() != 10)
        return digits;
    return digits.left(3) + QLatin1Char(' ') + digits.mid(3, 3) + QLatin1Char(' ') + digits.mid(6);
}

QString mistypedNhsNumber(const QString &digits, quint64 choice)
{
    // Change one of the digits after the 999 prefix until the check digit fails; with the
    // ninth position free there is always such a change.
    QString typed = digits;
    for (quint64 attempt = 0; attempt < 70; ++attempt) {
        const qsizetype position = qsizetype(3 + (choice + attempt) % 7);
        const int digit = typed.at(position).unicode() - '0';
        typed[position] = QLatin1Char(char('0' + (digit + 1 + int((choice >> 8) % 9)) % 10));
        if (nhsCheckDigit(typed.left(9)) != typed.at(9).unicode() - '0')
            return typed;
        typed = digits;
    }
    return typed;
}

QString pupilNumber(quint64 serial, quint64 salt)
{
    const quint64 number = permute(serial % kUpnModulus, kUpnBits, kUpnModulus, salt);
    const QString digits
        = QStringLiteral("926") + QString::number(number).rightJustified(9, QLatin1Char('0'));
    // DfE's check letter: characters 2-13 weighted 2-13, sum modulo 23.
    static const char kLetters[] = "ABCDEFGHJKLMNPQRTUVWXYZ";
    int sum = 0;
    for (int i = 0; i < 12; ++i)
        sum += (digits.at(i).unicode() - '0') * (i + 2);
    return QLatin1Char(kLetters[sum % 23]) + digits;
}

QString uuidFrom(quint64 high, quint64 low)
{
    high = (high & 0xffffffffffff0fffULL) | 0x0000000000004000ULL;
    low = (low & 0x3fffffffffffffffULL) | 0x8000000000000000ULL;
    const QString hex = QStringLiteral("%1%2")
                            .arg(high, 16, 16, QLatin1Char('0'))
                            .arg(low, 16, 16, QLatin1Char('0'));
    return hex.left(8) + QLatin1Char('-') + hex.mid(8, 4) + QLatin1Char('-') + hex.mid(12, 4)
           + QLatin1Char('-') + hex.mid(16, 4) + QLatin1Char('-') + hex.mid(20);
}

QString systemId(QLatin1StringView prefix, quint64 serial, quint64 salt)
{
    const quint64 number = permute(serial % kIdModulus, kIdBits, kIdModulus, salt);
    return prefix + QString::number(number).rightJustified(8, QLatin1Char('0'));
}

QString landline(quint64 hash)
{
    const auto count = quint64(std::size(kLandlinePrefixes));
    return QLatin1String(kLandlinePrefixes[hash % count]) + threeDigits(hash / count);
}

QString mobile(quint64 hash)
{
    return QStringLiteral("07700 900") + threeDigits(hash);
}

} // namespace bv::feedsim::identifiers

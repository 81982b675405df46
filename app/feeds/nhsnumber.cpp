// SPDX-License-Identifier: GPL-3.0-or-later
#include "feeds/nhsnumber.h"

namespace bv::feeds {

namespace {

constexpr int kDigits = 10;

bool isSeparator(QChar c)
{
    return c.isSpace() || c == QLatin1Char('-');
}

} // namespace

int NhsNumber::checkDigit(QStringView nineDigits)
{
    if (nineDigits.size() != kDigits - 1)
        return -1;
    int sum = 0;
    for (int i = 0; i < kDigits - 1; ++i) {
        const int digit = nineDigits[i].digitValue();
        if (digit < 0)
            return -1;
        sum += digit * (kDigits - i);
    }
    const int check = 11 - (sum % 11);
    if (check == 11)
        return 0;
    if (check == 10)
        return -1;
    return check;
}

NhsNumber NhsNumber::parse(QStringView text)
{
    QString digits;
    digits.reserve(kDigits);
    bool onlySeparators = true;
    for (const QChar c : text) {
        if (isSeparator(c))
            continue;
        onlySeparators = false;
        // Only ASCII digits: digitValue() would also accept Arabic-Indic and other scripts.
        if (c < QLatin1Char('0') || c > QLatin1Char('9'))
            return NhsNumber(Status::Malformed, QString());
        digits.append(c);
    }
    if (onlySeparators)
        return NhsNumber(Status::Empty, QString());
    if (digits.size() != kDigits)
        return NhsNumber(Status::Malformed, QString());
    const int expected = checkDigit(QStringView(digits).left(kDigits - 1));
    const int actual = digits.back().digitValue();
    return NhsNumber(expected == actual ? Status::Valid : Status::CheckDigitFails,
                     std::move(digits));
}

NhsNumber NhsNumber::testNumber(quint64 index)
{
    // The last free digit has weight 2, so within a group of ten numbers that differ only in
    // it, at most one has check digit 10. Taking the k-th valid one of nine per group makes
    // the mapping one-to-one, which the simulator needs (no two people share a number).
    const quint64 wrapped = index % kTestNumberCount;
    const quint64 group = wrapped / 9;
    quint64 wanted = wrapped % 9;
    for (int last = 0; last < 10; ++last) {
        const QString nine
            = QStringLiteral("999%1%2").arg(group, 5, 10, QLatin1Char('0')).arg(last);
        const int check = checkDigit(nine);
        if (check < 0)
            continue;
        if (wanted == 0)
            return NhsNumber(Status::Valid, nine + QString::number(check));
        --wanted;
    }
    Q_UNREACHABLE();
}

QString NhsNumber::formatted() const
{
    if (m_digits.size() != kDigits)
        return QString();
    return m_digits.left(3) + QLatin1Char(' ') + m_digits.mid(3, 3) + QLatin1Char(' ')
           + m_digits.mid(6);
}

} // namespace bv::feeds

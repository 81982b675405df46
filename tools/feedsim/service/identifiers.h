// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

// The identifiers agencies give their records, made from a record's number so nothing is
// stored: NHS numbers in the 999 test range, pupil numbers with their check letter, UUIDs,
// and system ids whose digits do not reveal the county's order.
namespace bv::feedsim::identifiers {

// The Modulus 11 check digit of nine digits (weights 10 down to 2), or -1 when it would be
// 10, which no valid number has.
int nhsCheckDigit(const QString &nineDigits);

// The same numbers as bv::feeds::NhsNumber::testNumber(index) (which the simulator must not
// link): ten digits, valid, in 999 000 0000 to 999 999 9999; index wraps at 900,000.
QString nhsTestNumber(quint64 index);

// "999 123 4567".
QString spacedNhsNumber(const QString &digits);

// The same number with one digit changed so that the check digit fails.
QString mistypedNhsNumber(const QString &digits, quint64 choice);

// A 13-character Unique Pupil Number: check letter, the Norfolk LA code 926, nine digits.
QString pupilNumber(quint64 serial, quint64 salt);

// A version 4 UUID made from a hash.
QString uuidFrom(quint64 high, quint64 low);

// prefix + eight digits: a keyed permutation of serial (below 10^8), so one salt never gives
// two serials one id.
QString systemId(QLatin1StringView prefix, quint64 serial, quint64 salt);

// A phone number from Ofcom's ranges reserved for drama, so never a real line.
QString landline(quint64 hash);
QString mobile(quint64 hash);

} // namespace bv::feedsim::identifiers

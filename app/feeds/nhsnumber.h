// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

#include <utility>

namespace bv::feeds {

// An NHS number as a feed gave it, after parsing. A number whose check digit fails is kept
// (the agency recorded it, and a practitioner may need to see it) but never used to link:
// a mistyped number that happens to be another person's would merge two people.
class NhsNumber
{
public:
    enum class Status {
        Empty,           // the feed gave nothing (or only separators)
        Malformed,       // not ten digits; digits() is empty
        CheckDigitFails, // ten digits, but the Modulus 11 check rejects them
        Valid
    };

    // Accepts "943 476 5919", "943-476-5919", "9434765919", with stray spaces anywhere.
    static NhsNumber parse(QStringView text);

    // How many distinct numbers testNumber() makes before it repeats.
    static constexpr quint64 kTestNumberCount = 900000;

    // A valid number in the 999 test range (999 000 0000 to 999 999 9999), always the same
    // for the same index; distinct indices below kTestNumberCount give distinct numbers
    // (larger ones wrap). For the feed simulator: never a real person's number.
    static NhsNumber testNumber(quint64 index);

    Status status() const { return m_status; }
    bool isValid() const { return m_status == Status::Valid; }
    // Only valid numbers may be used for deterministic linkage.
    bool isUsableForLinkage() const { return isValid(); }
    // The ten digits without separators; empty when Empty or Malformed.
    const QString &digits() const { return m_digits; }
    // "943 476 5919"; empty when there are no ten digits.
    QString formatted() const;

    // The check digit for the first nine digits (weights 10 down to 2), or -1 when the
    // remainder makes it 10, which no valid number may have.
    static int checkDigit(QStringView nineDigits);

private:
    NhsNumber(Status status, QString digits)
        : m_status(status)
        , m_digits(std::move(digits))
    {}

    Status m_status = Status::Empty;
    QString m_digits;
};

} // namespace bv::feeds

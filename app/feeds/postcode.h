// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "common/result.h"

#include <QString>

#include <utility>

namespace bv::feeds {

// A UK postcode in canonical form ("NR1 3JB"). Only made by parse(), so holding one means
// the format is right; whether the postcode exists is another question (the lookup's).
class Postcode
{
public:
    // Accepts any case and any spacing ("nr1 3jb", "NR13JB", " NR1  3JB "). Checks the
    // format: outward A9, A99, AA9, AA99, A9A or AA9A, inward 9AA, or the special GIR 0AA.
    // A postcode that does not fit is reported, never guessed at (a guess could place a
    // person at the wrong address).
    [[nodiscard]] static Result<Postcode> parse(QStringView text);

    // "NR1 3JB"
    const QString &text() const { return m_text; }
    // "NR": the letters that open the outward code.
    QString area() const;
    // "NR1": the outward code.
    QString district() const;
    // "NR1 3": the outward code and the first character of the inward code.
    QString sector() const;

    friend bool operator==(const Postcode &, const Postcode &) = default;

private:
    explicit Postcode(QString text)
        : m_text(std::move(text))
    {}

    QString m_text;
};

} // namespace bv::feeds

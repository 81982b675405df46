// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QStringList>

namespace bv::feeds {

// The comparable form of a name: Unicode NFKD with diacritics removed and letters with no
// decomposition transliterated (Siân -> SIAN, Łódź -> LODZ), upper case, apostrophes removed
// (O'Brien -> OBRIEN), hyphens and other punctuation to a space, runs of spaces to one.
// Linkage compares and blocks on this form, so "Smith-Jones" and "SMITH JONES" agree.
QString normaliseName(QStringView name);

// As normaliseName, then leading titles (MR, MRS, MS, MISS, DR) removed, unless nothing else
// would remain.
QString normaliseGivenNames(QStringView givenNames);

// A person's name as a feed gave it, kept for display, with its normalised forms beside it.
class PersonName
{
public:
    PersonName() = default;
    PersonName(QString given, QString family);

    // "Family, Given Middle" when there is a comma; otherwise "Given Middle Family", where
    // the last word is taken as the family name. That is a guess for family names of more
    // than one word ("van der Berg"), so feeds that give the parts separately should use the
    // constructor.
    static PersonName fromFullName(QStringView fullName);

    // As the feed gave them, for display.
    const QString &given() const { return m_given; }
    const QString &family() const { return m_family; }

    // For comparison and blocking.
    const QString &normalisedGiven() const { return m_normalisedGiven; }
    const QString &normalisedFamily() const { return m_normalisedFamily; }
    // The first given name, normalised ("" when there is none): the usual blocking key.
    QString normalisedFirstGiven() const;

    bool isEmpty() const { return m_normalisedGiven.isEmpty() && m_normalisedFamily.isEmpty(); }

private:
    QString m_given;
    QString m_family;
    QString m_normalisedGiven;
    QString m_normalisedFamily;
};

} // namespace bv::feeds

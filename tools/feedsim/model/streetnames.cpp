// SPDX-License-Identifier: GPL-3.0-or-later
#include "streetnames.h"

namespace bv::feedsim {

QStringList streetNameVocabulary()
{
    const QStringList stems = {
        QStringLiteral("Church"),   QStringLiteral("Mill"),     QStringLiteral("Station"),
        QStringLiteral("Manor"),    QStringLiteral("Norwich"),  QStringLiteral("Yarmouth"),
        QStringLiteral("Market"),   QStringLiteral("School"),   QStringLiteral("Chapel"),
        QStringLiteral("Park"),     QStringLiteral("Queens"),   QStringLiteral("Kings"),
        QStringLiteral("Victoria"), QStringLiteral("Holt"),     QStringLiteral("Cromer"),
        QStringLiteral("Beech"),    QStringLiteral("Oak"),      QStringLiteral("Willow"),
        QStringLiteral("Rectory"),  QStringLiteral("Common"),   QStringLiteral("Marsh"),
        QStringLiteral("Broad"),    QStringLiteral("Staithe"),  QStringLiteral("Priory"),
        QStringLiteral("Abbey"),    QStringLiteral("Grange"),   QStringLiteral("Orchard"),
        QStringLiteral("Meadow"),   QStringLiteral("Heath"),    QStringLiteral("Ferry"),
        QStringLiteral("Bridge"),   QStringLiteral("Wensum"),   QStringLiteral("Yare"),
        QStringLiteral("Bure"),     QStringLiteral("Thetford"), QStringLiteral("Dereham"),
        QStringLiteral("Lynn"),     QStringLiteral("Fakenham"), QStringLiteral("Swaffham"),
        QStringLiteral("Elm"),
    };
    const QStringList kinds = {
        QStringLiteral("Road"),    QStringLiteral("Lane"), QStringLiteral("Street"),
        QStringLiteral("Close"),   QStringLiteral("Way"),  QStringLiteral("Drive"),
        QStringLiteral("Gardens"),
    };
    QStringList names;
    names.reserve(stems.size() * kinds.size());
    for (const QString &stem : stems) {
        for (const QString &kind : kinds)
            names.append(stem + QLatin1Char(' ') + kind);
    }
    return names;
}

} // namespace bv::feedsim

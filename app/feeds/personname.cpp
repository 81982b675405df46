// SPDX-License-Identifier: GPL-3.0-or-later
#include "feeds/personname.h"

namespace bv::feeds {

namespace {

// Letters that NFKD leaves whole (they are letters of their own, not a base and a mark),
// mapped to what an English-language system would most likely have typed instead.
QStringView transliteration(QChar c)
{
    switch (c.unicode()) {
    case 0x0141: // Ł
    case 0x0142: // ł
        return u"L";
    case 0x00D8: // Ø
    case 0x00F8: // ø
        return u"O";
    case 0x0110: // Đ
    case 0x0111: // đ
    case 0x00D0: // Ð
    case 0x00F0: // ð
        return u"D";
    case 0x00DF: // ß
        return u"SS";
    case 0x00C6: // Æ
    case 0x00E6: // æ
        return u"AE";
    case 0x0152: // Œ
    case 0x0153: // œ
        return u"OE";
    case 0x00DE: // Þ
    case 0x00FE: // þ
        return u"TH";
    case 0x0131: // dotless ı
        return u"I";
    default:
        return {};
    }
}

bool isApostrophe(QChar c)
{
    switch (c.unicode()) {
    case u'\'':
    case u'`':
    case 0x00B4: // acute accent
    case 0x2018: // left single quotation mark
    case 0x2019: // right single quotation mark (the typographic apostrophe)
    case 0x02BC: // modifier letter apostrophe
        return true;
    default:
        return false;
    }
}

bool isTitle(QStringView word)
{
    for (const QLatin1String title :
         {QLatin1String("MR"), QLatin1String("MRS"), QLatin1String("MS"), QLatin1String("MISS"),
          QLatin1String("DR")}) {
        if (word == title)
            return true;
    }
    return false;
}

} // namespace

QString normaliseName(QStringView name)
{
    const QString decomposed = name.toString().normalized(QString::NormalizationForm_KD);
    QString out;
    out.reserve(decomposed.size());
    bool pendingSpace = false;
    for (const QChar c : decomposed) {
        if (c.category() == QChar::Mark_NonSpacing || isApostrophe(c))
            continue;
        QString letters;
        if (const QStringView mapped = transliteration(c); !mapped.isEmpty())
            letters = mapped.toString();
        else if (c.isLetterOrNumber())
            letters = QString(c).toUpper();
        if (letters.isEmpty()) {
            // Hyphens, spaces, full stops and the rest separate words.
            pendingSpace = !out.isEmpty();
            continue;
        }
        if (pendingSpace)
            out.append(QLatin1Char(' '));
        pendingSpace = false;
        out.append(letters);
    }
    return out;
}

QString normaliseGivenNames(QStringView givenNames)
{
    QStringList words = normaliseName(givenNames).split(QLatin1Char(' '), Qt::SkipEmptyParts);
    qsizetype titles = 0;
    while (titles < words.size() - 1 && isTitle(words[titles]))
        ++titles;
    words.remove(0, titles);
    return words.join(QLatin1Char(' '));
}

PersonName::PersonName(QString given, QString family)
    : m_given(std::move(given))
    , m_family(std::move(family))
    , m_normalisedGiven(normaliseGivenNames(m_given))
    , m_normalisedFamily(normaliseName(m_family))
{}

PersonName PersonName::fromFullName(QStringView fullName)
{
    const qsizetype comma = fullName.indexOf(QLatin1Char(','));
    if (comma >= 0)
        return PersonName(fullName.mid(comma + 1).trimmed().toString(),
                          fullName.left(comma).trimmed().toString());
    const QStringView trimmed = fullName.trimmed();
    qsizetype lastSpace = -1;
    for (qsizetype i = trimmed.size() - 1; i >= 0; --i) {
        if (trimmed[i].isSpace()) {
            lastSpace = i;
            break;
        }
    }
    if (lastSpace < 0)
        return PersonName(QString(), trimmed.toString()); // one word: a family name alone
    return PersonName(trimmed.left(lastSpace).trimmed().toString(),
                      trimmed.mid(lastSpace + 1).toString());
}

QString PersonName::normalisedFirstGiven() const
{
    return m_normalisedGiven.section(QLatin1Char(' '), 0, 0);
}

} // namespace bv::feeds

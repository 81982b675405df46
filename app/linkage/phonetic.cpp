// SPDX-License-Identifier: GPL-3.0-or-later
#include "linkage/phonetic.h"

#include <algorithm>
#include <initializer_list>

namespace bv::linkage {

bool PhoneticCodes::soundsLike(const PhoneticCodes &other) const
{
    for (const QString *mine : {&primary, &alternate}) {
        if (mine->isEmpty())
            continue;
        if (*mine == other.primary || *mine == other.alternate)
            return true;
    }
    return false;
}

namespace {

std::uint32_t packCode(const QString &code)
{
    std::uint32_t key = 0;
    for (qsizetype i = 0; i < std::min<qsizetype>(code.size(), 4); ++i)
        key = (key << 8) | (code[i].unicode() & 0xFFU);
    return key;
}

} // namespace

PhoneticKey PhoneticKey::from(const PhoneticCodes &codes)
{
    return PhoneticKey{packCode(codes.primary), packCode(codes.alternate)};
}

namespace {

// One name's encoding. Positions before the start read as no character; the word is padded
// with spaces as in Philips' description, so a rule that looks past the end of the name sees
// a word boundary (" ", as in "JOSE " or "IER ") rather than nothing.
class DoubleMetaphoneEncoder
{
public:
    DoubleMetaphoneEncoder(QStringView name, int maxLength)
        : m_word(name.toString().toUpper())
        , m_length(m_word.size())
        , m_last(m_length - 1)
        , m_maxLength(maxLength)
    {
        m_word.append(QString(kPadding, QLatin1Char(' ')));
        m_slavoGermanic = m_word.contains(QLatin1Char('W')) || m_word.contains(QLatin1Char('K'))
                          || m_word.contains(QLatin1String("CZ"))
                          || m_word.contains(QLatin1String("WITZ"));
    }

    PhoneticCodes encode();

private:
    static constexpr qsizetype kPadding = 5;

    QChar at(qsizetype i) const { return i >= 0 && i < m_word.size() ? m_word[i] : QChar(); }
    bool is(qsizetype i, char16_t c) const { return at(i) == QChar(c); }
    bool isVowel(qsizetype i) const;
    // Whether one of the options is spelt at position i.
    bool spells(qsizetype i, std::initializer_list<QStringView> options) const;
    bool isDone() const
    {
        return m_primary.size() >= m_maxLength && m_alternate.size() >= m_maxLength;
    }
    void add(QStringView both) { add(both, both); }
    void add(QStringView primary, QStringView alternate)
    {
        m_primary.append(primary);
        m_alternate.append(alternate);
    }
    // A letter coded the same whether single or doubled ("BB", "FF").
    qsizetype simple(qsizetype pos, QStringView code)
    {
        add(code);
        return is(pos + 1, at(pos).unicode()) ? pos + 2 : pos + 1;
    }
    bool germanicStart() const { return spells(0, {u"VAN ", u"VON ", u"SCH"}); }

    // Each returns where coding continues.
    qsizetype codeC(qsizetype pos);
    qsizetype codeCh(qsizetype pos);
    qsizetype codeD(qsizetype pos);
    qsizetype codeG(qsizetype pos);
    qsizetype codeGh(qsizetype pos);
    qsizetype codeH(qsizetype pos);
    qsizetype codeJ(qsizetype pos);
    qsizetype codeL(qsizetype pos);
    qsizetype codeM(qsizetype pos);
    qsizetype codeP(qsizetype pos);
    qsizetype codeR(qsizetype pos);
    qsizetype codeS(qsizetype pos);
    qsizetype codeSc(qsizetype pos);
    qsizetype codeT(qsizetype pos);
    qsizetype codeW(qsizetype pos);
    qsizetype codeX(qsizetype pos);
    qsizetype codeZ(qsizetype pos);

    QString m_word;
    qsizetype m_length;
    qsizetype m_last;
    int m_maxLength;
    // Names of Slavic or Germanic origin keep some letters hard that English softens.
    bool m_slavoGermanic = false;
    QString m_primary;
    QString m_alternate;
};

bool DoubleMetaphoneEncoder::isVowel(qsizetype i) const
{
    switch (at(i).unicode()) {
    case u'A':
    case u'E':
    case u'I':
    case u'O':
    case u'U':
    case u'Y':
        return true;
    default:
        return false;
    }
}

bool DoubleMetaphoneEncoder::spells(qsizetype i, std::initializer_list<QStringView> options) const
{
    if (i < 0)
        return false;
    for (const QStringView option : options) {
        if (i + option.size() <= m_word.size()
            && QStringView(m_word).sliced(i, option.size()) == option)
            return true;
    }
    return false;
}

PhoneticCodes DoubleMetaphoneEncoder::encode()
{
    if (m_length == 0)
        return {};
    qsizetype pos = 0;
    // Silent first letters: Gnome, Knight, Pneumatic, Wright, Psychology.
    if (spells(0, {u"GN", u"KN", u"PN", u"WR", u"PS"}))
        pos = 1;
    // An initial X sounds as S (Xavier).
    if (is(0, u'X')) {
        add(u"S");
        pos = 1;
    }
    while (!isDone() && pos < m_length) {
        switch (at(pos).unicode()) {
        case u'A':
        case u'E':
        case u'I':
        case u'O':
        case u'U':
        case u'Y':
            // Vowels matter only at the start, and then all alike.
            if (pos == 0)
                add(u"A");
            ++pos;
            break;
        case u'B':
            pos = simple(pos, u"P");
            break;
        case 0x00C7: // Ç, when the caller has not normalised
            add(u"S");
            ++pos;
            break;
        case u'C':
            pos = codeC(pos);
            break;
        case u'D':
            pos = codeD(pos);
            break;
        case u'F':
            pos = simple(pos, u"F");
            break;
        case u'G':
            pos = codeG(pos);
            break;
        case u'H':
            pos = codeH(pos);
            break;
        case u'J':
            pos = codeJ(pos);
            break;
        case u'K':
            pos = simple(pos, u"K");
            break;
        case u'L':
            pos = codeL(pos);
            break;
        case u'M':
            pos = codeM(pos);
            break;
        case u'N':
            pos = simple(pos, u"N");
            break;
        case 0x00D1: // Ñ
            add(u"N");
            ++pos;
            break;
        case u'P':
            pos = codeP(pos);
            break;
        case u'Q':
            pos = simple(pos, u"K");
            break;
        case u'R':
            pos = codeR(pos);
            break;
        case u'S':
            pos = codeS(pos);
            break;
        case u'T':
            pos = codeT(pos);
            break;
        case u'V':
            pos = simple(pos, u"F");
            break;
        case u'W':
            pos = codeW(pos);
            break;
        case u'X':
            pos = codeX(pos);
            break;
        case u'Z':
            pos = codeZ(pos);
            break;
        default:
            ++pos;
            break;
        }
    }
    m_primary.truncate(m_maxLength);
    m_alternate.truncate(m_maxLength);
    return PhoneticCodes{m_primary, m_alternate};
}

qsizetype DoubleMetaphoneEncoder::codeC(qsizetype pos)
{
    // Germanic "ACH" after a consonant is hard (Bacher, Macher), but not before I or E
    // (Bachelor-like forms).
    if (pos > 1 && !isVowel(pos - 2) && spells(pos - 1, {u"ACH"}) && !is(pos + 2, u'I')
        && (!is(pos + 2, u'E') || spells(pos - 2, {u"BACHER", u"MACHER"}))) {
        add(u"K");
        return pos + 2;
    }
    if (pos == 0 && spells(pos, {u"CAESAR"})) {
        add(u"S");
        return pos + 2;
    }
    if (spells(pos, {u"CHIA"})) { // Italian: Chianti
        add(u"K");
        return pos + 2;
    }
    if (spells(pos, {u"CH"}))
        return codeCh(pos);
    if (spells(pos, {u"CZ"}) && !spells(pos - 2, {u"WICZ"})) { // Czerny
        add(u"S", u"X");
        return pos + 2;
    }
    if (spells(pos + 1, {u"CIA"})) { // Italian: Focaccia
        add(u"X");
        return pos + 3;
    }
    // A double C, except in McClellan where the first belongs to "Mc".
    if (spells(pos, {u"CC"}) && !(pos == 1 && is(0, u'M'))) {
        if (spells(pos + 2, {u"I", u"E", u"H"}) && !spells(pos + 2, {u"HU"})) {
            // Accident, succeed: KS; Bellocchio, Bacci: the Italian CH sound.
            if ((pos == 1 && is(pos - 1, u'A')) || spells(pos - 1, {u"UCCEE", u"UCCES"}))
                add(u"KS");
            else
                add(u"X");
            return pos + 3;
        }
        add(u"K"); // Bacchus
        return pos + 2;
    }
    if (spells(pos, {u"CK", u"CG", u"CQ"})) {
        add(u"K");
        return pos + 2;
    }
    if (spells(pos, {u"CI", u"CE", u"CY"})) {
        if (spells(pos, {u"CIO", u"CIE", u"CIA"})) // Italian or English reading
            add(u"S", u"X");
        else
            add(u"S");
        return pos + 2;
    }
    add(u"K");
    if (spells(pos + 1, {u" C", u" Q", u" G"})) // Mac Caffrey, Mac Gregor
        return pos + 3;
    if (spells(pos + 1, {u"C", u"K", u"Q"}) && !spells(pos + 1, {u"CE", u"CI"}))
        return pos + 2;
    return pos + 1;
}

qsizetype DoubleMetaphoneEncoder::codeCh(qsizetype pos)
{
    if (pos > 0 && spells(pos, {u"CHAE"})) { // Michael
        add(u"K", u"X");
        return pos + 2;
    }
    // Greek roots at the start (Chemistry, Chorus, Character), but not Chore.
    if (pos == 0
        && (spells(pos + 1, {u"HARAC", u"HARIS"})
            || spells(pos + 1, {u"HOR", u"HYM", u"HIA", u"HEM"}))
        && !spells(0, {u"CHORE"})) {
        add(u"K");
        return pos + 2;
    }
    // CH said as K: Germanic names (Von Kachel, Schach), Orchestra, Architect, Orchid, before
    // T or S, and before a consonant at the start or after A, O, U or E (Wachtler, Wechsler).
    if (germanicStart() || spells(pos - 2, {u"ORCHES", u"ARCHIT", u"ORCHID"})
        || spells(pos + 2, {u"T", u"S"})
        || ((spells(pos - 1, {u"A", u"O", u"U", u"E"}) || pos == 0)
            && spells(pos + 2, {u"L", u"R", u"N", u"M", u"B", u"H", u"F", u"V", u"W", u" "}))) {
        add(u"K");
    } else if (pos > 0) {
        if (spells(0, {u"MC"})) // McHugh
            add(u"K");
        else
            add(u"X", u"K");
    } else {
        add(u"X");
    }
    return pos + 2;
}

qsizetype DoubleMetaphoneEncoder::codeD(qsizetype pos)
{
    if (spells(pos, {u"DG"})) {
        if (spells(pos + 2, {u"I", u"E", u"Y"})) { // Edge
            add(u"J");
            return pos + 3;
        }
        add(u"TK"); // Edgar
        return pos + 2;
    }
    add(u"T");
    return spells(pos, {u"DT", u"DD"}) ? pos + 2 : pos + 1;
}

qsizetype DoubleMetaphoneEncoder::codeG(qsizetype pos)
{
    if (is(pos + 1, u'H'))
        return codeGh(pos);
    if (is(pos + 1, u'N')) {
        if (pos == 1 && isVowel(0) && !m_slavoGermanic)
            add(u"KN", u"N");
        else if (!spells(pos + 2, {u"EY"}) && !m_slavoGermanic) // not Cagney
            add(u"N", u"KN");
        else
            add(u"KN");
        return pos + 2;
    }
    if (spells(pos + 1, {u"LI"}) && !m_slavoGermanic) { // Tagliaro
        add(u"KL", u"L");
        return pos + 2;
    }
    // -GES-, -GEP-, -GEL-, -GIE- and the like at the start: hard, or soft.
    if (pos == 0
        && (is(pos + 1, u'Y')
            || spells(pos + 1, {u"ES", u"EP", u"EB", u"EL", u"EY", u"IB", u"IL", u"IN", u"IE",
                                u"EI", u"ER"}))) {
        add(u"K", u"J");
        return pos + 2;
    }
    // -GER-, -GY-, except Danger, Ranger, Manger and after E, I, RGY, OGY.
    if ((spells(pos + 1, {u"ER"}) || is(pos + 1, u'Y'))
        && !spells(0, {u"DANGER", u"RANGER", u"MANGER"}) && !spells(pos - 1, {u"E", u"I"})
        && !spells(pos - 1, {u"RGY", u"OGY"})) {
        add(u"K", u"J");
        return pos + 2;
    }
    // Before E, I, Y, and Italian -AGGI-, -OGGI- (Biaggi).
    if (spells(pos + 1, {u"E", u"I", u"Y"}) || spells(pos - 1, {u"AGGI", u"OGGI"})) {
        if (germanicStart() || spells(pos + 1, {u"ET"}))
            add(u"K");
        else if (spells(pos + 1, {u"IER "})) // a French ending is always soft
            add(u"J");
        else
            add(u"J", u"K");
        return pos + 2;
    }
    add(u"K");
    return is(pos + 1, u'G') ? pos + 2 : pos + 1;
}

qsizetype DoubleMetaphoneEncoder::codeGh(qsizetype pos)
{
    if (pos > 0 && !isVowel(pos - 1)) {
        add(u"K");
        return pos + 2;
    }
    if (pos == 0) { // Ghislane, Ghiradelli
        add(is(pos + 2, u'I') ? u"J" : u"K");
        return pos + 2;
    }
    // Silent after B, H or D two or three letters back (Hugh, Bough, Daughter).
    if ((pos > 1 && spells(pos - 2, {u"B", u"H", u"D"}))
        || (pos > 2 && spells(pos - 3, {u"B", u"H", u"D"}))
        || (pos > 3 && spells(pos - 4, {u"B", u"H"})))
        return pos + 2;
    // Laugh, McLaughlin, Cough, Gough, Rough, Tough: F; otherwise K, except after I (Night).
    if (pos > 2 && is(pos - 1, u'U') && spells(pos - 3, {u"C", u"G", u"L", u"R", u"T"}))
        add(u"F");
    else if (pos > 0 && !is(pos - 1, u'I'))
        add(u"K");
    return pos + 2;
}

qsizetype DoubleMetaphoneEncoder::codeH(qsizetype pos)
{
    // Sounded only at the start or between vowels, and then before a vowel.
    if ((pos == 0 || isVowel(pos - 1)) && isVowel(pos + 1)) {
        add(u"H");
        return pos + 2;
    }
    return pos + 1;
}

qsizetype DoubleMetaphoneEncoder::codeJ(qsizetype pos)
{
    // Spanish: Jose, San Jacinto.
    if (spells(pos, {u"JOSE"}) || spells(0, {u"SAN "})) {
        if ((pos == 0 && is(pos + 4, u' ')) || spells(0, {u"SAN "}))
            add(u"H");
        else
            add(u"J", u"H");
        return pos + 1;
    }
    if (pos == 0)
        add(u"J", u"A"); // Yankelovich and Jankelowicz
    else if (isVowel(pos - 1) && !m_slavoGermanic && (is(pos + 1, u'A') || is(pos + 1, u'O')))
        add(u"J", u"H"); // Spanish between vowels: Bajador
    else if (pos == m_last)
        add(u"J", u"");
    else if (!spells(pos + 1, {u"L", u"T", u"K", u"S", u"N", u"M", u"B", u"Z"})
             && !spells(pos - 1, {u"S", u"K", u"L"}))
        add(u"J");
    return is(pos + 1, u'J') ? pos + 2 : pos + 1;
}

qsizetype DoubleMetaphoneEncoder::codeL(qsizetype pos)
{
    if (!is(pos + 1, u'L')) {
        add(u"L");
        return pos + 1;
    }
    // Spanish -ILLO, -ILLA, -ALLE (Cabrillo, Gallegos): the L is not sounded in one reading.
    if ((pos == m_length - 3 && spells(pos - 1, {u"ILLO", u"ILLA", u"ALLE"}))
        || ((spells(m_last - 1, {u"AS", u"OS"}) || spells(m_last, {u"A", u"O"}))
            && spells(pos - 1, {u"ALLE"})))
        add(u"L", u"");
    else
        add(u"L");
    return pos + 2;
}

qsizetype DoubleMetaphoneEncoder::codeM(qsizetype pos)
{
    add(u"M");
    // Silent B after M at the end or before -ER (Dumb, Thumber).
    if ((spells(pos - 1, {u"UMB"}) && (pos + 1 == m_last || spells(pos + 2, {u"ER"})))
        || is(pos + 1, u'M'))
        return pos + 2;
    return pos + 1;
}

qsizetype DoubleMetaphoneEncoder::codeP(qsizetype pos)
{
    if (is(pos + 1, u'H')) {
        add(u"F");
        return pos + 2;
    }
    add(u"P");
    // The P or B that follows is not sounded separately (Campbell, Raspberry).
    return spells(pos + 1, {u"P", u"B"}) ? pos + 2 : pos + 1;
}

qsizetype DoubleMetaphoneEncoder::codeR(qsizetype pos)
{
    // French final -IER (Rogier) is silent in one reading, but not in Germanic -MEIER, -MAIER.
    if (pos == m_last && !m_slavoGermanic && spells(pos - 2, {u"IE"})
        && !spells(pos - 4, {u"ME", u"MA"}))
        add(u"", u"R");
    else
        add(u"R");
    return is(pos + 1, u'R') ? pos + 2 : pos + 1;
}

qsizetype DoubleMetaphoneEncoder::codeS(qsizetype pos)
{
    if (spells(pos - 1, {u"ISL", u"YSL"})) // Island, Isle, Carlisle, Carlysle
        return pos + 1;
    if (pos == 0 && spells(pos, {u"SUGAR"})) {
        add(u"X", u"S");
        return pos + 1;
    }
    if (spells(pos, {u"SH"})) {
        // Germanic -SHEIM, -SHOEK, -SHOLM, -SHOLZ
        add(spells(pos + 1, {u"HEIM", u"HOEK", u"HOLM", u"HOLZ"}) ? u"S" : u"X");
        return pos + 2;
    }
    if (spells(pos, {u"SIO", u"SIA", u"SIAN"})) { // Italian and Armenian
        if (m_slavoGermanic)
            add(u"S");
        else
            add(u"S", u"X");
        return pos + 3;
    }
    // Anglicised German (Smith for Schmidt, Snider for Schneider) and Slavic -SZ-.
    if ((pos == 0 && spells(pos + 1, {u"M", u"N", u"L", u"W"})) || is(pos + 1, u'Z')) {
        add(u"S", u"X");
        return is(pos + 1, u'Z') ? pos + 2 : pos + 1;
    }
    if (spells(pos, {u"SC"}))
        return codeSc(pos);
    // French final -AIS, -OIS (Resnais, Artois) is silent in one reading.
    if (pos == m_last && spells(pos - 2, {u"AI", u"OI"}))
        add(u"", u"S");
    else
        add(u"S");
    return spells(pos + 1, {u"S", u"Z"}) ? pos + 2 : pos + 1;
}

qsizetype DoubleMetaphoneEncoder::codeSc(qsizetype pos)
{
    if (is(pos + 2, u'H')) {
        // Dutch SCH- (School, Schooner), with Schermerhorn and Schenker read both ways.
        if (spells(pos + 3, {u"OO", u"ER", u"EN", u"UY", u"ED", u"EM"})) {
            if (spells(pos + 3, {u"ER", u"EN"}))
                add(u"X", u"SK");
            else
                add(u"SK");
            return pos + 3;
        }
        if (pos == 0 && !isVowel(3) && !is(3, u'W')) // Schmidt, Schneider
            add(u"X", u"S");
        else
            add(u"X");
        return pos + 3;
    }
    add(spells(pos + 2, {u"I", u"E", u"Y"}) ? u"S" : u"SK");
    return pos + 3;
}

qsizetype DoubleMetaphoneEncoder::codeT(qsizetype pos)
{
    if (spells(pos, {u"TION", u"TIA", u"TCH"})) {
        add(u"X");
        return pos + 3;
    }
    if (spells(pos, {u"TH", u"TTH"})) {
        // Thomas, Thames and Germanic names say T; otherwise TH, or T in one reading.
        if (spells(pos + 2, {u"OM", u"AM"}) || germanicStart())
            add(u"T");
        else
            add(u"0", u"T");
        return pos + 2;
    }
    add(u"T");
    return spells(pos + 1, {u"T", u"D"}) ? pos + 2 : pos + 1;
}

qsizetype DoubleMetaphoneEncoder::codeW(qsizetype pos)
{
    if (spells(pos, {u"WR"})) {
        add(u"R");
        return pos + 2;
    }
    if (pos == 0 && (isVowel(pos + 1) || spells(pos, {u"WH"}))) {
        // Wasserman should match Vasserman; Uomo should match Womo.
        if (isVowel(pos + 1))
            add(u"A", u"F");
        else
            add(u"A");
    }
    // Arnow should match Arnoff; Polish -EWSKI, -OWSKI.
    if ((pos == m_last && isVowel(pos - 1))
        || spells(pos - 1, {u"EWSKI", u"EWSKY", u"OWSKI", u"OWSKY"}) || spells(0, {u"SCH"})) {
        add(u"", u"F");
        return pos + 1;
    }
    if (spells(pos, {u"WICZ", u"WITZ"})) { // Polish: Filipowicz
        add(u"TS", u"FX");
        return pos + 4;
    }
    return pos + 1;
}

qsizetype DoubleMetaphoneEncoder::codeX(qsizetype pos)
{
    // French final -IAUX, -EAUX, -AUX, -OUX (Breaux) is silent.
    if (!(pos == m_last && (spells(pos - 3, {u"IAU", u"EAU"}) || spells(pos - 2, {u"AU", u"OU"}))))
        add(u"KS");
    return spells(pos + 1, {u"C", u"X"}) ? pos + 2 : pos + 1;
}

qsizetype DoubleMetaphoneEncoder::codeZ(qsizetype pos)
{
    if (is(pos + 1, u'H')) { // Chinese pinyin: Zhao
        add(u"J");
        return pos + 2;
    }
    if (spells(pos + 1, {u"ZO", u"ZI", u"ZA"})
        || (m_slavoGermanic && pos > 0 && !is(pos - 1, u'T')))
        add(u"S", u"TS");
    else
        add(u"S");
    return is(pos + 1, u'Z') ? pos + 2 : pos + 1;
}

} // namespace

PhoneticCodes doubleMetaphone(QStringView name, int maxLength)
{
    return DoubleMetaphoneEncoder(name, maxLength).encode();
}

} // namespace bv::linkage

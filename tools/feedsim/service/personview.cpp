// SPDX-License-Identifier: GPL-3.0-or-later
#include "personview.h"

#include "identifiers.h"
#include "recordrandom.h"

namespace bv::feedsim {

namespace {

constexpr quint64 kNoiseSalt = 0x40153;

// Every draw happens whatever the outcome, so one decision never shifts another.
struct Decisions
{
    bool typo = false;
    bool typoInFamily = false;
    quint64 typoDraw = 0;
    bool nickname = false;
    quint64 nicknameDraw = 0;
    bool swappedNames = false;
    bool swappedDob = false;
    bool oldAddress = false;
    double oldAddressAt = 0.0;
    bool missingDob = false;
    bool nhsMissing = false;
    bool nhsMistyped = false;
    quint64 nhsDraw = 0;
    bool birthName = false;
};

Decisions decide(coverage::Agency agency, quint64 recordSeed)
{
    const coverage::NoiseRates rates = coverage::noiseRates(agency);
    RecordRandom random(recordSeed ^ kNoiseSalt);
    Decisions d;
    d.typo = random.chance(rates.typo);
    d.typoInFamily = random.chance(0.5);
    d.typoDraw = random.next();
    d.nickname = random.chance(rates.nickname);
    d.nicknameDraw = random.next();
    d.swappedNames = random.chance(rates.swappedNames);
    d.swappedDob = random.chance(rates.swappedDob);
    d.oldAddress = random.chance(rates.oldAddress);
    d.oldAddressAt = random.unit();
    d.missingDob = random.chance(rates.missingDob);
    const double nhs = random.unit();
    d.nhsMissing = nhs < rates.nhsMissing;
    d.nhsMistyped = !d.nhsMissing && nhs < rates.nhsMissing + rates.nhsMistyped;
    d.nhsDraw = random.next();
    d.birthName = random.chance(rates.birthName);
    return d;
}

QString withTypo(const QString &name, quint64 draw)
{
    if (name.size() < 3)
        return name + name.right(1);
    RecordRandom random(draw);
    QString typed = name;
    // Never the first letter: people rarely get that wrong, and blocking keys depend on it.
    const auto position = qsizetype(1 + random.below(quint64(name.size() - 1)));
    switch (random.below(4)) {
    case 0: { // a wrong letter
        QChar letter = QLatin1Char(char('a' + random.below(26)));
        if (letter == typed.at(position).toLower())
            letter = letter == QLatin1Char('z') ? QLatin1Char('a') : QChar(letter.unicode() + 1);
        typed[position] = letter;
        break;
    }
    case 1: // a letter dropped
        typed.remove(position, 1);
        break;
    case 2: // a letter doubled
        typed.insert(position, typed.at(position));
        break;
    default: // two letters transposed (or doubled, when they are the same)
        if (position + 1 < typed.size() && typed.at(position) != typed.at(position + 1))
            std::swap(typed[position], typed[position + 1]);
        else
            typed.insert(position, typed.at(position));
        break;
    }
    return typed;
}

QDate swapDayAndMonth(QDate date)
{
    if (date.day() <= 12 && date.day() != date.month())
        return QDate(date.year(), date.day(), date.month());
    return date.addDays(date.day() > 1 ? -1 : 1);
}

} // namespace

PersonView viewPerson(const SimWorld &world, coverage::Agency agency, quint64 recordSeed,
                      quint32 person, qint32 day, bool corrected)
{
    const Decisions d = decide(agency, recordSeed);
    const Person &p = world.person(person);
    PersonView view;
    view.sex = p.sex;
    view.given = world.text(p.givenName);
    view.middle = world.middleName(person);
    const quint32 family = world.familyNameOn(person, day);
    view.family = world.text(family);
    if (p.birthFamilyName != family)
        view.birthFamily = world.text(p.birthFamilyName);
    if (!view.birthFamily.isEmpty() && d.birthName)
        std::swap(view.family, view.birthFamily); // known by the name of their first contact

    const std::vector<quint32> variants = world.variantsOf(p.givenName);
    if (!variants.empty()) {
        const QString variant = world.text(variants[d.nicknameDraw % variants.size()]);
        if (d.nickname && !corrected) {
            view.nickname = view.given;
            view.given = variant;
            view.nameNoise = true;
        } else if (d.nicknameDraw % 5 == 0) {
            view.nickname = variant; // recorded as an alias, the given name kept
        }
    }
    if (d.typo && !corrected) {
        QString &name = d.typoInFamily ? view.family : view.given;
        name = withTypo(name, d.typoDraw);
        view.nameNoise = true;
    }
    if (d.swappedNames && !corrected) {
        std::swap(view.given, view.family);
        view.nameNoise = true;
    }

    view.birthDate = QDate::fromJulianDay(p.birthDay);
    if (d.swappedDob)
        view.birthDate = swapDayAndMonth(view.birthDate);
    if (d.missingDob)
        view.birthDate = QDate();

    const QString nhs = identifiers::nhsTestNumber(p.nhsNumberIndex);
    if (!d.nhsMissing)
        view.nhs = d.nhsMistyped ? identifiers::mistypedNhsNumber(nhs, d.nhsDraw) : nhs;

    view.address = world.addressOn(person, day);
    if (d.oldAddress) {
        const qint32 first = std::max(world.historyStart(), p.birthDay);
        if (first < day) {
            const auto staleDay = qint32(first + qint64(d.oldAddressAt * double(day - first)));
            const quint32 stale = world.addressOn(person, staleDay);
            if (stale != kNone)
                view.address = stale;
        }
    }
    return view;
}

bool hasNameNoise(coverage::Agency agency, quint64 recordSeed)
{
    const Decisions d = decide(agency, recordSeed);
    return d.typo || d.nickname || d.swappedNames;
}

QString genderCode(Sex sex)
{
    return sex == Sex::Male ? QStringLiteral("M") : QStringLiteral("F");
}

} // namespace bv::feedsim

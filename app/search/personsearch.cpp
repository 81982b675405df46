// SPDX-License-Identifier: GPL-3.0-or-later
#include "search/personsearch.h"

#include "common/age.h"
#include "common/agencies.h"
#include "feeds/nhsnumber.h"
#include "feeds/personname.h"
#include "feeds/postcode.h"
#include "search/personsearchindex.h"
#include "store/database.h"
#include "store/statement.h"

#include <QCoreApplication>
#include <QHash>
#include <QRegularExpression>

#include <algorithm>
#include <map>

namespace bv::search {

namespace {

// How many matching records are gathered before the persons are ranked: far more than anyone
// reads through, and a bound on the time a common name or prefix takes (13,000 records say
// SMITH in a county of a million; gathering 5,000 took 26 ms at the 95th percentile, 1,000
// takes 9). A search that hits it says so (SearchResult::truncated), so the user narrows it.
constexpr int kMatchedRecordCap = 1000;
// Rows read at most, visible or not: a bound on a reader who may see little of a common name.
constexpr int kRowsReadCap = 20 * kMatchedRecordCap;
// Name words used at most: FTS4 nests each AND, and a query of thousands of words fails.
constexpr int kMaxNameWords = 8;

// Removes what the pattern matches from text, giving each match to take (which says
// whether it used it; a match it did not use stays in the text).
template<typename Take>
void consume(QString &text, const QRegularExpression &pattern, Take take)
{
    QString kept;
    qsizetype from = 0;
    auto matches = pattern.globalMatch(text);
    while (matches.hasNext()) {
        const QRegularExpressionMatch match = matches.next();
        if (!take(match))
            continue;
        kept += text.mid(from, match.capturedStart() - from) + QLatin1Char(' ');
        from = match.capturedEnd();
    }
    kept += text.mid(from);
    text = kept;
}

} // namespace

QString agencyLabel(const QString &agency)
{
    static const QHash<QString, const char *> labels{
        {QStringLiteral("health"), QT_TRANSLATE_NOOP("bv::search", "Health")},
        {QStringLiteral("police"), QT_TRANSLATE_NOOP("bv::search", "Police")},
        {QStringLiteral("fire"), QT_TRANSLATE_NOOP("bv::search", "Fire")},
        {QStringLiteral("childrens_social_care"),
         QT_TRANSLATE_NOOP("bv::search", "Children's social care")},
        {QStringLiteral("adult_social_care"), QT_TRANSLATE_NOOP("bv::search", "Adult social care")},
        {QStringLiteral("education"), QT_TRANSLATE_NOOP("bv::search", "Education")},
        {QStringLiteral("housing"), QT_TRANSLATE_NOOP("bv::search", "Housing")}};
    const auto found = labels.constFind(agency);
    return found == labels.cend() ? agency
                                  : QCoreApplication::translate("bv::search", found.value());
}

QString flagLabel(const QString &kind)
{
    static const QHash<QString, const char *> labels{
        {QStringLiteral("vulnerable_adult"), QT_TRANSLATE_NOOP("bv::search", "Vulnerable adult")},
        {QStringLiteral("child_protection_plan"),
         QT_TRANSLATE_NOOP("bv::search", "Child protection plan")},
        {QStringLiteral("looked_after"), QT_TRANSLATE_NOOP("bv::search", "Looked after")},
        {QStringLiteral("risk_to_staff"), QT_TRANSLATE_NOOP("bv::search", "Risk to staff")},
        {QStringLiteral("marac"), QT_TRANSLATE_NOOP("bv::search", "MARAC")},
        {QStringLiteral("protected_address"), QT_TRANSLATE_NOOP("bv::search", "Protected address")},
        {QStringLiteral("other"), QT_TRANSLATE_NOOP("bv::search", "Other")}};
    const auto found = labels.constFind(kind);
    return found == labels.cend() ? kind : QCoreApplication::translate("bv::search", found.value());
}

SearchQuery SearchQuery::parse(QStringView input)
{
    static const QRegularExpression fullPostcode(
        QStringLiteral("\\b([A-Za-z]{1,2}[0-9][A-Za-z0-9]?)\\s*([0-9][A-Za-z]{2})\\b"));
    static const QRegularExpression nhs(
        QStringLiteral("\\b([0-9]{3})[ -]?([0-9]{3})[ -]?([0-9]{4})\\b"));
    static const QRegularExpression ukDate(
        QStringLiteral("\\b([0-9]{1,2})[/.-]([0-9]{1,2})[/.-]([0-9]{4})\\b"));
    static const QRegularExpression isoDate(
        QStringLiteral("\\b([0-9]{4})-([0-9]{2})-([0-9]{2})\\b"));
    static const QRegularExpression outward(QStringLiteral("^[A-Za-z]{1,2}[0-9][A-Za-z0-9]?$"));

    SearchQuery query;
    QString text = input.toString();
    consume(text, isoDate, [&](const QRegularExpressionMatch &m) {
        const QDate date(m.captured(1).toInt(), m.captured(2).toInt(), m.captured(3).toInt());
        if (date.isValid())
            query.birthDate = date;
        else
            query.ignored << m.captured(0);
        return true;
    });
    consume(text, ukDate, [&](const QRegularExpressionMatch &m) {
        const QDate date(m.captured(3).toInt(), m.captured(2).toInt(), m.captured(1).toInt());
        if (date.isValid())
            query.birthDate = date;
        else
            query.ignored << m.captured(0);
        return true;
    });
    consume(text, nhs, [&](const QRegularExpressionMatch &m) {
        const feeds::NhsNumber number
            = feeds::NhsNumber::parse(QString(m.captured(1) + m.captured(2) + m.captured(3)));
        if (number.isValid())
            query.nhsNumber = number.digits();
        else
            query.ignored << m.captured(0);
        return true;
    });
    consume(text, fullPostcode, [&](const QRegularExpressionMatch &m) {
        auto postcode
            = feeds::Postcode::parse(QString(m.captured(1) + QLatin1Char(' ') + m.captured(2)));
        if (!postcode.ok())
            return false;
        query.postcode = postcode->text();
        return true;
    });
    for (const QString &word :
         text.split(QRegularExpression(QStringLiteral("[\\s,;]+")), Qt::SkipEmptyParts)) {
        const bool hasDigit
            = std::any_of(word.begin(), word.end(), [](QChar c) { return c.isDigit(); });
        if (hasDigit && outward.match(word).hasMatch()) {
            query.outwardCode = word.toUpper();
            continue;
        }
        if (hasDigit) {
            query.ignored << word;
            continue;
        }
        const QStringList words
            = feeds::normaliseName(word).split(QLatin1Char(' '), Qt::SkipEmptyParts);
        if (words.isEmpty())
            query.ignored << word;
        for (const QString &name : words) {
            // One letter is no prefix worth searching: it would read every record.
            if (name.size() < 2 || query.nameWords.size() >= kMaxNameWords)
                query.ignored << name;
            else
                query.nameWords << name;
        }
    }
    return query;
}

QString SearchQuery::matchExpression(bool bySound) const
{
    QStringList terms;
    for (const QString &word : nameWords) {
        QStringList either{QStringLiteral("names:") + word + QLatin1Char('*')};
        // A sound is only worth matching on once there is enough of a word to sound.
        if (bySound && word.size() >= 3) {
            for (const QString &key : soundKeys(word))
                either << QStringLiteral("keys:") + key;
        }
        terms << either.join(QStringLiteral(" OR "));
    }
    if (!nhsNumber.isEmpty())
        terms << QStringLiteral("keys:") + nhsKey(nhsNumber);
    if (birthDate.isValid())
        terms << QStringLiteral("keys:") + birthKey(birthDate.toString(Qt::ISODate));
    if (!postcode.isEmpty())
        terms << QStringLiteral("keys:") + postcodeKey(postcode);
    if (!outwardCode.isEmpty())
        terms << QStringLiteral("keys:") + outwardKey(outwardCode);
    return terms.join(QLatin1Char(' '));
}

QStringList SearchQuery::kinds() const
{
    QStringList kinds;
    if (!nameWords.isEmpty())
        kinds << QStringLiteral("name");
    if (!nhsNumber.isEmpty())
        kinds << QStringLiteral("nhs_number");
    if (birthDate.isValid())
        kinds << QStringLiteral("birth_date");
    if (!postcode.isEmpty() || !outwardCode.isEmpty())
        kinds << QStringLiteral("postcode");
    return kinds;
}

PersonSearch::PersonSearch(store::Database &db)
    : m_db(db)
{}

Result<SearchResult> PersonSearch::search(const access::AccessContext &context,
                                          const SearchQuery &query, QDate today, int limit) const
{
    SearchResult result;
    if (query.isEmpty() || limit <= 0)
        return result;
    auto matched = m_db.prepare(
        "SELECT pl.person_id, s.agency, sp.sensitivity FROM person_search ps "
        "JOIN source_person sp ON sp.id = ps.docid JOIN source s ON s.id = sp.source_id "
        "JOIN person_link pl ON pl.source_person_id = ps.docid "
        "WHERE person_search MATCH ?1 AND sp.withdrawn = 0 LIMIT ?2");
    BV_TRY(matched);
    // Per person, how many visible records matched.
    using Matches = std::vector<std::pair<qint64, int>>;
    QHash<qint64, int> seen;
    const auto gather = [&](const QString &expression, Matches &persons) -> Result<void> {
        matched->bind(1, expression).bind(2, kRowsReadCap);
        QHash<qint64, std::size_t> indexOf;
        int rows = 0;
        for (;;) {
            auto row = matched->step();
            if (!row.ok()) {
                matched->reset();
                return row.error();
            }
            if (!row.value())
                break;
            // Only visible records count towards the cap, so "more match" says nothing of
            // records the reader may not see.
            if (!access::AccessPolicy::decide(context, matched->text(1), matched->text(2)).visible)
                continue;
            if (++rows > kMatchedRecordCap) {
                result.truncated = true;
                break;
            }
            const qint64 person = matched->int64(0);
            if (seen.contains(person))
                continue;
            const auto found = indexOf.constFind(person);
            if (found == indexOf.cend()) {
                indexOf.insert(person, persons.size());
                persons.emplace_back(person, 1);
            } else {
                ++persons[found.value()].second;
            }
        }
        matched->reset();
        std::sort(persons.begin(), persons.end(), [](const auto &x, const auto &y) {
            return x.second != y.second ? x.second > y.second : x.first < y.first;
        });
        for (const auto &[person, count] : persons)
            seen.insert(person, count);
        return {};
    };
    // Names as typed first; a sound finds more (SMYTH for SMITH) but ranks after them.
    Matches persons;
    BV_TRY(gather(query.matchExpression(false), persons));
    const QString bySound = query.matchExpression(true);
    if (persons.size() < std::size_t(limit) && bySound != query.matchExpression(false)) {
        Matches more;
        BV_TRY(gather(bySound, more));
        persons.insert(persons.end(), more.begin(), more.end());
    }
    if (persons.size() > std::size_t(limit)) {
        persons.resize(std::size_t(limit));
        result.truncated = true;
    }

    auto records = m_db.prepare(
        "SELECT s.agency, sp.sensitivity, sp.given_name, sp.family_name, sp.birth_date "
        "FROM person_link pl JOIN source_person sp ON sp.id = pl.source_person_id "
        "JOIN source s ON s.id = sp.source_id WHERE pl.person_id = ?1 AND sp.withdrawn = 0 "
        "ORDER BY s.code, sp.external_id");
    BV_TRY(records);
    auto flags = m_db.prepare(
        "SELECT s.agency, f.sensitivity, f.kind, sp.sensitivity FROM person_link pl "
        "JOIN flag f ON f.source_person_id = pl.source_person_id "
        "JOIN source_person sp ON sp.id = f.source_person_id AND sp.withdrawn = 0 "
        "JOIN source s ON s.id = f.source_id WHERE pl.person_id = ?1 AND f.active = 1 "
        "AND (f.to_date IS NULL OR f.to_date >= ?2)");
    BV_TRY(flags);
    const QString todayText = today.toString(Qt::ISODate);
    for (const auto &[personId, matches] : persons) {
        PersonHit hit;
        hit.personId = personId;
        hit.matchedRecords = matches;
        std::vector<QString> names;
        std::vector<QDate> births;
        records->bind(1, personId);
        for (;;) {
            auto row = records->step();
            BV_TRY(row);
            if (!row.value())
                break;
            const QString agency = records->text(0);
            if (!access::AccessPolicy::decide(context, agency, records->text(1)).visible) {
                ++hit.withheldRecords;
                continue;
            }
            ++hit.records;
            if (!hit.agencies.contains(agency))
                hit.agencies << agency;
            const QString name
                = QStringList{records->text(2), records->text(3)}.join(QLatin1Char(' ')).trimmed();
            if (!name.isEmpty())
                names.push_back(name);
            if (const QDate birth = QDate::fromString(records->text(4), Qt::ISODate);
                birth.isValid())
                births.push_back(birth);
        }
        records->reset();
        sortByAgencyOrder(hit.agencies);
        hit.name = mostCommon(names);
        hit.birthDate = mostCommon(births);
        if (hit.birthDate.isValid())
            hit.age = ageOn(hit.birthDate, today);
        flags->bind(1, personId).bind(2, todayText);
        for (;;) {
            auto row = flags->step();
            BV_TRY(row);
            if (!row.value())
                break;
            // A flag is seen only when its record may be seen too.
            if (!access::AccessPolicy::decide(context, flags->text(0), flags->text(1)).visible
                || !access::AccessPolicy::decide(context, flags->text(0), flags->text(3)).visible)
                continue;
            if (!hit.flags.contains(flags->text(2)))
                hit.flags << flags->text(2);
        }
        flags->reset();
        hit.flags.sort();
        result.persons.push_back(std::move(hit));
    }
    return result;
}

access::AuditEvent auditEventFor(const SearchQuery &query, const SearchResult &result)
{
    QStringList persons;
    for (const PersonHit &hit : result.persons)
        persons << QStringLiteral("person:%1").arg(hit.personId);
    return {QStringLiteral("persons.search"),
            persons.isEmpty() ? QStringLiteral("none") : persons.join(QLatin1Char(',')),
            QStringLiteral("terms=%1; found=%2%3")
                .arg(query.kinds().join(QLatin1Char(',')))
                .arg(result.persons.size())
                .arg(result.truncated ? QStringLiteral("+") : QString())};
}

} // namespace bv::search

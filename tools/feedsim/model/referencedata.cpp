// SPDX-License-Identifier: GPL-3.0-or-later
#include "referencedata.h"

#include "csvreader.h"
#include "streetnames.h"

#include <QDir>

#include <algorithm>
#include <cmath>

namespace bv::feedsim {

namespace {

int sexIndex(Sex sex)
{
    return sex == Sex::Male ? 1 : 0;
}

Error badRow(const CsvReader &reader, const char *what)
{
    return makeError(
        ErrorCode::Failure,
        QStringLiteral("reference file %1: %2").arg(reader.path(), QLatin1String(what)));
}

template<std::size_t N>
std::array<int, N> toArray(const std::vector<int> &indexes)
{
    std::array<int, N> result{};
    std::copy_n(indexes.begin(), N, result.begin());
    return result;
}

} // namespace

QString titleCaseName(QByteArrayView raw)
{
    QString name = QString::fromUtf8(raw).trimmed().toLower();
    bool startOfWord = true;
    for (QChar &c : name) {
        if (startOfWord)
            c = c.toUpper();
        startOfWord = c == QLatin1Char(' ') || c == QLatin1Char('-') || c == QLatin1Char('\'');
    }
    return name;
}

Result<ReferenceData> ReferenceData::load(const QString &dataDir)
{
    const QDir dir(dataDir);
    ReferenceData data;
    BV_TRY(data.loadExactBabyNames(
        dir.filePath(QStringLiteral("names/ons_babynames_boys_ew_1996_2018.csv")), Sex::Male));
    BV_TRY(data.loadExactBabyNames(
        dir.filePath(QStringLiteral("names/ons_babynames_girls_ew_1996_2018.csv")), Sex::Female));
    BV_TRY(data.loadDecadeBabyNames(
        dir.filePath(QStringLiteral("names/ons_babynames_top100_ew_1904_1994.csv"))));
    BV_TRY(data.loadSurnames(dir.filePath(QStringLiteral("names/surnames_uk_freq.csv"))));
    BV_TRY(data.loadVariants(dir.filePath(QStringLiteral("names/firstname_variants.csv"))));
    BV_TRY(data.loadPostcodes(
        dir.filePath(QStringLiteral("postcodes/norfolk_postcodes_codepoint.csv"))));
    for (const QString &street : streetNameVocabulary())
        data.m_streetNames.push_back(data.m_pool->intern(street));
    BV_TRY(data.checkComplete());
    return data;
}

const WeightedTable &ReferenceData::givenNames(Sex sex, int birthYear) const
{
    const int s = sexIndex(sex);
    // 1995 is nearer the first exact year than the 1994 sample, and its names were similar.
    if (birthYear >= kFirstExactYear - 1)
        return m_exactNames[s][std::clamp(birthYear, kFirstExactYear, kLastExactYear)
                               - kFirstExactYear];
    const int decade = (birthYear - kFirstDecadeYear + 5) / 10;
    return m_decadeNames[s][std::clamp(decade, 0, kDecades - 1)];
}

Result<void> ReferenceData::loadExactBabyNames(const QString &path, Sex sex)
{
    auto reader = CsvReader::open(path);
    BV_TRY(reader);
    CsvReader &csv = reader.value();
    auto columns = csv.columns({"year", "firstname", "count"});
    BV_TRY(columns);
    const auto [yearColumn, nameColumn, countColumn] = toArray<3>(columns.value());
    QList<QByteArray> fields;
    while (csv.next(fields)) {
        if (fields.size() <= std::max({yearColumn, nameColumn, countColumn}))
            return badRow(csv, "short row");
        const int year = fields[yearColumn].toInt();
        if (year < kFirstExactYear || year > kLastExactYear)
            return badRow(csv, "year out of range");
        bool ok = false;
        const quint64 count = QByteArray(fields[countColumn]).replace(',', "").toULongLong(&ok);
        if (!ok)
            return badRow(csv, "count is not a number");
        const quint32 name = m_pool->intern(titleCaseName(fields[nameColumn]));
        m_exactNames[sexIndex(sex)][year - kFirstExactYear].add(name, count);
    }
    return {};
}

Result<void> ReferenceData::loadDecadeBabyNames(const QString &path)
{
    auto reader = CsvReader::open(path);
    BV_TRY(reader);
    CsvReader &csv = reader.value();
    auto columns = csv.columns({"year", "sex", "name", "ranking"});
    BV_TRY(columns);
    const auto [yearColumn, sexColumn, nameColumn, rankColumn] = toArray<4>(columns.value());
    QList<QByteArray> fields;
    while (csv.next(fields)) {
        if (fields.size() <= std::max({yearColumn, sexColumn, nameColumn, rankColumn}))
            return badRow(csv, "short row");
        const int decade = (fields[yearColumn].toInt() - kFirstDecadeYear) / 10;
        const int rank = fields[rankColumn].toInt();
        if (decade < 0 || decade >= kDecades || rank < 1)
            return badRow(csv, "year or rank out of range");
        const Sex sex = fields[sexColumn] == "M" ? Sex::Male : Sex::Female;
        // Only ranks are published before 1996; name shares fall off roughly as 1/rank (Zipf).
        const quint64 weight = 1'000'000 / quint64(rank);
        m_decadeNames[sexIndex(sex)][decade].add(m_pool->intern(titleCaseName(fields[nameColumn])),
                                                 weight);
    }
    return {};
}

Result<void> ReferenceData::loadSurnames(const QString &path)
{
    auto reader = CsvReader::open(path);
    BV_TRY(reader);
    CsvReader &csv = reader.value();
    auto columns = csv.columns({"surname", "freq"});
    BV_TRY(columns);
    const auto [nameColumn, freqColumn] = toArray<2>(columns.value());
    QList<QByteArray> fields;
    while (csv.next(fields)) {
        if (fields.size() <= std::max(nameColumn, freqColumn))
            return badRow(csv, "short row");
        bool ok = false;
        const double share = fields[freqColumn].toDouble(&ok);
        if (!ok || share < 0)
            return badRow(csv, "freq is not a share");
        // Parts per billion: the rarest listed surname still gets a weight.
        const auto weight = std::max<quint64>(1, quint64(std::llround(share * 1e9)));
        m_surnames.add(m_pool->intern(titleCaseName(fields[nameColumn])), weight);
    }
    return {};
}

Result<void> ReferenceData::loadVariants(const QString &path)
{
    auto reader = CsvReader::open(path);
    BV_TRY(reader);
    CsvReader &csv = reader.value();
    auto columns = csv.columns({"forename", "forename2"});
    BV_TRY(columns);
    const auto [nameColumn, variantColumn] = toArray<2>(columns.value());
    QList<QByteArray> fields;
    while (csv.next(fields)) {
        if (fields.size() <= std::max(nameColumn, variantColumn))
            return badRow(csv, "short row");
        const quint32 name = m_pool->intern(titleCaseName(fields[nameColumn]));
        const quint32 variant = m_pool->intern(titleCaseName(fields[variantColumn]));
        if (name != variant)
            m_variants[name].push_back(variant);
    }
    return {};
}

Result<void> ReferenceData::loadPostcodes(const QString &path)
{
    auto reader = CsvReader::open(path);
    BV_TRY(reader);
    CsvReader &csv = reader.value();
    auto columns = csv.columns(
        {"Postcode", "Eastings", "Northings", "admin_county_name", "admin_district_name"});
    BV_TRY(columns);
    const auto [codeColumn, eastingColumn, northingColumn, countyColumn, districtColumn]
        = toArray<5>(columns.value());
    const int widest = *std::max_element(columns->begin(), columns->end());
    QList<QByteArray> fields;
    while (csv.next(fields)) {
        if (fields.size() <= widest)
            return badRow(csv, "short row");
        // The file also holds the Suffolk end of NR and a few neighbours; the county is Norfolk.
        if (fields[countyColumn] != "Norfolk")
            continue;
        bool eastingOk = false;
        bool northingOk = false;
        Postcode postcode;
        postcode.easting = fields[eastingColumn].toInt(&eastingOk);
        postcode.northing = fields[northingColumn].toInt(&northingOk);
        if (!eastingOk || !northingOk)
            return badRow(csv, "eastings or northings not an integer");
        postcode.code = m_pool->intern(QString::fromLatin1(fields[codeColumn]));
        postcode.district = m_pool->intern(QString::fromLatin1(fields[districtColumn]));
        m_postcodes.push_back(postcode);
    }
    return {};
}

Result<void> ReferenceData::checkComplete() const
{
    for (const auto &tables : m_exactNames) {
        for (const WeightedTable &table : tables) {
            if (table.isEmpty())
                return makeError(ErrorCode::Failure,
                                 QStringLiteral("reference data: a baby-name year is missing"));
        }
    }
    for (const auto &tables : m_decadeNames) {
        for (const WeightedTable &table : tables) {
            if (table.isEmpty())
                return makeError(ErrorCode::Failure,
                                 QStringLiteral("reference data: a baby-name decade is missing"));
        }
    }
    if (m_surnames.isEmpty() || m_postcodes.empty())
        return makeError(ErrorCode::Failure,
                         QStringLiteral("reference data: no surnames or no Norfolk postcodes"));
    return {};
}

} // namespace bv::feedsim

// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "common/result.h"
#include "stringpool.h"
#include "weightedtable.h"

#include <QHash>
#include <QString>

#include <array>
#include <memory>
#include <vector>

namespace bv::feedsim {

enum class Sex : quint8 { Female, Male };

// A real unit postcode. Coordinates stay British National Grid metres, as Code-Point gives
// them; converting to WGS84 is the engine's job (feeds/gridconverter).
struct Postcode
{
    quint32 code = 0;     // id in strings(), e.g. "NR1 1AA"
    quint32 district = 0; // id in strings(), e.g. "Norwich"
    qint32 easting = 0;
    qint32 northing = 0;
};

// The public data the county is drawn from (../shared/data, see its README for sources and
// the attribution to keep): ONS baby names, UK surname frequencies, first-name variants and
// Code-Point Open Norfolk postcodes. Immutable once loaded; models share its string pool.
class ReferenceData
{
public:
    // dataDir is the shared data folder holding names/ and postcodes/.
    [[nodiscard]] static Result<ReferenceData> load(const QString &dataDir);

    const std::shared_ptr<const StringPool> &strings() const { return m_strings; }

    // Given names as they were given to babies of that sex born in that year: exact ONS counts
    // for 1996-2018, the nearest decade's top 100 (weighted by rank) before, 2018 after.
    const WeightedTable &givenNames(Sex sex, int birthYear) const;

    const WeightedTable &surnames() const { return m_surnames; }

    // Nicknames and variant spellings of a given name, for the feeds' noise (may be empty).
    std::vector<quint32> variantsOf(quint32 givenName) const { return m_variants.value(givenName); }

    // Norfolk postcodes only, in the file's order (area, district, postcode), so neighbouring
    // indexes are neighbouring places.
    const std::vector<Postcode> &postcodes() const { return m_postcodes; }

    const std::vector<quint32> &streetNames() const { return m_streetNames; }

private:
    static constexpr int kFirstExactYear = 1996;
    static constexpr int kLastExactYear = 2018;
    static constexpr int kFirstDecadeYear = 1904;
    static constexpr int kDecades = 10;
    static constexpr int kExactYears = kLastExactYear - kFirstExactYear + 1;

    [[nodiscard]] Result<void> loadExactBabyNames(const QString &path, Sex sex);
    [[nodiscard]] Result<void> loadDecadeBabyNames(const QString &path);
    [[nodiscard]] Result<void> loadSurnames(const QString &path);
    [[nodiscard]] Result<void> loadVariants(const QString &path);
    [[nodiscard]] Result<void> loadPostcodes(const QString &path);
    [[nodiscard]] Result<void> checkComplete() const;

    std::shared_ptr<StringPool> m_pool = std::make_shared<StringPool>();
    std::shared_ptr<const StringPool> m_strings = m_pool;
    std::array<std::array<WeightedTable, kExactYears>, 2> m_exactNames;
    std::array<std::array<WeightedTable, kDecades>, 2> m_decadeNames;
    WeightedTable m_surnames;
    QHash<quint32, std::vector<quint32>> m_variants;
    std::vector<Postcode> m_postcodes;
    std::vector<quint32> m_streetNames;
};

// "OLIVER " -> "Oliver", "o'brien" -> "O'Brien", "mary-jane" -> "Mary-Jane".
QString titleCaseName(QByteArrayView raw);

} // namespace bv::feedsim

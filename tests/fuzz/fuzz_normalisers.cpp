// SPDX-License-Identifier: GPL-3.0-or-later
// The normalisers every adapter runs field values through: NHS numbers, postcodes, calendar
// dates, instants (ISO and the mapping patterns), names, and British National Grid positions.
// Input: UTF-8 text, given to each of them; its first 16 bytes are also read as an easting and
// a northing. Beyond no crash, each result must be in its normal form.
#include "feeds/dates.h"
#include "feeds/fieldnormaliser.h"
#include "feeds/nhsnumber.h"
#include "feeds/personname.h"
#include "feeds/postcode.h"
#include "fuzzsupport.h"

#include <array>
#include <cstring>

using namespace bv;
using namespace bv::feeds;

namespace {

// In the messages of date errors: the value is never quoted, the field always is.
const QString kField = QStringLiteral("fuzzed field");

void checkNhsNumber(const QString &text)
{
    const NhsNumber number = NhsNumber::parse(text);
    switch (number.status()) {
    case NhsNumber::Status::Empty:
    case NhsNumber::Status::Malformed:
        BV_FUZZ_CHECK(number.digits().isEmpty());
        BV_FUZZ_CHECK(number.formatted().isEmpty());
        break;
    case NhsNumber::Status::CheckDigitFails:
    case NhsNumber::Status::Valid: {
        BV_FUZZ_CHECK(number.digits().size() == 10);
        BV_FUZZ_CHECK(number.formatted().size() == 12);
        const int check = NhsNumber::checkDigit(QStringView(number.digits()).first(9));
        const bool passes = check == number.digits().back().digitValue();
        BV_FUZZ_CHECK(passes == number.isValid());
        // Parsing the canonical form gives the same number back.
        const NhsNumber again = NhsNumber::parse(number.formatted());
        BV_FUZZ_CHECK(again.status() == number.status() && again.digits() == number.digits());
        break;
    }
    }
}

void checkPostcode(const QString &text)
{
    const Result<Postcode> postcode = Postcode::parse(text);
    if (!postcode) {
        BV_FUZZ_CHECK(!postcode.error().message.isEmpty());
        return;
    }
    const QString &canonical = postcode.value().text();
    const Result<Postcode> again = Postcode::parse(canonical);
    BV_FUZZ_CHECK(again.ok() && again.value() == postcode.value());
    BV_FUZZ_CHECK(canonical.startsWith(postcode.value().sector()));
    BV_FUZZ_CHECK(postcode.value().sector().startsWith(postcode.value().district()));
    BV_FUZZ_CHECK(postcode.value().district().startsWith(postcode.value().area()));
    BV_FUZZ_CHECK(!postcode.value().area().isEmpty());
}

template<typename T>
void checkDateResult(const Result<T> &result, const QString &text)
{
    if (result) {
        BV_FUZZ_CHECK(result.value().isValid());
        return;
    }
    const QString &message = result.error().message;
    BV_FUZZ_CHECK(message.contains(kField));
    // The value is personal data (a date of birth): it must not reach a message. Short or
    // wordy inputs could match the message's own text, so only dated-looking ones are checked.
    const QString trimmed = text.trimmed();
    const bool datedLooking = trimmed.size() >= 6 && trimmed.front().isDigit();
    if (datedLooking)
        BV_FUZZ_CHECK(!message.contains(trimmed));
}

void checkDates(const QString &text)
{
    checkDateResult(parseCalendarDate(text, kField), text);

    static const InstantParser instants;
    const Result<QDateTime> instant = instants.parse(text, kField);
    checkDateResult(instant, text);
    if (instant)
        BV_FUZZ_CHECK(instant.value().timeSpec() == Qt::UTC);

    static FieldNormaliser normaliser{DateSpec()};
    static const std::array kDateFormats{QStringLiteral("auto"), QStringLiteral("dd/MM/yyyy"),
                                         QStringLiteral("d MMM yyyy"), QStringLiteral("yyyyMMdd")};
    for (const QString &format : kDateFormats)
        checkDateResult(normaliser.date(text, format, kField), text);
    static const std::array kInstantFormats{QStringLiteral("iso"),
                                            QStringLiteral("dd/MM/yyyy HH:mm"),
                                            QStringLiteral("yyyy-MM-dd H:mm:ss")};
    for (const QString &format : kInstantFormats) {
        const Result<QDateTime> read = normaliser.instant(text, format, kField);
        checkDateResult(read, text);
        if (read)
            BV_FUZZ_CHECK(read.value().timeSpec() == Qt::UTC);
    }
    (void)FieldNormaliser::hasTimeOfDay(text);
}

void checkNames(const QString &text)
{
    const QString normalised = normaliseName(text);
    BV_FUZZ_CHECK(normaliseName(normalised) == normalised); // a normal form is a fixed point
    BV_FUZZ_CHECK(normalised == normalised.trimmed());
    (void)normaliseGivenNames(text);
    const PersonName name = PersonName::fromFullName(text);
    (void)name.normalisedFirstGiven();
    BV_FUZZ_CHECK(name.isEmpty()
                  == (name.normalisedGiven().isEmpty() && name.normalisedFamily().isEmpty()));
}

void checkGrid(const std::uint8_t *data, std::size_t size)
{
    if (size < 2 * sizeof(double))
        return;
    LocationParts parts;
    double easting = 0;
    double northing = 0;
    std::memcpy(&easting, data, sizeof easting);
    std::memcpy(&northing, data + sizeof easting, sizeof northing);
    parts.easting = easting;
    parts.northing = northing;
    static FieldNormaliser normaliser{DateSpec()};
    const Result<Location> location = normaliser.location(parts);
    if (!location) {
        BV_FUZZ_CHECK(!location.error().message.isEmpty());
        return;
    }
    BV_FUZZ_CHECK(location.value().lat.has_value() == location.value().lon.has_value());
    if (location.value().lat) {
        BV_FUZZ_CHECK(std::abs(*location.value().lat) <= 90.0);
        BV_FUZZ_CHECK(std::abs(*location.value().lon) <= 180.0);
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const QString text = QString::fromUtf8(reinterpret_cast<const char *>(data), qsizetype(size));
    checkNhsNumber(text);
    checkPostcode(text);
    checkDates(text);
    checkNames(text);
    checkGrid(data, size);
    return 0;
}

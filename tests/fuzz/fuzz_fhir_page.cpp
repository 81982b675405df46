// SPDX-License-Identifier: GPL-3.0-or-later
// One page of the health feed (a FHIR R4 searchset Bundle, a history Bundle, a single resource,
// in FHIR JSON or FHIR XML) through the FhirAdapter with the shipped mapping.
// Input: the body. The adapter maps resources by their type whatever the stream, so the stream
// is always Patient.
#include "fuzzsupport.h"

using namespace bv;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    static const auto adapter
        = fuzz::shippedAdapter(QStringLiteral("health"), QStringLiteral("fhir-r4"));
    const QByteArray body(reinterpret_cast<const char *>(data), qsizetype(size));
    fuzz::parseAndCheck(
        *adapter, QStringLiteral("Patient"),
        fuzz::response(QStringLiteral("https://127.0.0.1:8443/health/fhir/Patient"
                                      "?_lastUpdated=ge2025-01-01T00%3A00%3A00Z&_count=500"),
                       body,
                       {{QByteArrayLiteral("Content-Type"),
                         QByteArrayLiteral("application/fhir+json; charset=utf-8")}}));
    return 0;
}

// SPDX-License-Identifier: GPL-3.0-or-later
// One page of the education feed (a Common Transfer File) through the XmlAdapter with the
// shipped mapping. Input: the body.
#include "fuzzsupport.h"

using namespace bv;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    static const auto adapter
        = fuzz::shippedAdapter(QStringLiteral("education"), QStringLiteral("xml"));
    const QByteArray body(reinterpret_cast<const char *>(data), qsizetype(size));
    fuzz::parseAndCheck(
        *adapter, QStringLiteral("pupils"),
        fuzz::response(QStringLiteral("https://127.0.0.1:8443/education/ctf"
                                      "?since=2025-01-01T00%3A00%3A00Z&page_size=500"),
                       body,
                       {{QByteArrayLiteral("Content-Type"),
                         QByteArrayLiteral("application/xml; charset=utf-8")}}));
    return 0;
}

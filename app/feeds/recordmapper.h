// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "feeds/feedmapping.h"
#include "feeds/feedrecords.h"
#include "feeds/fieldnormaliser.h"

#include <QByteArray>
#include <QHash>
#include <QJsonValue>
#include <QString>

#include <functional>
#include <vector>

namespace bv::feeds {

// Where a path is read from: the element of an "each" and the record (item) it is in.
struct ValueScope
{
    QJsonValue element;
    QJsonValue item;
    std::vector<QJsonValue> outer; // elements of enclosing "each" levels, innermost last
};

// Reads a value at a path: through objects by key, through an array by its first element
// (an XML element that repeats). Undefined when absent.
QJsonValue resolvePath(const FieldPath &path, const ValueScope &scope);

// The mapping language's record part, over records already turned into JSON values (a CSV row
// is an object of column: text, an XML element an object of child elements). One mapper
// serves one page of one stream.
//
// A record of the feed (an item) is mapped whole or not at all: if any record made from it
// fails, the item goes to page.rejected with the first reason and nothing of it is kept, so
// no flag or event is written for a person whose record was refused.
class RecordMapper
{
public:
    RecordMapper(const FeedMapping &mapping, const StreamSpec &stream, FieldNormaliser &normaliser);

    // Indexes the page's items for the stream's lookups; call before mapItem.
    void indexItems(const std::vector<QJsonValue> &items);

    // Maps one item into page. location says where it is ("line 4"); payload makes the raw
    // record for a rejection (only called then).
    void mapItem(const QJsonValue &item, const QString &location,
                 const std::function<QByteArray()> &payload, FeedPage &page);

private:
    const FeedMapping &m_mapping;
    const StreamSpec &m_stream;
    FieldNormaliser &m_normaliser;
    QHash<QString, QHash<QString, QJsonValue>> m_indexes;
};

} // namespace bv::feeds

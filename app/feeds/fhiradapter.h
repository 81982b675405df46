// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "feeds/adaptersupport.h"

namespace bv::feeds {

// FHIR R4 (UK Core): Patient -> person (with address history and other names), Encounter ->
// event, Flag -> flag. Reads R4 as servers emit it, not only as the simulator does:
// - a page is a Bundle (searchset, collection, transaction, batch, history, document) or a
//   single resource; JSON or XML;
// - references relative ("Patient/1"), absolute, versioned ("/_history/2") or to an entry's
//   fullUrl ("urn:uuid:..."); one that cannot be resolved in the page rejects the record;
// - instants with offsets go to UTC; dates stay dates; a partial birth date ("1970") is kept
//   as no date, not refused;
// - names with use official, usual, maiden, old, nickname (others are aliases); the current
//   name is the official one, else usual, else the first;
// - extensions are ignored; Patient.contact is another person and is not read at all;
// - an NHS number whose check digit fails is kept with its status, never refused;
// - withdrawn: Patient with active false or the mapping's withdrawn tag, Encounter and Flag
//   with status entered-in-error; a history entry deleting a Patient.
// The mapping file gives the streams, the NHS number system, the withdrawn tag and the code
// tables (Flag codes to flag kinds, Encounter classes to significance).
class FhirAdapter final : public MappedFeedAdapter
{
public:
    using MappedFeedAdapter::MappedFeedAdapter;

    [[nodiscard]] Result<FeedPage> parsePage(const QString &stream,
                                             const FeedResponse &response) const override;
};

} // namespace bv::feeds

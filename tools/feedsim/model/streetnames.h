// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QStringList>

namespace bv::feedsim {

// Street names typical of Norfolk towns and villages. Invented combinations, not a gazetteer:
// no open street list was available, and a made-up street at a real postcode cannot point
// at a real household.
QStringList streetNameVocabulary();

} // namespace bv::feedsim

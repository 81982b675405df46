// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "agencyfeed.h"

#include <memory>

// The seven agencies, each in its own file; the service owns them in this order.
namespace bv::feedsim {

std::unique_ptr<AgencyFeed> makeHealthFeed(SimWorld &world, const ContentFaults &faults);
std::unique_ptr<AgencyFeed> makePoliceFeed(SimWorld &world, const ContentFaults &faults);
std::unique_ptr<AgencyFeed> makeCscFeed(SimWorld &world, const ContentFaults &faults);
std::unique_ptr<AgencyFeed> makeAscFeed(SimWorld &world, const ContentFaults &faults);
std::unique_ptr<AgencyFeed> makeHousingFeed(SimWorld &world, const ContentFaults &faults);
std::unique_ptr<AgencyFeed> makeEducationFeed(SimWorld &world, const ContentFaults &faults);
std::unique_ptr<AgencyFeed> makeFireFeed(SimWorld &world, const ContentFaults &faults);

} // namespace bv::feedsim

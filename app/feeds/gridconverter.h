// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "common/result.h"

#include <memory>

struct PJconsts;
struct pj_ctx;

namespace bv::feeds {

// A WGS84 position, longitude first (the order the map and GeoJSON use).
struct LonLat
{
    double lon = 0.0;
    double lat = 0.0;
};

// British National Grid (EPSG:27700) eastings and northings to WGS84 (EPSG:4326), through
// PROJ. The fire feed gives its incidents in eastings and northings.
//
// Accuracy: Debian's proj-data does not ship the OSTN15 grid, so PROJ uses the published
// Helmert transformation from OSGB36 to WGS84 (EPSG:1314), which is off by a few metres
// (EPSG quotes 2 m). That is well inside the precision the map shows a place at; it is not survey
// grade. Outside that transformation's area of use (open sea far off the coast, inside the grid's
// extent) PROJ falls back to a conversion with no datum shift, about 150 m off.
//
// Not thread-safe: it owns a PJ_CONTEXT, which PROJ allows on one thread at a time. Make one
// per thread. Movable, not copyable.
class GridConverter
{
public:
    // The valid extent of the grid, in metres.
    static constexpr double kMaxEasting = 700000.0;
    static constexpr double kMaxNorthing = 1300000.0;

    // Fails if PROJ cannot find EPSG:27700 or EPSG:4326 (proj.db missing: install proj-data).
    [[nodiscard]] static Result<GridConverter> create();

    // Fails for a point outside the grid's extent or one PROJ cannot transform.
    [[nodiscard]] Result<LonLat> toLonLat(double easting, double northing);

private:
    struct ContextDeleter
    {
        void operator()(pj_ctx *context) const;
    };
    struct TransformDeleter
    {
        void operator()(PJconsts *transform) const;
    };

    GridConverter(std::unique_ptr<pj_ctx, ContextDeleter> context,
                  std::unique_ptr<PJconsts, TransformDeleter> transform);

    // Declared before the transform so that it is destroyed after it.
    std::unique_ptr<pj_ctx, ContextDeleter> m_context;
    std::unique_ptr<PJconsts, TransformDeleter> m_transform;
};

} // namespace bv::feeds

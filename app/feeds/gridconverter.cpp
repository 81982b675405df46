// SPDX-License-Identifier: GPL-3.0-or-later
#include "feeds/gridconverter.h"

#include <QObject>

#include <cmath>
#include <proj.h>

namespace bv::feeds {

namespace {

QString projError(PJ_CONTEXT *context)
{
    return QString::fromUtf8(proj_context_errno_string(context, proj_context_errno(context)));
}

} // namespace

void GridConverter::ContextDeleter::operator()(pj_ctx *context) const
{
    proj_context_destroy(context);
}

void GridConverter::TransformDeleter::operator()(PJconsts *transform) const
{
    proj_destroy(transform);
}

GridConverter::GridConverter(std::unique_ptr<pj_ctx, ContextDeleter> context,
                             std::unique_ptr<PJconsts, TransformDeleter> transform)
    : m_context(std::move(context))
    , m_transform(std::move(transform))
{}

Result<GridConverter> GridConverter::create()
{
    std::unique_ptr<pj_ctx, ContextDeleter> context(proj_context_create());
    if (!context)
        return makeError(ErrorCode::Failure, QObject::tr("PROJ could not create a context."));
    // Tests and the demo never reach the network; a grid fetched at run time would also make
    // positions differ between machines.
    proj_context_set_enable_network(context.get(), 0);
    // Errors come back through proj_context_errno; PROJ's own stderr logging would bypass
    // our log.
    proj_log_level(context.get(), PJ_LOG_NONE);

    std::unique_ptr<PJconsts, TransformDeleter> raw(
        proj_create_crs_to_crs(context.get(), "EPSG:27700", "EPSG:4326", nullptr));
    if (!raw)
        return makeError(ErrorCode::Failure,
                         QObject::tr("PROJ cannot transform British National Grid (EPSG:27700) "
                                     "to WGS84: %1. Is proj-data installed?")
                             .arg(projError(context.get())));
    // EPSG:4326 is latitude first by definition; normalise to longitude first.
    std::unique_ptr<PJconsts, TransformDeleter> transform(
        proj_normalize_for_visualization(context.get(), raw.get()));
    if (!transform)
        return makeError(ErrorCode::Failure,
                         QObject::tr("PROJ could not put the WGS84 axes in longitude, latitude "
                                     "order: %1.")
                             .arg(projError(context.get())));
    return GridConverter(std::move(context), std::move(transform));
}

Result<LonLat> GridConverter::toLonLat(double easting, double northing)
{
    // Written so that NaN fails too.
    if (!(easting >= 0.0 && easting <= kMaxEasting && northing >= 0.0 && northing <= kMaxNorthing))
        return makeError(ErrorCode::Failure,
                         QObject::tr("The grid reference is outside the British National Grid "
                                     "(eastings 0 to %1 m, northings 0 to %2 m).")
                             .arg(kMaxEasting, 0, 'f', 0)
                             .arg(kMaxNorthing, 0, 'f', 0));
    proj_errno_reset(m_transform.get());
    const PJ_COORD in = proj_coord(easting, northing, 0.0, 0.0);
    const PJ_COORD out = proj_trans(m_transform.get(), PJ_FWD, in);
    if (proj_errno(m_transform.get()) != 0 || !std::isfinite(out.xy.x) || !std::isfinite(out.xy.y))
        return makeError(ErrorCode::Failure,
                         QObject::tr("PROJ could not transform the grid reference: %1.")
                             .arg(projError(m_context.get())));
    return LonLat{out.xy.x, out.xy.y}; // normalised: x is longitude, in degrees
}

} // namespace bv::feeds

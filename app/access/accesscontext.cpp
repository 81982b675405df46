// SPDX-License-Identifier: GPL-3.0-or-later
#include "access/accesscontext.h"

#include <QObject>

namespace bv::access {

QString roleName(Role role)
{
    switch (role) {
    case Role::Administrator:
        return QStringLiteral("administrator");
    }
    return QStringLiteral("unknown");
}

Sensitivity sensitivityFromLabel(const QString &label)
{
    if (label == QLatin1String("official"))
        return Sensitivity::Official;
    if (label == QLatin1String("official_sensitive"))
        return Sensitivity::OfficialSensitive;
    // Unknown labels are treated as the most sensitive: failing closed.
    return Sensitivity::Restricted;
}

AccessContext AccessContext::administrator(const QString &user, const QString &purpose)
{
    AccessContext context;
    context.user = user;
    context.role = Role::Administrator;
    context.purpose = purpose;
    context.clearance = Sensitivity::Restricted;
    return context;
}

AccessDecision AccessPolicy::decide(const AccessContext &context, const QString &agency,
                                    const QString &sensitivityLabel)
{
    if (!context.agencies.isEmpty() && !context.agencies.contains(agency))
        return {false, QObject::tr("Not shared with your role by %1.").arg(agency)};
    if (sensitivityFromLabel(sensitivityLabel) > context.clearance)
        return {false, QObject::tr("Marked %1, above your clearance.").arg(sensitivityLabel)};
    return {};
}

} // namespace bv::access

// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QSet>
#include <QString>

namespace bv::access {

// Roles decide what a user may see. Today one role sees everything; the point of having it
// now is that no read path exists without an AccessContext, so later policy is a change to
// AccessPolicy, not to every query.
enum class Role { Administrator };

QString roleName(Role role);

// Sensitivity labels from the feeds, lowest first.
enum class Sensitivity { Official = 0, OfficialSensitive = 1, Restricted = 2 };

Sensitivity sensitivityFromLabel(const QString &label);

struct AccessContext
{
    QString user; // who is reading, as the audit names them
    Role role = Role::Administrator;
    QString purpose; // why: recorded with every audited read
    Sensitivity clearance = Sensitivity::Restricted;
    QSet<QString> agencies; // agencies whose records may be seen; empty = all

    static AccessContext administrator(const QString &user, const QString &purpose);
};

// The decision for one record: visible, or withheld with a reason the UI shows.
struct AccessDecision
{
    bool visible = true;
    QString withheldReason;
};

class AccessPolicy
{
public:
    static AccessDecision decide(const AccessContext &context, const QString &agency,
                                 const QString &sensitivityLabel);
};

} // namespace bv::access

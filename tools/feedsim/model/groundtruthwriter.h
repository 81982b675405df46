// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "common/result.h"

#include <QByteArray>
#include <QIODevice>

namespace bv::feedsim {

class CountyModel;

// Writes the county as CSV, one row per person in id order, for linkage evaluation. The
// per-agency source-record mapping is added when the feeds exist. Holds a reference to the
// model; the model must outlive the writer.
class GroundTruthWriter
{
public:
    explicit GroundTruthWriter(const CountyModel &model)
        : m_model(model)
    {}

    static QByteArray header();

    [[nodiscard]] Result<void> write(QIODevice &device) const;

private:
    void appendRow(quint32 person, QByteArray &out) const;

    const CountyModel &m_model;
};

} // namespace bv::feedsim

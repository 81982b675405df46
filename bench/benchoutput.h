// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QLocale>
#include <QString>

#include <cstdio>

// What every benchmark prints with: lines on stdout as they happen (a long run shows
// progress), problems on stderr, and numbers in one fixed format so figures can be compared.
namespace bv::bench {

inline void say(const QString &line)
{
    std::fputs(line.toUtf8().constData(), stdout);
    std::fputc('\n', stdout);
    std::fflush(stdout);
}

inline void complain(const QString &line)
{
    std::fputs(line.toUtf8().constData(), stderr);
    std::fputc('\n', stderr);
}

inline QString count(qint64 value)
{
    return QLocale(QLocale::English, QLocale::UnitedKingdom).toString(value);
}

inline QString fixed(double value, int decimals = 0)
{
    return QString::number(value, 'f', decimals);
}

inline double rate(double amount, double seconds)
{
    return seconds > 0 ? amount / seconds : 0;
}

} // namespace bv::bench

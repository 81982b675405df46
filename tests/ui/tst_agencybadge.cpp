// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/agencies.h"
#include "common/guitestmain.h"
#include "models/agencybadge.h"
#include "models/agencystyle.h"

#include <QImage>
#include <QPainter>
#include <QTest>

using namespace bv;

// Agencies are told apart by colour, pictogram and name (never colour alone).
class tst_AgencyBadge : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void everyAgencyHasItsOwnPictogram();
    void iconIsDrawnAtTheSizeAsked_data();
    void iconIsDrawnAtTheSizeAsked();
    void badgeFitsItsName();
};

void tst_AgencyBadge::everyAgencyHasItsOwnPictogram()
{
    QList<QImage> drawn;
    for (const QString &agency : agencyOrder()) {
        const QPainterPath glyph = models::agencyGlyph(agency);
        QVERIFY2(!glyph.isEmpty(), qPrintable(agency));
        QVERIFY2(QRectF(0, 0, 16, 16).contains(glyph.boundingRect()), qPrintable(agency));
        QImage image(32, 32, QImage::Format_ARGB32);
        image.fill(Qt::white);
        QPainter painter(&image);
        painter.scale(2, 2);
        painter.fillPath(glyph, Qt::black);
        painter.end();
        // Each pictogram covers a fair part of its box, so it reads at badge size...
        int ink = 0;
        for (int y = 0; y < image.height(); ++y)
            for (int x = 0; x < image.width(); ++x)
                ink += qGray(image.pixel(x, y)) < 128 ? 1 : 0;
        QVERIFY2(ink > 32 * 32 / 6, qPrintable(agency));
        // ...and no two are the same shape.
        for (const QImage &other : drawn)
            QVERIFY2(other != image, qPrintable(agency));
        drawn << image;
    }
}

void tst_AgencyBadge::iconIsDrawnAtTheSizeAsked_data()
{
    QTest::addColumn<int>("size");
    QTest::newRow("16 px") << 16;
    QTest::newRow("32 px") << 32;
    QTest::newRow("96 px (high DPI)") << 96;
}

void tst_AgencyBadge::iconIsDrawnAtTheSizeAsked()
{
    QFETCH(int, size);
    const QPixmap pixmap = models::agencyIcon(QStringLiteral("fire"), false).pixmap(size, size);
    QCOMPARE(pixmap.size(), QSize(size, size));
    // The agency's colour fills the rounded square beside the pictogram.
    const QImage image = pixmap.toImage();
    const QColor corner = image.pixelColor(std::max(1, size / 16), size / 2);
    QCOMPARE(corner.rgb(), models::agencyStyle(QStringLiteral("fire")).colour.rgb());
}

void tst_AgencyBadge::badgeFitsItsName()
{
    QFont font;
    for (const QString &agency : agencyOrder()) {
        const QString name = models::agencyStyle(agency).badge;
        const int width = models::agencyBadgeWidth(name, font);
        QVERIFY(width > QFontMetrics(font).horizontalAdvance(name) + QFontMetrics(font).height());
        QImage image(width, QFontMetrics(font).height() + 4, QImage::Format_ARGB32);
        image.fill(Qt::transparent);
        QPainter painter(&image);
        models::paintAgencyBadge(painter, QRectF(image.rect()), agency, false, font);
        painter.end();
        // The badge's colour reaches both ends: the name did not spill past it.
        const QColor colour = models::agencyStyle(agency).colour;
        QCOMPARE(image.pixelColor(2, image.height() / 2).rgb(), colour.rgb());
        QCOMPARE(image.pixelColor(width - 2, image.height() / 2).rgb(), colour.rgb());
    }
}

BV_GUI_TEST_MAIN(tst_AgencyBadge)
#include "tst_agencybadge.moc"

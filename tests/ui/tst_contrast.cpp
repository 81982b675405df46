// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/agencies.h"
#include "common/guitestmain.h"
#include "models/agencystyle.h"
#include "models/contrast.h"
#include "ui/application.h"

#include <QStyle>
#include <QStyleFactory>
#include <QTest>

using namespace bv;

// WCAG 2.2 AA contrast (4.5:1 for text) on every screen, light or dark.
class tst_Contrast : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void ratioMatchesWcag_data();
    void ratioMatchesWcag();
    void paletteIsReadable_data();
    void paletteIsReadable();
    void onlyFailingRolesAreSet();
    void agencyBadgesAreReadable_data();
    void agencyBadgesAreReadable();
    void paletteStaysReadableAsTheSystemChangesIt();

private:
    static QPalette fusionLight();
    static QPalette darkPalette();
};

QPalette tst_Contrast::fusionLight()
{
    std::unique_ptr<QStyle> fusion(QStyleFactory::create(QStringLiteral("Fusion")));
    return fusion->standardPalette();
}

QPalette tst_Contrast::darkPalette()
{
    // As a desktop in dark mode gives it (the screenshots use the same).
    QPalette dark = fusionLight();
    dark.setColor(QPalette::Window, QColor(0x2b, 0x2b, 0x2b));
    dark.setColor(QPalette::WindowText, QColor(0xf0, 0xf0, 0xf0));
    dark.setColor(QPalette::Base, QColor(0x1e, 0x1e, 0x1e));
    dark.setColor(QPalette::AlternateBase, QColor(0x2a, 0x2a, 0x2a));
    dark.setColor(QPalette::Text, QColor(0xf0, 0xf0, 0xf0));
    dark.setColor(QPalette::Button, QColor(0x35, 0x35, 0x35));
    dark.setColor(QPalette::ButtonText, QColor(0xf0, 0xf0, 0xf0));
    dark.setColor(QPalette::Highlight, QColor(0x3d, 0x7e, 0xc6));
    dark.setColor(QPalette::HighlightedText, Qt::white);
    dark.setColor(QPalette::PlaceholderText, QColor(0x70, 0x70, 0x70));
    return dark;
}

void tst_Contrast::ratioMatchesWcag_data()
{
    QTest::addColumn<QColor>("a");
    QTest::addColumn<QColor>("b");
    QTest::addColumn<double>("ratio");
    QTest::newRow("black on white") << QColor(Qt::black) << QColor(Qt::white) << 21.0;
    QTest::newRow("same colour") << QColor(0x80, 0x20, 0x20) << QColor(0x80, 0x20, 0x20) << 1.0;
    // The lightest grey that passes AA on white (a figure WebAIM's checker gives).
    QTest::newRow("#767676 on white") << QColor(0x76, 0x76, 0x76) << QColor(Qt::white) << 4.54;
    // Fusion's selection: white text on it falls short, which is why the palette is adjusted.
    QTest::newRow("Fusion highlight") << QColor(0x30, 0x8c, 0xc6) << QColor(Qt::white) << 3.69;
}

void tst_Contrast::ratioMatchesWcag()
{
    QFETCH(QColor, a);
    QFETCH(QColor, b);
    QFETCH(double, ratio);
    QVERIFY2(qAbs(models::contrastRatio(a, b) - ratio) < 0.01,
             qPrintable(QString::number(models::contrastRatio(a, b))));
    QCOMPARE(models::contrastRatio(a, b), models::contrastRatio(b, a));
}

void tst_Contrast::paletteIsReadable_data()
{
    QTest::addColumn<QPalette>("palette");
    QTest::newRow("Fusion light") << fusionLight();
    QTest::newRow("dark") << darkPalette();
}

void tst_Contrast::paletteIsReadable()
{
    QFETCH(QPalette, palette);
    const QPalette readable = models::readablePalette(palette);
    const auto check = [&](QPalette::ColorRole text, QPalette::ColorRole background) {
        const double ratio
            = models::contrastRatio(readable.color(text), readable.color(background));
        QVERIFY2(ratio >= models::kTextContrast, qPrintable(QStringLiteral("role %1 on %2: %3:1")
                                                                .arg(int(text))
                                                                .arg(int(background))
                                                                .arg(ratio, 0, 'f', 2)));
    };
    check(QPalette::Text, QPalette::Base);
    check(QPalette::Text, QPalette::AlternateBase);
    check(QPalette::WindowText, QPalette::Window);
    check(QPalette::ButtonText, QPalette::Button);
    check(QPalette::HighlightedText, QPalette::Highlight);
    check(QPalette::PlaceholderText, QPalette::Base);
    check(QPalette::Link, QPalette::Base);
    // The timeline's secondary text, on both row colours.
    const QColor quiet = models::secondaryText(readable);
    QVERIFY(models::contrastRatio(quiet, readable.color(QPalette::Base)) >= models::kTextContrast);
    QVERIFY(models::contrastRatio(quiet, readable.color(QPalette::AlternateBase))
            >= models::kTextContrast);
    QVERIFY(quiet != readable.color(QPalette::Text)); // still quieter than the title
}

void tst_Contrast::onlyFailingRolesAreSet()
{
    QPalette light = fusionLight();
    light.setResolveMask(0); // as the system's palette reaches the app: nothing set by us
    const QPalette readable = models::readablePalette(light);
    // Black on white was fine and is left to follow the system; the selection was not.
    QCOMPARE(readable.color(QPalette::Text), light.color(QPalette::Text));
    QVERIFY(!readable.isBrushSet(QPalette::Active, QPalette::Text));
    QVERIFY(readable.isBrushSet(QPalette::Active, QPalette::Highlight));
    QVERIFY(readable.color(QPalette::Highlight) != light.color(QPalette::Highlight));
    QCOMPARE(readable.color(QPalette::HighlightedText), light.color(QPalette::HighlightedText));
    // The change is as small as it can be: still a blue, just darker.
    QCOMPARE(readable.color(QPalette::Highlight).hue(), light.color(QPalette::Highlight).hue());
}

void tst_Contrast::agencyBadgesAreReadable_data()
{
    QTest::addColumn<QString>("agency");
    QTest::addColumn<bool>("dark");
    for (const QString &agency : agencyOrder()) {
        QTest::newRow(qPrintable(agency + QStringLiteral(" light"))) << agency << false;
        QTest::newRow(qPrintable(agency + QStringLiteral(" dark"))) << agency << true;
    }
}

void tst_Contrast::agencyBadgesAreReadable()
{
    QFETCH(QString, agency);
    QFETCH(bool, dark);
    const models::AgencyStyle style = models::agencyStyle(agency, dark);
    const double ratio = models::contrastRatio(style.text, style.colour);
    QVERIFY2(ratio >= models::kTextContrast, qPrintable(QString::number(ratio, 'f', 2)));
}

void tst_Contrast::paletteStaysReadableAsTheSystemChangesIt()
{
    const QPalette before = QApplication::palette();
    ui::keepPaletteReadable(*qApp);
    // The system switches to dark, with a placeholder grey too dim for its base...
    QApplication::setPalette(darkPalette());
    QVERIFY(models::contrastRatio(QApplication::palette().color(QPalette::PlaceholderText),
                                  QApplication::palette().color(QPalette::Base))
            >= models::kTextContrast);
    // ...and back to light, where Fusion's selection is too pale for white text.
    QApplication::setPalette(fusionLight());
    QVERIFY(models::contrastRatio(QApplication::palette().color(QPalette::HighlightedText),
                                  QApplication::palette().color(QPalette::Highlight))
            >= models::kTextContrast);
    QApplication::setPalette(before);
}

BV_GUI_TEST_MAIN(tst_Contrast)
#include "tst_contrast.moc"

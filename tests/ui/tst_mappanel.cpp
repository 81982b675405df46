// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/guitestmain.h"
#include "geo/basemap.h"
#include "ui/mappanel.h"
#include "ui/mapwidget.h"

#include <QSignalSpy>
#include <QSlider>
#include <QTest>

using namespace bv;

namespace {

store::AddressView address(double lon, double lat, QDate from, QDate to = {})
{
    store::AddressView view;
    view.lon = lon;
    view.lat = lat;
    view.precision = QStringLiteral("uprn");
    view.from = from;
    view.to = to;
    return view;
}

} // namespace

// The map's person layer: homes in order, the time slider, and events chosen both ways.
class tst_MapPanel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void homesInOrderWithTheSlider_data();
    void homesInOrderWithTheSlider();
    void eventsChosenBothWays();
    void protectedPersonShowsNoHome();

private:
    std::unique_ptr<ui::MapPanel> m_panel;
    store::PersonView m_person;
};

void tst_MapPanel::init()
{
    auto base = geo::BaseMap::shipped();
    QVERIFY_RESULT(base);
    m_panel = std::make_unique<ui::MapPanel>(std::make_shared<ui::MapRenderer>(
        std::make_shared<const geo::BaseMap>(std::move(base.value()))));
    m_panel->resize(800, 600);
    m_panel->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_panel.get()));
    m_person = {};
    m_person.personId = 9;
    m_person.addresses = {address(1.29, 52.62, QDate(2010, 1, 1), QDate(2015, 6, 30)),
                          // The same home from another agency, by its postcode's centre.
                          address(1.2905, 52.6203, QDate(2012, 1, 1), QDate(2015, 6, 30)),
                          address(1.73, 52.60, QDate(2015, 7, 1))};
    store::EventView event;
    event.eventId = 41;
    event.agency = QStringLiteral("police");
    event.lon = 1.72;
    event.lat = 52.61;
    store::EventView nowhere;
    nowhere.eventId = 42;
    nowhere.agency = QStringLiteral("health");
    m_person.events = {event, nowhere};
}

void tst_MapPanel::cleanup()
{
    m_panel.reset();
}

void tst_MapPanel::homesInOrderWithTheSlider_data()
{
    QTest::addColumn<QDate>("date");
    QTest::addColumn<int>("home");
    QTest::newRow("before any") << QDate(2009, 5, 1) << -1;
    QTest::newRow("the first") << QDate(2013, 3, 1) << 0;
    QTest::newRow("the day of the move") << QDate(2015, 7, 1) << 1;
    QTest::newRow("now") << QDate(2026, 11, 25) << 1;
}

void tst_MapPanel::homesInOrderWithTheSlider()
{
    QFETCH(QDate, date);
    QFETCH(int, home);
    m_panel->setPerson(m_person, QDate(2026, 11, 25));
    const ui::PersonLayer &layer = m_panel->map()->renderer().person();
    // The same place from two agencies is one home; the move is the second.
    QCOMPARE(layer.homes.size(), std::size_t(2));
    QVERIFY(layer.homes[0].label.startsWith(QLatin1String("1: 2010")));
    QVERIFY(layer.homes[1].label.contains(QLatin1String("now")));
    QCOMPARE(layer.events.size(), std::size_t(1)); // the event with no place is not pinned
    QCOMPARE(m_panel->homeOn(date), home);
    // The slider starts today, on the current home.
    QVERIFY(m_panel->timeSlider()->isEnabled());
    QCOMPARE(m_panel->timeSlider()->value(), m_panel->timeSlider()->maximum());
    QCOMPARE(layer.highlightedHome, 1);
    m_panel->timeSlider()->setValue(int(QDate(2010, 1, 1).daysTo(QDate(2013, 3, 1))));
    QCOMPARE(m_panel->map()->renderer().person().highlightedHome, 0);
}

void tst_MapPanel::eventsChosenBothWays()
{
    m_panel->setPerson(m_person, QDate(2026, 11, 25));
    // From the timeline: the pin is ringed and the map centres on it.
    m_panel->selectEvent(41);
    QCOMPARE(m_panel->map()->renderer().person().selectedEvent, qint64(41));
    const ui::MapViewport viewport = m_panel->map()->viewport();
    QVERIFY(qAbs(viewport.centre.lon - 1.72) < 1e-6 && qAbs(viewport.centre.lat - 52.61) < 1e-6);
    // From the map: a click on the pin chooses the event.
    QSignalSpy clicked(m_panel.get(), &ui::MapPanel::eventClicked);
    const QPoint pin = viewport.toScreen(geo::LonLat{1.72, 52.61}).toPoint();
    QTest::mouseClick(m_panel->map(), Qt::LeftButton, Qt::NoModifier, pin);
    QCOMPARE(clicked.size(), 1);
    QCOMPARE(clicked.first().at(0).toLongLong(), qint64(41));
    // A click elsewhere chooses nothing.
    QTest::mouseClick(m_panel->map(), Qt::LeftButton, Qt::NoModifier, pin + QPoint(60, 60));
    QCOMPARE(clicked.size(), 1);
}

void tst_MapPanel::protectedPersonShowsNoHome()
{
    // As PersonRepository gives a protected person: addresses with no place, events unplaced.
    store::PersonView person = m_person;
    person.addressProtected = true;
    for (store::AddressView &a : person.addresses) {
        a.lat.reset();
        a.lon.reset();
        a.isProtected = true;
    }
    for (store::EventView &e : person.events) {
        e.lat.reset();
        e.lon.reset();
    }
    m_panel->setPerson(person, QDate(2026, 11, 25));
    QVERIFY(m_panel->map()->renderer().person().homes.empty());
    QVERIFY(m_panel->map()->renderer().person().events.empty());
    QVERIFY(!m_panel->timeSlider()->isEnabled());
}

BV_GUI_TEST_MAIN(tst_MapPanel)
#include "tst_mappanel.moc"

// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/agencies.h"
#include "common/guitestmain.h"
#include "geo/basemap.h"
#include "ui/mappanel.h"
#include "ui/mapwidget.h"

#include <QComboBox>
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

// Four people: 1 vulnerable, known to health and police; 2 with a child protection plan, known
// to children's social care; 3 known to health only; 5 vulnerable and known to housing.
std::shared_ptr<const geo::PersonLocations> fourPeople()
{
    auto locations = std::make_shared<geo::PersonLocations>();
    const auto flagBit = [](const char *kind) {
        return quint32(1) << geo::PersonLocations::flagKinds().indexOf(QLatin1String(kind));
    };
    const auto agencyBit = [](const char *agency) {
        return quint32(1) << agencyOrder().indexOf(QLatin1String(agency));
    };
    locations->personIds = {1, 2, 3, 5};
    locations->positions = {{1.29, 52.62}, {1.30, 52.63}, {1.2905, 52.6203}, {1.10, 52.70}};
    locations->flags = {flagBit("vulnerable_adult"), flagBit("child_protection_plan"), 0,
                        flagBit("vulnerable_adult")};
    locations->agencies
        = {agencyBit("health") | agencyBit("police"), agencyBit("childrens_social_care"),
           agencyBit("health"), agencyBit("housing")};
    locations->leftOutProtected = 2;
    return locations;
}

} // namespace

// The map's person layer: homes in order, the time slider, events chosen both ways and the
// family's places; and everyone's markers filtered by flag and agency.
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
    void markersFilteredByFlagAndAgency_data();
    void markersFilteredByFlagAndAgency();
    void familyShownWhereMarkersPlaceThem();

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

void tst_MapPanel::markersFilteredByFlagAndAgency_data()
{
    QTest::addColumn<QString>("flag");
    QTest::addColumn<QString>("agency");
    QTest::addColumn<int>("shown");
    QTest::newRow("everyone") << QString() << QString() << 4;
    QTest::newRow("vulnerable adults") << QStringLiteral("vulnerable_adult") << QString() << 2;
    QTest::newRow("known to health") << QString() << QStringLiteral("health") << 2;
    QTest::newRow("vulnerable and known to housing")
        << QStringLiteral("vulnerable_adult") << QStringLiteral("housing") << 1;
    QTest::newRow("nobody") << QStringLiteral("marac") << QString() << 0;
}

void tst_MapPanel::markersFilteredByFlagAndAgency()
{
    QFETCH(QString, flag);
    QFETCH(QString, agency);
    QFETCH(int, shown);
    m_panel->setLocations(fourPeople());
    QCOMPARE(m_panel->markersShown(), 4);
    QComboBox *flags = m_panel->flagFilter();
    QComboBox *agencies = m_panel->agencyFilter();
    flags->setCurrentIndex(
        flag.isEmpty() ? 0 : flags->findData(int(geo::PersonLocations::flagKinds().indexOf(flag))));
    agencies->setCurrentIndex(
        agency.isEmpty() ? 0 : agencies->findData(int(agencyOrder().indexOf(agency))));
    QCOMPARE(m_panel->markersShown(), qsizetype(shown));
    // What is drawn is what is counted: every marker the clusters hold.
    qint64 drawn = 0;
    const auto &clusters = *m_panel->map()->renderer().markers();
    for (const auto &cluster : clusters.at(12))
        drawn += cluster.count;
    QCOMPARE(drawn, qint64(shown));
}

void tst_MapPanel::familyShownWhereMarkersPlaceThem()
{
    m_panel->setLocations(fourPeople());
    store::RelationshipView mother;
    mother.kind = QStringLiteral("parent");
    mother.relatedName = QStringLiteral("Lucy Deacon");
    mother.relatedPersonId = 1;
    store::RelationshipView brother = mother;
    brother.kind = QStringLiteral("sibling");
    brother.relatedName = QStringLiteral("Sam Deacon");
    brother.relatedPersonId = 3;            // 40 m from her: a mark of his own
    store::RelationshipView again = mother; // the same mother, from another agency
    again.agency = QStringLiteral("health");
    store::RelationshipView protectedFather = mother;
    protectedFather.relatedPersonId = 4; // at a protected address: not among the markers
    store::RelationshipView withheld = mother;
    withheld.relatedPersonId = 5;
    withheld.withheld = true;
    m_person.relationships = {mother, brother, again, protectedFather, withheld};
    m_panel->setPerson(m_person, QDate(2026, 11, 25));
    const auto &relatives = m_panel->map()->renderer().person().relatives;
    QCOMPARE(relatives.size(), std::size_t(2));
    QStringList labels;
    for (const auto &place : relatives)
        labels << place.label;
    labels.sort();
    QCOMPARE(labels.join(QLatin1Char('|')),
             QStringLiteral("Lucy Deacon (parent)|Sam Deacon (sibling)"));
}

BV_GUI_TEST_MAIN(tst_MapPanel)
#include "tst_mappanel.moc"

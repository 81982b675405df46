#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
# Makes resources/demo/flood_zones.geojson: ILLUSTRATIVE flood zones 2 and 3 for the demo, NOT the
# Environment Agency Flood Map for Planning (no public copy of that exists for Norfolk here).
# Zones are buffers of the real tidal waters in ../shared/data/geo (tidal_waters_derived_bbox:
# the Broads rivers, tidal Great Ouse, Nene and north Norfolk creeks; plus wide tidal waters the
# 600 m closing missed, such as Breydon Water, found as land gaps a 1 km closing fills): zone 3 at
# 150 m, zone 2 at 400 m, worked in British National Grid metres (EPSG:27700, Helmert EPSG:1314 as
# the postcode file uses), clipped to the Norfolk county polygon (land above mean high water).
# Distances were chosen so that ~3 % of Norfolk postcodes fall in zone 3 and ~8 % in zone 2.
# Run: /usr/bin/python3 tools/make-flood-zones.py [--check]   (Debian's python3-shapely 1.8 and
# python3-pyproj 3.4, see tools/packages.txt). --check validates the shipped file, counts postcodes.
"""Generate or check the illustrative flood-zone GeoJSON shipped with the demo."""

import argparse
import csv
import json
import sys
from pathlib import Path

try:
    from pyproj import Transformer
    from shapely.geometry import MultiPoint, MultiPolygon, Point, Polygon, box, shape
    from shapely.geometry.polygon import orient
    from shapely.ops import transform, unary_union, voronoi_diagram
    from shapely.prepared import prep
except ImportError as missing:  # pyenv's python3 may shadow Debian's
    sys.exit(f"make-flood-zones: {missing}; run with /usr/bin/python3 after "
             "apt-get install python3-shapely python3-pyproj")

REPO = Path(__file__).resolve().parent.parent
DEFAULT_OUTPUT = REPO / "resources" / "demo" / "flood_zones.geojson"
DEFAULT_SHARED = REPO.parent / "shared" / "data"

ZONE3_M = 150.0          # higher probability: close to the water
ZONE2_M = 400.0          # medium probability: wider
WIDE_WATER_CLOSING_M = 1000.0  # finds Breydon Water and the harbours behind the coastal spits
WIDE_WATER_MIN_M2 = 200_000.0
COUNTY_SIMPLIFY_M = 8.0
ZONE_SIMPLIFY_M = 10.0
MIN_PART_M2 = 2_000.0    # drop slivers left by clipping
DECIMALS = 6             # about 0.1 m

# OSGB36 / British National Grid -> WGS 84 by "OSGB36 to WGS 84 (6)" (EPSG:1314), pinned so that the
# result does not depend on which PROJ grids a machine has; the postcode file used the same one.
BNG_TO_WGS84 = (
    "proj=pipeline step inv proj=tmerc lat_0=49 lon_0=-2 k=0.9996012717 x_0=400000 y_0=-100000 "
    "ellps=airy step proj=push v_3 step proj=cart ellps=airy step proj=helmert x=446.448 "
    "y=-125.157 z=542.06 rx=0.15 ry=0.247 rz=0.842 s=-20.489 convention=position_vector "
    "step inv proj=cart ellps=WGS84 step proj=pop v_3 step proj=unitconvert xy_in=rad xy_out=deg")

DISCLAIMER = ("Illustrative flood zones for demonstration only; NOT Environment Agency Flood Map "
              "for Planning data")
SOURCE = ("Illustrative: buffers (zone 3 {z3:.0f} m, zone 2 {z2:.0f} m) of the tidal waters derived "
          "from ONS/OS boundaries in Broadview's shared reference data "
          "(geo/tidal_waters_derived_bbox.geojson, geo/east_anglia_land_bbox.geojson), clipped to "
          "geo/norfolk_county.geojson. Contains Ordnance Survey data © Crown copyright and database "
          "right. Contains National Statistics data © Crown copyright and database right. Licensed "
          "under the Open Government Licence v3.0. GeoJSON conversion by Martin Chorley "
          "(UK-GeoJSON), CC BY 4.0.").format(z3=ZONE3_M, z2=ZONE2_M)

# Named areas: each zone is cut by the Voronoi cells of these seed points (lon, lat), so every
# feature covers one stretch of water. Order is the order of the features in the file.
AREAS = [
    ("breydon", "Breydon Water and the lower Yare",
     [(1.665, 52.612), (1.700, 52.615), (1.725, 52.600), (1.728, 52.578), (1.632, 52.597),
      (1.600, 52.577)]),
    ("yare", "The tidal Yare and Wensum to Norwich",
     [(1.300, 52.630), (1.360, 52.620), (1.430, 52.618), (1.510, 52.585), (1.565, 52.560)]),
    ("waveney", "The Waveney and the Haddiscoe New Cut",
     [(1.595, 52.545), (1.625, 52.530), (1.645, 52.560), (1.680, 52.485), (1.610, 52.470),
      (1.530, 52.465)]),
    ("bure", "The Bure, Ant and Thurne",
     [(1.560, 52.640), (1.610, 52.645), (1.700, 52.635), (1.400, 52.700), (1.470, 52.700),
      (1.550, 52.700), (1.580, 52.725), (1.520, 52.770), (1.600, 52.750)]),
    ("ouse", "The tidal Great Ouse at King's Lynn and Downham Market",
     [(0.370, 52.800), (0.400, 52.750), (0.370, 52.670), (0.380, 52.600), (0.360, 52.550),
      (0.370, 52.490)]),
    ("nene", "The Nene at Wisbech and the Walpole marshes",
     [(0.160, 52.660), (0.200, 52.760), (0.210, 52.830)]),
    ("brancaster", "Brancaster and the Burnhams (north Norfolk coast)",
     [(0.570, 52.970), (0.630, 52.970), (0.700, 52.975), (0.740, 52.965)]),
    ("wells", "Wells-next-the-Sea and Stiffkey (north Norfolk coast)",
     [(0.800, 52.970), (0.850, 52.960), (0.900, 52.965)]),
    ("blakeney", "Blakeney and Cley (north Norfolk coast)",
     [(0.950, 52.960), (1.000, 52.960), (1.040, 52.965)]),
]

# Known points for --check (lon, lat, expected zone or None); tst_floodzones uses the same ones.
KNOWN_POINTS = [
    ("Breydon Water north shore, ~60 m inland", 1.67, 52.6075, "3"),
    ("~280 m north of Breydon Water", 1.67, 52.6095, "2"),
    ("~500 m north of Breydon Water", 1.67, 52.6115, None),
    ("East Dereham, far from tidal water", 0.938, 52.681, None),
    ("on Breydon Water itself (water is not land)", 1.67, 52.6040, None),
]


class Grid:
    """WGS84 <-> British National Grid, both ways through the pinned pipeline."""

    def __init__(self):
        self._t = Transformer.from_pipeline(BNG_TO_WGS84)

    def to_bng(self, geom):
        return transform(lambda x, y, z=None: self._t.transform(x, y, direction="INVERSE"), geom)

    def to_wgs84(self, geom):
        return transform(lambda x, y, z=None: self._t.transform(x, y), geom)


def load_geometries(path):
    with open(path, encoding="utf-8") as f:
        return [shape(feature["geometry"]) for feature in json.load(f)["features"]]


def polygons(geom):
    if geom.is_empty:
        return []
    if isinstance(geom, Polygon):
        return [geom]
    if isinstance(geom, MultiPolygon):
        return list(geom.geoms)
    if hasattr(geom, "geoms"):  # a collection from an intersection
        return [p for g in geom.geoms for p in polygons(g)]
    return []  # a line or point where two shapes touch


def cleaned(geom, min_area):
    """Polygonal part of geom, valid, without slivers."""
    if not geom.is_valid:
        geom = geom.buffer(0)
    parts = [p for p in polygons(geom) if p.area >= min_area]
    return MultiPolygon(parts) if parts else MultiPolygon()


def tidal_waters(grid, shared, county):
    """Narrow channels from the derived file plus wide tidal waters next to them (Breydon)."""
    narrow = unary_union([grid.to_bng(g) for g in
                          load_geometries(shared / "geo" / "tidal_waters_derived_bbox.geojson")])
    land = unary_union([grid.to_bng(g) for g in
                        load_geometries(shared / "geo" / "east_anglia_land_bbox.geojson")])
    r = WIDE_WATER_CLOSING_M
    closed = land.buffer(r, 4, join_style=2).buffer(-r, 4, join_style=2)
    gaps = closed.difference(land).difference(narrow)
    wide = [p for p in polygons(gaps)
            if p.area >= WIDE_WATER_MIN_M2 and p.distance(narrow) < 1.0]
    waters = unary_union([narrow] + wide)
    reach = county.buffer(ZONE2_M + 100.0)
    return unary_union([p for p in polygons(waters) if p.intersects(reach)])


def area_cells(grid, extent):
    """One region per named area: the union of its seeds' Voronoi cells."""
    seeds = []
    for index, (_, _, points) in enumerate(AREAS):
        for lon, lat in points:
            seeds.append((index, grid.to_bng(Point(lon, lat))))
    cells = voronoi_diagram(MultiPoint([p for _, p in seeds]), envelope=extent)
    regions = [[] for _ in AREAS]
    for cell in cells.geoms:
        owners = [i for i, p in seeds if cell.contains(p)]
        assert len(owners) == 1, "every Voronoi cell holds one seed"
        regions[owners[0]].append(cell)
    return [unary_union(r).intersection(extent) for r in regions]


def rounded_ring(coords):
    ring = []
    for x, y in coords:
        point = (round(x, DECIMALS), round(y, DECIMALS))
        if not ring or ring[-1] != point:
            ring.append(point)
    return ring


def rounded(geom):
    """Coordinates rounded; repaired if rounding made it invalid; RFC 7946 winding."""
    for _ in range(3):
        parts = []
        for p in polygons(geom):
            shell = rounded_ring(p.exterior.coords)
            holes = [h for h in (rounded_ring(i.coords) for i in p.interiors) if len(h) >= 4]
            if len(shell) >= 4 and Polygon(shell).area > 0.0:
                parts.append(Polygon(shell, holes))
        geom = MultiPolygon(parts)
        if geom.is_valid:
            return MultiPolygon([orient(p, sign=1.0) for p in geom.geoms])
        geom = geom.buffer(0)
    raise RuntimeError("rounding left an invalid polygon")


def geojson_polygons(geom):
    def ring(r):
        return [[x, y] for x, y in r.coords]
    return [[ring(p.exterior)] + [ring(h) for h in p.interiors] for p in geom.geoms]


def generate(shared, output):
    grid = Grid()
    county = unary_union([grid.to_bng(g) for g in
                          load_geometries(shared / "geo" / "norfolk_county.geojson")])
    county = cleaned(county.simplify(COUNTY_SIMPLIFY_M, preserve_topology=True), 0.0)
    waters = tidal_waters(grid, shared, county)

    # Simplify the buffers before clipping, so both zones share the county's coastline vertices.
    zone3 = waters.buffer(ZONE3_M, 4).simplify(ZONE_SIMPLIFY_M, preserve_topology=True)
    zone2 = waters.buffer(ZONE2_M, 4).simplify(ZONE_SIMPLIFY_M, preserve_topology=True)
    zone2 = cleaned(zone2.intersection(county), MIN_PART_M2)
    zone3 = cleaned(zone3.intersection(county).intersection(zone2), MIN_PART_M2)

    minx, miny, maxx, maxy = county.bounds
    extent = box(minx - 5000, miny - 5000, maxx + 5000, maxy + 5000)
    features = {"2": [], "3": []}
    for (key, name, _), cell in zip(AREAS, area_cells(grid, extent)):
        z2 = cleaned(zone2.intersection(cell), MIN_PART_M2)
        z3 = cleaned(zone3.intersection(z2), MIN_PART_M2)
        if z2.is_empty:
            continue
        # A straight edge in metres is a slight curve in degrees: enforce zone 3 within zone 2
        # again after projecting and rounding (what is left is below the 0.1 m rounding).
        w2 = rounded(grid.to_wgs84(z2))
        w3 = rounded(rounded(grid.to_wgs84(z3)).intersection(w2)) if not z3.is_empty else z3
        for zone, geom, wgs in (("2", z2, w2), ("3", z3, w3)):
            if geom.is_empty:
                continue
            features[zone].append({
                "type": "Feature",
                "id": f"illustrative-zone{zone}-{key}",
                "properties": {
                    "zone": zone,
                    "name": f"{name} (illustrative zone {zone})",
                    "illustrative": True,
                    "buffer_m": int(ZONE3_M if zone == "3" else ZONE2_M),
                    "area_km2": round(geom.area / 1e6, 3),
                    "source": SOURCE,
                },
                "geometry": {"type": "MultiPolygon",
                             "coordinates": geojson_polygons(wgs)},
            })

    collection = {
        "type": "FeatureCollection",
        "name": "Broadview demo flood zones (illustrative)",
        "description": DISCLAIMER,
        "disclaimer": DISCLAIMER,
        "illustrative": True,
        "generator": "tools/make-flood-zones.py",
        "attribution": SOURCE,
    }
    # Zone 2 first so that a renderer drawing in file order paints zone 3 on top.
    all_features = features["2"] + features["3"]
    header = json.dumps(collection, ensure_ascii=False, separators=(",", ":"))[:-1]
    lines = [json.dumps(f, ensure_ascii=False, separators=(",", ":")) for f in all_features]
    output.parent.mkdir(parents=True, exist_ok=True)
    with open(output, "w", encoding="utf-8", newline="\n") as f:
        f.write(header + ',"features":[\n' + ",\n".join(lines) + "\n]}\n")
    print(f"wrote {output} ({output.stat().st_size} bytes, {len(all_features)} features)")


def signed_area(ring):
    return sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(ring, ring[1:])) / 2.0


def check(shared, output):
    """Validates the shipped file and reports the share of Norfolk postcodes in each zone."""
    with open(output, encoding="utf-8") as f:
        doc = json.load(f)
    problems = []
    if doc.get("type") != "FeatureCollection" or "NOT Environment Agency" not in doc.get(
            "disclaimer", ""):
        problems.append("not a FeatureCollection with the disclaimer")
    zones = {"2": [], "3": []}
    by_area = {}
    for feature in doc["features"]:
        props = feature["properties"]
        fid = feature.get("id")
        if props.get("illustrative") is not True or props.get("zone") not in zones:
            problems.append(f"{fid}: not illustrative zone 2/3")
            continue
        for poly in feature["geometry"]["coordinates"]:
            for k, ring in enumerate(poly):
                if ring[0] != ring[-1] or len(ring) < 4:
                    problems.append(f"{fid}: ring not closed")
                if (signed_area(ring) > 0) != (k == 0):
                    problems.append(f"{fid}: ring {k} wound against RFC 7946")
                if not all(-1 <= x <= 2 and 51.9 <= y <= 53.2 for x, y in ring):
                    problems.append(f"{fid}: coordinate out of range")
        geom = shape(feature["geometry"])
        if not geom.is_valid:
            problems.append(f"{fid}: invalid geometry")
        zones[props["zone"]].append(geom)
        by_area.setdefault(fid.split("-", 2)[2], {})[props["zone"]] = geom

    grid = Grid()
    for area, pair in sorted(by_area.items()):
        if "3" in pair:
            if "2" not in pair:
                problems.append(f"{area}: zone 3 without zone 2")
                continue
            # Rounding to 6 decimals may leave zone 3 a few centimetres outside zone 2.
            outside = pair["3"].difference(pair["2"])
            reach = max((pair["2"].distance(Point(xy)) for p in polygons(outside)
                         for xy in p.exterior.coords), default=0.0) * 111_000
            if reach > 0.2:
                problems.append(f"{area}: zone 3 reaches {reach:.2f} m outside zone 2")
    zone2 = prep(unary_union(zones["2"]))
    zone3 = prep(unary_union(zones["3"]))
    for label, lon, lat, expected in KNOWN_POINTS:
        point = Point(lon, lat)
        found = "3" if zone3.contains(point) else "2" if zone2.contains(point) else None
        if found != expected:
            problems.append(f"known point {label}: zone {found}, expected {expected}")

    total = in2 = in3 = 0
    districts = {}
    with open(shared / "postcodes" / "norfolk_postcodes_codepoint.csv", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            if row["admin_county_name"] != "Norfolk":  # as the synthetic county draws them
                continue
            total += 1
            point = Point(float(row["longitude"]), float(row["latitude"]))
            counts = districts.setdefault(row["admin_district_name"], [0, 0, 0])
            counts[0] += 1
            if zone2.contains(point) or zone3.contains(point):
                in2 += 1
                counts[1] += 1
            if zone3.contains(point):
                in3 += 1
                counts[2] += 1
    print(f"{output.name}: {output.stat().st_size} bytes, {len(doc['features'])} features")
    print(f"Norfolk postcodes: {total}; in zone 2 (incl. 3): {in2} ({100 * in2 / total:.2f} %); "
          f"in zone 3: {in3} ({100 * in3 / total:.2f} %)")
    for name, (n, a, b) in sorted(districts.items()):
        print(f"  {name}: {n} postcodes, zone 2 {a}, zone 3 {b}")
    for problem in problems:
        print("PROBLEM:", problem)
    return 1 if problems else 0


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--check", action="store_true",
                        help="validate the file and count postcodes inside it; write nothing")
    parser.add_argument("--shared-data", type=Path, default=DEFAULT_SHARED)
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT)
    args = parser.parse_args()
    if args.check:
        return check(args.shared_data, args.output)
    generate(args.shared_data, args.output)
    return 0


if __name__ == "__main__":
    sys.exit(main())

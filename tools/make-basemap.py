#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Converts the public base-map layers in ../shared/data/geo into resources/map/basemap.bvmap,
the compact offline base layer the map draws with no network (read by ui/map/basemap.cpp).

Format (little-endian), compressed as Qt's qUncompress reads it (a 4-byte big-endian length,
then a zlib stream):
  "BVMAP001", u32 layer count, then per layer:
    u8 kind (1 filled areas, 2 outlines, 3 places), str name, u32 feature count;
    kinds 1 and 2, per feature: str label, u32 polygons; per polygon u32 rings; per ring
      u32 points, then points as i32 longitude and latitude in millionths of a degree;
    kind 3, per feature: str name, u8 rank (1 city .. 4 village), u32 weight, i32 lon, i32 lat.
  Last: str attribution.
  str = u16 byte length + UTF-8.
Run: tools/make-basemap.py [DATA_DIR] (default ../shared/data beside the repository).
"""
import json
import os
import struct
import sys
import zlib

here = os.path.dirname(os.path.abspath(__file__))
data = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, '..', '..', 'shared', 'data')
geo = os.path.join(data, 'geo')
out_path = os.path.join(here, '..', 'resources', 'map', 'basemap.bvmap')


def text(value):
    raw = value.encode('utf-8')
    return struct.pack('<H', len(raw)) + raw


def polygons_of(geometry):
    if geometry['type'] == 'Polygon':
        return [geometry['coordinates']]
    if geometry['type'] == 'MultiPolygon':
        return geometry['coordinates']
    raise SystemExit('unexpected geometry ' + geometry['type'])


def area_layer(kind, name, path, label_key):
    features = json.load(open(os.path.join(geo, path)))['features']
    body = struct.pack('<B', kind) + text(name) + struct.pack('<I', len(features))
    for feature in features:
        body += text(str(feature['properties'].get(label_key) or ''))
        polygons = polygons_of(feature['geometry'])
        body += struct.pack('<I', len(polygons))
        for polygon in polygons:
            body += struct.pack('<I', len(polygon))
            for ring in polygon:
                if len(ring) > 1 and ring[0] == ring[-1]:
                    ring = ring[:-1]  # the reader closes rings itself
                body += struct.pack('<I', len(ring))
                for lon, lat in ring:
                    body += struct.pack('<ii', round(lon * 1e6), round(lat * 1e6))
    return body


def rank(props):
    # The data README: most places have no population; postcodes within 1 km stand in for size.
    population = props.get('bua11_population')
    postcodes = props.get('postcodes_within_1km') or 0
    if (population or 0) >= 100000 or postcodes >= 3000:
        return 1
    if (population or 0) >= 10000 or postcodes >= 700:
        return 2
    if (population or 0) >= 2500 or postcodes >= 150:
        return 3
    return 4


def places_layer(path):
    features = json.load(open(os.path.join(geo, path)))['features']
    # Only places at their own position (accuracy 4): estimated ones share a district centre.
    chosen = [f for f in features if f['properties'].get('geonames_accuracy') == 4]
    body = struct.pack('<B', 3) + text('places') + struct.pack('<I', len(chosen))
    for feature in chosen:
        props = feature['properties']
        lon, lat = feature['geometry']['coordinates'][:2]
        weight = (props.get('bua11_population') or 0) + 40 * (props.get('postcodes_within_1km') or 0)
        body += text(props['name']) + struct.pack('<BIii', rank(props), weight,
                                                   round(lon * 1e6), round(lat * 1e6))
    return body


layers = [
    area_layer(1, 'land', 'east_anglia_land_bbox.geojson', 'name'),
    area_layer(1, 'tidal waters', 'tidal_waters_derived_bbox.geojson', 'kind'),
    area_layer(2, 'districts', 'east_anglia_districts_bbox.geojson', 'lad13nm'),
    area_layer(2, 'county', 'norfolk_county.geojson', 'name'),
    places_layer('places_east_anglia_bbox.geojson'),
]
attribution = ('Contains OS data © Crown copyright and database right; contains National '
               'Statistics data © Crown copyright and database right (OGL v3); boundaries '
               'via UK-GeoJSON (CC BY 4.0); places © GeoNames (CC BY 4.0)')
raw = b'BVMAP001' + struct.pack('<I', len(layers)) + b''.join(layers) + text(attribution)
packed = struct.pack('>I', len(raw)) + zlib.compress(raw, 9)
os.makedirs(os.path.dirname(out_path), exist_ok=True)
with open(out_path, 'wb') as out:
    out.write(packed)
print(f'{out_path}: {len(raw):,} bytes, {len(packed):,} compressed')

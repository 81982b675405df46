#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Converts the Code-Point Open postcodes in ../shared/data/postcodes into
resources/map/postcodes.bvpc, the gazetteer that places an address the feeds give only a
postcode for (read by app/geo/postcodegazetteer.cpp).

Format (little-endian), compressed as Qt's qUncompress reads it:
  "BVPC0001", then three sections (unit postcodes, sectors, districts), each:
    u32 count, then count entries sorted by key: 8 bytes of key (the postcode upper case
    without its space, padded with NULs), i32 latitude and i32 longitude in millionths.
Run: tools/make-gazetteer.py [DATA_DIR] (default ../shared/data beside the repository).
"""
import csv
import os
import struct
import sys
import zlib

here = os.path.dirname(os.path.abspath(__file__))
data = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, '..', '..', 'shared', 'data')
folder = os.path.join(data, 'postcodes')
out_path = os.path.join(here, '..', 'resources', 'map', 'postcodes.bvpc')


def key(text):
    raw = text.replace(' ', '').upper().encode('ascii')
    if len(raw) > 8:
        raise SystemExit('postcode too long: ' + text)
    return raw.ljust(8, b'\0')


def section(path, key_column):
    rows = []
    with open(os.path.join(folder, path), newline='') as handle:
        for row in csv.DictReader(handle):
            rows.append((key(row[key_column]), round(float(row['latitude']) * 1e6),
                         round(float(row['longitude']) * 1e6)))
    rows.sort()
    body = struct.pack('<I', len(rows))
    for k, lat, lon in rows:
        body += k + struct.pack('<ii', lat, lon)
    return body, len(rows)


units, n_units = section('norfolk_postcodes_codepoint.csv', 'Postcode')
sectors, n_sectors = section('norfolk_postcode_sectors.csv', 'postcode_sector')
districts, n_districts = section('norfolk_postcode_districts.csv', 'postcode_district')
raw = b'BVPC0001' + units + sectors + districts
packed = struct.pack('>I', len(raw)) + zlib.compress(raw, 9)
os.makedirs(os.path.dirname(out_path), exist_ok=True)
with open(out_path, 'wb') as out:
    out.write(packed)
print(f'{out_path}: {n_units:,} postcodes, {n_sectors} sectors, {n_districts} districts; '
      f'{len(raw):,} bytes, {len(packed):,} compressed')

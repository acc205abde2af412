#!/usr/bin/env python3
"""Draw Herald's sample Teams app icons.

color.png   192x192 truecolor with alpha: a full-bleed square of the accent colour #3B5BDB with a white
            megaphone with two sound waves, about 96x96, in the middle (edges smoothed by 4x4 supersampling).
outline.png 32x32 truecolor with alpha: the same megaphone in pure white (255,255,255,255) on fully
            transparent (0,0,0,0) pixels, and no other pixel value, because Teams rejects an outline icon
            with any other pixel; it is drawn without anti-aliasing.

The symbol is a few polygons and ring segments on a 12x12 grid: 8 pixels a unit in the colour icon, 2 in the outline.
Uses only the Python standard library. The pixels are deterministic; the compressed bytes depend only
on the zlib library Python was built with.
"""
import argparse
import pathlib
import struct
import zlib

ACCENT = (0x3B, 0x5B, 0xDB, 255)
WHITE = (255, 255, 255, 255)
TRANSPARENT = (0, 0, 0, 0)
GRID = 12

# Convex polygons on the 12x12 grid (x to the right, y down), corners listed clockwise.
MEGAPHONE = [
    [(0.5, 4.5), (2.25, 4.5), (2.25, 7.5), (0.5, 7.5)],             # mouthpiece
    [(2.25, 4.5), (7.0, 1.5), (7.0, 10.5), (2.25, 7.5)],            # flared horn
    [(2.75, 7.5), (4.5, 7.5), (5.0, 10.25), (3.25, 10.25)],         # handle
]
# Sound waves: rings around (x, y) from one radius to another, within 45 degrees of pointing right.
SOUND_WAVES = [(7.25, 6.0, 1.5, 2.5), (7.25, 6.0, 3.25, 4.25)]


def inside_convex(polygon, x, y):
    """Whether (x, y) lies inside (or on the edge of) a convex polygon listed clockwise in y-down space."""
    count = len(polygon)
    for index in range(count):
        (x0, y0), (x1, y1) = polygon[index], polygon[(index + 1) % count]
        if (x1 - x0) * (y - y0) - (y1 - y0) * (x - x0) < 0:
            return False
    return True


def on_symbol(x, y):
    """Whether the grid point (x, y) is part of the megaphone or its sound waves."""
    if any(inside_convex(polygon, x, y) for polygon in MEGAPHONE):
        return True
    for cx, cy, inner, outer in SOUND_WAVES:
        dx, dy = x - cx, y - cy
        if dx > 0 and abs(dy) <= dx and inner * inner <= dx * dx + dy * dy <= outer * outer:
            return True
    return False


def render(size, symbol_size, samples, background, foreground):
    """RGBA rows: the symbol centred on a background, each pixel blended from samples x samples points."""
    offset = (size - symbol_size) / 2
    scale = GRID / symbol_size
    rows = []
    for py in range(size):
        row = []
        for px in range(size):
            hits = 0
            for sy in range(samples):
                for sx in range(samples):
                    x = (px + (sx + 0.5) / samples - offset) * scale
                    y = (py + (sy + 0.5) / samples - offset) * scale
                    hits += on_symbol(x, y)
            total = samples * samples
            row.append(tuple((f * hits + b * (total - hits) + total // 2) // total for f, b in zip(foreground, background)))
        rows.append(row)
    return rows


def encode_png(rows):
    """An 8-bit truecolor-with-alpha PNG of the rows, each scanline with filter type 0 (None)."""
    height, width = len(rows), len(rows[0])
    raw = b"".join(b"\x00" + bytes(sample for pixel in row for sample in pixel) for row in rows)

    def chunk(kind, body):
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    header = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b"")


def main():
    root = pathlib.Path(__file__).resolve().parent.parent
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--color", type=pathlib.Path, default=root / "manifests" / "color.png",
                        help="where to write the 192x192 colour icon (default: %(default)s)")
    parser.add_argument("--outline", type=pathlib.Path, default=root / "manifests" / "outline.png",
                        help="where to write the 32x32 outline icon (default: %(default)s)")
    args = parser.parse_args()

    color = render(192, 96, 4, ACCENT, WHITE)
    outline = render(32, 24, 1, TRANSPARENT, WHITE)
    stray = {pixel for row in outline for pixel in row} - {WHITE, TRANSPARENT}
    if stray:
        parser.error(f"the outline icon would contain other pixel values: {sorted(stray)}")

    for path, rows in ((args.color, color), (args.outline, outline)):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(encode_png(rows))
        print(f"wrote {path} ({len(rows[0])}x{len(rows)})")


if __name__ == "__main__":
    main()

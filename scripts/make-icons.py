#!/usr/bin/env python3
"""Draw Herald's sample app icons: manifests/color.png (192x192) and manifests/outline.png (32x32).

The colour icon is a full-bleed accent square with a white megaphone of about 96x96 in the middle;
the outline icon is the same shape in pure white on fully transparent pixels, with no anti-aliasing,
because Teams rejects an outline icon with any other pixel. Standard library only; deterministic.
"""
import argparse
import pathlib
import struct
import zlib

ACCENT = (0x3B, 0x5B, 0xDB, 255)
WHITE = (255, 255, 255, 255)
CLEAR = (0, 0, 0, 0)


def megaphone(u, v):
    """Whether the point (u, v) in the unit square lies on the megaphone symbol."""
    body = 0.18 <= u <= 0.36 and 0.38 <= v <= 0.62              # the back of the horn
    spread = (u - 0.36) / 0.46                                   # 0 at the throat, 1 at the mouth
    horn = 0.36 <= u <= 0.82 and abs(v - 0.5) <= 0.12 + 0.26 * spread
    handle = 0.30 <= u <= 0.42 and 0.62 <= v <= 0.84
    return body or horn or handle


def image(size, symbol_box, background, foreground):
    left, top, extent = symbol_box
    rows = []
    for y in range(size):
        row = bytearray([0])                                     # filter: none
        for x in range(size):
            u = (x + 0.5 - left) / extent
            v = (y + 0.5 - top) / extent
            inside = 0 <= u <= 1 and 0 <= v <= 1 and megaphone(u, v)
            row.extend(foreground if inside else background)
        rows.append(bytes(row))
    return b"".join(rows)


def png(size, raw):
    def chunk(kind, body):
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF)
    header = struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b"")


def main():
    root = pathlib.Path(__file__).resolve().parent.parent
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--color", default=root / "manifests" / "color.png", type=pathlib.Path, help="colour icon path")
    parser.add_argument("--outline", default=root / "manifests" / "outline.png", type=pathlib.Path, help="outline icon path")
    args = parser.parse_args()
    args.color.write_bytes(png(192, image(192, (48, 48, 96), ACCENT, WHITE)))
    args.outline.write_bytes(png(32, image(32, (2, 2, 28), CLEAR, WHITE)))
    print(f"wrote {args.color} and {args.outline}")


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Generates the demo images under public/images/: abstract but distinct
pictures, each at several widths for srcset, as WebP.

We have none of the original press photos, so each demo image is drawn from
its name: a seeded palette, a gradient sky, and layered shapes. Run it again
after changing the list below; the output is deterministic.

Needs Pillow (pip install pillow). Usage: scripts/generate-images.py [OUT_DIR]
"""
import hashlib
import math
import random
import sys
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter

# name -> motif. The widths are those of every image's variants.
IMAGES = {
    "defense-agreement": "stripes",
    "fiala-zelensky": "circles",
    "shells-152mm": "columns",
    "norway-embassy": "fjord",
    "kazakhstan-embassy": "steppe",
    "israel-embassy": "circles",
    "gallery-charles-bridge": "arches",
    "gallery-vltava": "waves",
    "gallery-kyiv": "domes",
    "gallery-reception": "circles",
    "gallery-old-town": "columns",
    "gallery-petrin": "fjord",
    "gallery-lviv": "arches",
}
WIDTHS = (480, 960, 1440)
ASPECT = (3, 2)


def palette(rng):
    base = rng.random()
    colours = []
    for shift in (0.0, 0.08, 0.5, 0.58, 0.9):
        hue = (base + shift) % 1.0
        colours.append(hsl(hue, 0.45 + rng.random() * 0.35, 0.3 + rng.random() * 0.4))
    return colours


def hsl(h, s, l):
    def channel(n):
        k = (n + h * 12) % 12
        a = s * min(l, 1 - l)
        return round(255 * (l - a * max(-1, min(k - 3, 9 - k, 1))))
    return (channel(0), channel(8), channel(4))


def draw(name, motif, width, height):
    rng = random.Random(hashlib.sha256(name.encode()).digest())
    colours = palette(rng)
    img = Image.new("RGB", (width, height))
    px = ImageDraw.Draw(img)
    top, bottom = colours[0], colours[1]
    for y in range(height):
        t = y / height
        px.line([(0, y), (width, y)], fill=tuple(round(a + (b - a) * t) for a, b in zip(top, bottom)))
    layer = Image.new("RGBA", (width, height), (0, 0, 0, 0))
    d = ImageDraw.Draw(layer)
    s = width / 1440
    if motif == "stripes":
        for i in range(14):
            x = rng.uniform(-0.2, 1.0) * width
            d.polygon([(x, 0), (x + 120 * s, 0), (x + 420 * s, height), (x + 300 * s, height)],
                      fill=colours[2 + i % 3] + (150,))
    elif motif == "circles":
        for i in range(18):
            r = rng.uniform(40, 260) * s
            x, y = rng.uniform(0, width), rng.uniform(0, height)
            d.ellipse([x - r, y - r, x + r, y + r], fill=colours[2 + i % 3] + (140,))
    elif motif == "columns":
        for i in range(9):
            x = (i + 0.5) * width / 9
            h = rng.uniform(0.35, 0.85) * height
            d.rounded_rectangle([x - 45 * s, height - h, x + 45 * s, height], radius=40 * s,
                                fill=colours[2 + i % 3] + (220,))
    elif motif in ("fjord", "steppe", "waves"):
        layers = 5 if motif != "steppe" else 3
        for i in range(layers):
            base = height * (0.35 + 0.13 * i)
            amp = (140 if motif == "fjord" else 40 if motif == "steppe" else 70) * s
            freq = rng.uniform(1.5, 4.0)
            phase = rng.uniform(0, math.tau)
            pts = [(x, base + amp * math.sin(phase + freq * math.tau * x / width)) for x in range(0, width + 8, 8)]
            d.polygon(pts + [(width, height), (0, height)], fill=colours[2 + i % 3] + (200,))
    elif motif == "arches":
        for i in range(6):
            x = (i + 0.5) * width / 6
            r = width / 14
            d.rectangle([x - r, height * 0.55, x + r, height], fill=colours[2 + i % 3] + (210,))
            d.pieslice([x - r, height * 0.55 - r, x + r, height * 0.55 + r], 180, 360,
                       fill=colours[2 + i % 3] + (210,))
    elif motif == "domes":
        for i in range(5):
            x = rng.uniform(0.1, 0.9) * width
            r = rng.uniform(60, 150) * s
            base = height * rng.uniform(0.55, 0.8)
            d.rectangle([x - r, base, x + r, height], fill=colours[2 + i % 3] + (230,))
            d.ellipse([x - r, base - r * 1.3, x + r, base + r * 0.7], fill=colours[4] + (240,))
    img.paste(layer, (0, 0), layer)
    return img.filter(ImageFilter.GaussianBlur(radius=max(1, width // 720)))


def main():
    out = Path(sys.argv[1] if len(sys.argv) > 1 else Path(__file__).resolve().parent.parent / "public" / "images")
    out.mkdir(parents=True, exist_ok=True)
    total = 0
    for name, motif in IMAGES.items():
        for width in WIDTHS:
            height = width * ASPECT[1] // ASPECT[0]
            path = out / f"{name}-{width}.webp"
            draw(name, motif, width, height).save(path, "WEBP", quality=60, method=6)
            total += path.stat().st_size
    print(f"wrote {len(IMAGES) * len(WIDTHS)} files, {total / 1024:.0f} KiB, to {out}")


if __name__ == "__main__":
    main()

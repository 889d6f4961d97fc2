#!/usr/bin/env python3
"""Render resources/icon.svg to the app icons a bundle needs: PNGs, a Windows .ico, a macOS .icns.

    uv run --group packaging python packaging/make_icons.py OUT_DIR

QtSvg draws the SVG at each size (so small sizes are drawn, not shrunk); Pillow writes the
.ico and .icns from those drawings.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PIL import Image
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "resources" / "icon.svg"
NAME = "pmo-journal"
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512, 1024)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)


def render(renderer: QSvgRenderer, size: int, path: Path) -> None:
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    if not image.save(str(path)):
        raise SystemExit(f"make-icons: could not write {path}")


def main(out: Path) -> int:
    _app = QGuiApplication(sys.argv[:1])
    renderer = QSvgRenderer(str(SOURCE))
    if not renderer.isValid():
        raise SystemExit(f"make-icons: {SOURCE} is not a valid SVG")
    out.mkdir(parents=True, exist_ok=True)
    pngs = {size: out / f"{NAME}-{size}.png" for size in PNG_SIZES}
    for size, path in pngs.items():
        render(renderer, size, path)
    frames = [Image.open(pngs[size]).convert("RGBA") for size in ICO_SIZES]
    frames[-1].save(
        out / f"{NAME}.ico",
        sizes=[(size, size) for size in ICO_SIZES],
        append_images=frames[:-1],
    )
    largest = Image.open(pngs[1024]).convert("RGBA")
    largest.save(
        out / f"{NAME}.icns",
        append_images=[Image.open(pngs[s]) for s in (16, 32, 64, 128, 256, 512)],
    )
    print(f"Icons in {out}: {len(pngs)} PNGs, {NAME}.ico, {NAME}.icns")
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 2:
        raise SystemExit(__doc__)
    sys.exit(main(Path(sys.argv[1])))

"""The app's look: Fusion style with a light or dark palette that follows the system."""

from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QStyleFactory

# A calm dark palette; the light one is Fusion's own.
_DARK = {
    QPalette.ColorRole.Window: "#3a3c41",
    QPalette.ColorRole.WindowText: "#e6e6e6",
    QPalette.ColorRole.Base: "#1e1f22",
    QPalette.ColorRole.AlternateBase: "#26282b",
    QPalette.ColorRole.ToolTipBase: "#3a3d41",
    QPalette.ColorRole.ToolTipText: "#e6e6e6",
    QPalette.ColorRole.PlaceholderText: "#8c8f94",
    QPalette.ColorRole.Text: "#e6e6e6",
    QPalette.ColorRole.Button: "#43464b",
    QPalette.ColorRole.ButtonText: "#e6e6e6",
    QPalette.ColorRole.BrightText: "#ff6b6b",
    QPalette.ColorRole.Light: "#45484d",
    QPalette.ColorRole.Midlight: "#3a3d41",
    QPalette.ColorRole.Mid: "#2f3135",
    QPalette.ColorRole.Dark: "#1a1b1e",
    QPalette.ColorRole.Shadow: "#111214",
    QPalette.ColorRole.Highlight: "#3d6fb4",
    QPalette.ColorRole.HighlightedText: "#ffffff",
    QPalette.ColorRole.Link: "#7fb0f0",
    QPalette.ColorRole.LinkVisited: "#b39ddb",
}
_DISABLED_DARK = "#7a7d82"


# The scheme the last start found, to paint the first frame in without asking the system:
# the first touch of Qt's namespace (which creates all its enums) costs a tenth of a start.
REMEMBERED_SCHEME = "appearance/dark"


def is_dark() -> bool:
    from PySide6.QtCore import Qt

    return QGuiApplication.styleHints().colorScheme() == Qt.ColorScheme.Dark


def palette_for(*, dark: bool) -> QPalette:
    """The palette for the light or the dark scheme."""
    style = QStyleFactory.create("Fusion")
    palette = style.standardPalette()
    if not dark:
        return palette
    for role, color in _DARK.items():
        palette.setColor(role, QColor(color))
    for role in (
        QPalette.ColorRole.Text,
        QPalette.ColorRole.ButtonText,
        QPalette.ColorRole.WindowText,
    ):
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor(_DISABLED_DARK))
    return palette


def apply_scheme(app: QApplication) -> None:
    app.setPalette(palette_for(dark=is_dark()))


def follow_system_scheme(app: QApplication) -> None:
    """Use Fusion, paint in the system's scheme now and whenever it changes."""
    app.setStyle("Fusion")
    apply_scheme(app)
    QGuiApplication.styleHints().colorSchemeChanged.connect(lambda _scheme: apply_scheme(app))


def remembered_dark() -> bool:
    return bool(QSettings().value(REMEMBERED_SCHEME, False, type=bool))


def follow_system_scheme_soon(app: QApplication) -> None:
    """Like :func:`follow_system_scheme`, in the scheme the last start found (light the
    first time); :func:`check_system_scheme` then asks the system, after the first paint."""
    if app.style().name().casefold() != "fusion":  # often already Fusion, then not made anew
        app.setStyle("Fusion")
    app.setPalette(palette_for(dark=remembered_dark()))


def check_system_scheme(app: QApplication) -> None:
    """Repaint in the system's scheme if it is not the remembered one (it changed since the
    last start), remember it, and follow its changes from now on."""
    dark = is_dark()
    if dark != remembered_dark():
        QSettings().setValue(REMEMBERED_SCHEME, dark)
        apply_scheme(app)
    QGuiApplication.styleHints().colorSchemeChanged.connect(lambda _scheme: apply_scheme(app))

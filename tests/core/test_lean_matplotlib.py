"""matplotlib as the journal imports it (:mod:`pmo_journal.core.charts.lean_matplotlib`):
without the 3D toolkit and the generated ``Artist.set`` docstrings, and otherwise the same.

Each check runs in a fresh interpreter: what it tests happens once, at import."""

from __future__ import annotations

import subprocess
import sys
import textwrap


def _run(code: str) -> str:
    done = subprocess.run(
        [sys.executable, "-W", "error::UserWarning", "-c", textwrap.dedent(code)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_the_charts_import_matplotlib_without_its_3d_toolkit_and_without_a_warning() -> None:
    out = _run(
        """
        import sys
        import pmo_journal.core.charts.figures
        import matplotlib.figure
        print(sys.modules.get("mpl_toolkits.mplot3d", "absent"))
        figure = matplotlib.figure.Figure()
        figure.add_subplot(projection="polar")
        print(type(figure.axes[0]).__name__)
        """
    )
    assert out.split() == ["None", "PolarAxes"]


def test_set_takes_the_same_properties_and_refuses_the_same_mistakes() -> None:
    out = _run(
        """
        import pmo_journal.core.charts.lean_matplotlib
        from matplotlib.lines import Line2D
        from matplotlib.text import Text
        line = Line2D([0, 1], [0, 1])
        line.set(color="#123456", lw=3, label="trend")
        print(line.get_color(), line.get_linewidth(), line.get_label())
        text = Text(text="x")
        text.set(fontsize=9, color="red")
        print(text.get_fontsize())
        try:
            line.set(colour="red")
        except AttributeError as exc:
            print("refused", "colour" in str(exc))
        print(Line2D.set is not Text.set, Line2D.set.__doc__)
        """
    )
    assert out.split() == ["#123456", "3.0", "trend", "9.0", "refused", "True", "True", "None"]


def test_the_dashboard_canvas_imports_the_lean_matplotlib_first() -> None:
    """The dashboard's canvas imports matplotlib itself; the lean import comes first there
    too (its generated docstrings would otherwise already be written)."""
    out = _run(
        """
        import pmo_journal.ui.dashboard.chart_panel
        from matplotlib.lines import Line2D
        print(Line2D.set.__doc__)
        """
    )
    assert out.split() == ["None"]

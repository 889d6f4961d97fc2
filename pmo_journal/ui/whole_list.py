"""Lists shown whole inside a scrolling pane: the view is as tall as its rows and never
scrolls by itself, so one wheel moves one pane."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QAbstractItemView, QListView, QSizePolicy, QTableView


class _WholeHeight(QObject):
    """Keeps a view's height at its content's, as rows come and go and as it wraps."""

    def __init__(self, view: QAbstractItemView) -> None:
        super().__init__(view)
        self.view = view
        # After the view has laid its rows out for the new width or rows.
        self._pending = QTimer(self, singleShot=True, interval=0)
        self._pending.timeout.connect(self.fit)
        view.viewport().installEventFilter(self)
        model = view.model()
        for signal in (
            model.modelReset,
            model.rowsInserted,
            model.rowsRemoved,
            model.layoutChanged,
            model.dataChanged,
        ):
            signal.connect(self._pending.start)
        self.fit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.Resize, QEvent.Type.Show):
            self._pending.start()
        return False

    def fit(self) -> None:
        view = self.view
        height = 2 * view.frameWidth() + content_height(view)
        if view.height() != height or view.minimumHeight() != height:
            view.setFixedHeight(height)


def content_height(view: QAbstractItemView) -> int:
    """The height the view's rows (and a table's header) take at its current width."""
    model = view.model()
    rows = model.rowCount() if model is not None else 0
    if isinstance(view, QTableView):
        view.doItemsLayout()  # rows sized to their wrapped text at this width
        header = view.horizontalHeader()
        top = header.sizeHint().height() if not header.isHidden() else 0
        return top + sum(view.rowHeight(row) for row in range(rows))
    if isinstance(view, QListView) and rows:
        view.doItemsLayout()
        last = view.visualRect(model.index(rows - 1, 0))
        return last.bottom() + 1 + view.verticalOffset() + view.spacing()
    return view.sizeHintForRow(0) if rows else view.fontMetrics().height() + 8


def show_whole(view: QAbstractItemView) -> None:
    """Make ``view`` as tall as its rows, with no scroll bars of its own: for a list that
    sits in a pane which scrolls (its rows wrap to the width it is given)."""
    view.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    policy = view.sizePolicy()
    policy.setVerticalPolicy(QSizePolicy.Policy.Fixed)
    view.setSizePolicy(policy)
    _WholeHeight(view)

"""Before the audit pack is saved: the holder's name and PMI ID (remembered in the
journal) and the paper, A4 or Letter (remembered on this computer)."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QSettings, QSize, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from pmo_journal.core.services.holder import Holder, check_holder
from pmo_journal.core.validation import JournalError
from pmo_journal.report.options import Paper

PAPER_KEY = "pdus/audit_pack_paper"
ERROR_STYLE = "color: #a23b2a;"
#: How wide the form is, in average characters: its sentence reads in two lines.
READING_CHARS = 60
#: What the form leaves of the screen (its frame and title bar, the task bar).
SCREEN_MARGIN = QSize(24, 64)


@dataclass(frozen=True)
class AuditPackChoice:
    holder: Holder
    paper: Paper


class AuditPackDialog(QDialog):
    """Shown through ``prompts.fill_in``; ``choice`` holds the answer once accepted."""

    def __init__(self, remembered: Holder, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("PDU audit pack")
        self.choice: AuditPackChoice | None = None
        self.name = QLineEdit(remembered.name)
        self.name.setPlaceholderText("As on your PMI certificate")
        self.pmi_id = QLineEdit(remembered.pmi_id)
        self.pmi_id.setPlaceholderText("The number on your PMI profile")
        self.paper = QComboBox()
        for paper in Paper:
            self.paper.addItem(paper.label, paper.value)
        kept = QSettings().value(PAPER_KEY, Paper.A4.value)
        self.paper.setCurrentIndex(max(0, self.paper.findData(kept)))
        self.problem = QLabel(wordWrap=True)
        self.problem.setObjectName("problem")
        self.problem.setStyleSheet(ERROR_STYLE)
        self.problem.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.problem.hide()
        form = QFormLayout()
        form.addRow("&Name:", self.name)
        form.addRow("PMI &ID:", self.pmi_id)
        form.addRow("&Paper:", self.paper)
        buttons = QDialogButtonBox()
        self.save_button = buttons.addButton(
            "&Save as PDF…", QDialogButtonBox.ButtonRole.AcceptRole
        )
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.save_button.setDefault(True)
        layout = QVBoxLayout(self)
        self.intro = QLabel(
            "The audit pack names you as PMI knows you. Your name and PMI ID are kept in "
            "the journal for next time.",
            wordWrap=True,
        )
        layout.addWidget(self.intro)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        self.fit_to_content()

    def fit_to_content(self) -> None:
        """Wide enough for its sentence in a few lines and its fields' hints, as tall as
        that makes it, and never larger than the screen."""
        metrics = self.fontMetrics()
        hints = max(
            metrics.horizontalAdvance(f.placeholderText()) for f in (self.name, self.pmi_id)
        )
        width = max(self.sizeHint().width(), metrics.averageCharWidth() * READING_CHARS, hints * 2)
        layout = self.layout()
        height = layout.totalHeightForWidth(width) if layout is not None else -1
        wanted = QSize(width, max(height, self.minimumSizeHint().height()))
        screen = (self.parentWidget() or self).screen()
        self.resize(wanted.boundedTo(screen.availableGeometry().size() - SCREEN_MARGIN))

    def accept(self) -> None:
        """Checked by the core first: a problem is shown as it says, and nothing is lost."""
        try:
            holder = check_holder(self.name.text(), self.pmi_id.text())
        except JournalError as exc:
            self.problem.setText(str(exc))
            self.problem.show()
            return
        paper = Paper(self.paper.currentData())
        QSettings().setValue(PAPER_KEY, paper.value)
        self.choice = AuditPackChoice(holder, paper)
        super().accept()

"""Asking for the passphrase of an encrypted journal when the app starts."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)


class PassphraseDialog(QDialog):
    """One masked field for the passphrase, and a line for what went wrong last time."""

    def __init__(self, path: Path, *, problem: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Encrypted journal")
        intro = QLabel(f"<b>{path.name}</b> is encrypted. Enter its passphrase to open it.")
        intro.setWordWrap(True)
        self.field = QLineEdit()
        self.field.setEchoMode(QLineEdit.EchoMode.Password)
        self.field.setAccessibleName("Passphrase")
        self.problem = QLabel(problem)
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #b3261e;")
        self.problem.setVisible(bool(problem))
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Open | QDialogButtonBox.StandardButton.Cancel
        )
        self.open_button = self.buttons.button(QDialogButtonBox.StandardButton.Open)
        self.open_button.setEnabled(False)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.field.textChanged.connect(lambda text: self.open_button.setEnabled(bool(text)))
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.field)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(380)

    def passphrase(self) -> str:
        return self.field.text()


def ask_passphrase(parent: QWidget | None, path: Path, *, problem: str = "") -> str | None:
    """The passphrase the user typed, or ``None`` if they cancelled (tests replace this)."""
    dialog = PassphraseDialog(path, problem=problem, parent=parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.passphrase()

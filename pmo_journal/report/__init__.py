"""The progress report: document building and PDF/print rendering (QtGui, no widgets)."""

"""PMO Career Journal: an offline career journal for project professionals."""

__version__ = "0.1.0"

"""Export and import: the versioned JSON exchange format, CSV and Markdown, jrnl and Day One."""

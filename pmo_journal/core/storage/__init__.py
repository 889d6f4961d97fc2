"""Storage: the journal file, its engine and schema, backups, encryption and inspection."""

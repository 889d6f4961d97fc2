"""PDUs: the PMI rules for professional development units, the ledger as text, the audit table."""

"""The sample journal: a realistic, seeded history of a path into a PMO."""

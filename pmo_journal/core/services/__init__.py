"""Use cases of the journal: one plain function each, taking a :class:`Journal`.

Every function opens its own session and returns read models, never live rows.
"""

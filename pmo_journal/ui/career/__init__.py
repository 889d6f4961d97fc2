"""The career plan screens: goals, open action items, readiness, mentor cadence and reminders."""

"""The People screen: everyone the journal names."""

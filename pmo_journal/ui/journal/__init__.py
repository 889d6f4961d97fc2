"""The journal screen: the timeline of every entry, its filters and detail pane."""

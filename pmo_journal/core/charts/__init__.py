"""Charts: matplotlib Figure builders (no pyplot, no Qt), their themes and the dashboard's set."""

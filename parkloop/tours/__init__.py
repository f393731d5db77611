"""QR tours: stations, routes, posters and the passport (issue: QR tours)."""

"""No background work yet: inspections are written in the browser. Kept for the app's file set."""

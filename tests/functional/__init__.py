"""Functional tests of the kiosk's Textual app: Pilot tests and SVG snapshots."""

"""The kiosk's Textual user interface: `make_app(settings, source)` builds it.

Only this package imports textual; the verification core and scanners stay headless.
"""

from kiosk.app.app import KioskApp, make_app

__all__ = ["KioskApp", "make_app"]

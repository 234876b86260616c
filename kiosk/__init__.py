"""Credential Kiosk: verify learner credentials shown as QR codes, with a verdict a
receptionist cannot misread."""

__version__ = "0.1.0"

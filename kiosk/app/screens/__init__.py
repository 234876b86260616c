"""The kiosk's screens: scanning (the resting state) and the verdict."""

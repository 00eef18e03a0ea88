"""The minimal Qt Quick + Virtual Keyboard app the kiosk's cold start is compared with."""

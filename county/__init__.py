"""County server: receives kiosk pushes over sync protocol v1 and stores them exactly once."""

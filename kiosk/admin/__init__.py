"""The technician's command-line tool `kiosk-admin`."""

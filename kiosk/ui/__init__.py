"""The Qt Quick touch UI: thin view-models over kiosk.services, QML in resources/qml."""

"""Bianmin Kiosk: offline-first self-service terminal client (便民自助终端)."""

__version__ = "0.1.0"

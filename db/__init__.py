"""The kiosk's local store: typed models, a durable SQLite engine, migrations and PII encryption."""

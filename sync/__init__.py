"""The kiosk's sync client (imports db, never kiosk): signed transport, backoff, push, attachments, pull,
enrolment, heartbeat and the background scheduler; the wire protocol itself is in `sync.protocol`."""

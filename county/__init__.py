"""County server of sync protocol v1: enrolment, signed push/pull/heartbeat, attachments, operator CLI."""

"""Hardware ports and their adapters (camera, QR reader, keyboard-wedge scanner); no Qt in here."""

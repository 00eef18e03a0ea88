"""Pure domain rules: catalog, forms, identity numbers, ratings, vouchers, masking (no Qt, no SQL, no I/O)."""

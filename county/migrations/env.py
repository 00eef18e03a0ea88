"""Alembic environment of the county database: runs only on a connection handed in by county.migrate."""

from alembic import context

from county.models import Base

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("run county migrations through county.migrate, which supplies the connection")

context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()

"""Alembic environment: the api's models and its database URL."""

from __future__ import annotations

from logging.config import fileConfig

from alembic import context

from api.core.db import get_engine
from api.core.settings import get_settings
from api.models import Base

config = context.config
if config.config_file_name is not None and config.attributes.get("configure_logger", True):
    fileConfig(config.config_file_name, disable_existing_loggers=False)

url = config.get_main_option("sqlalchemy.url") or get_settings().database_url

if context.is_offline_mode():
    context.configure(url=url, target_metadata=Base.metadata, literal_binds=True)
    with context.begin_transaction():
        context.run_migrations()
else:
    with get_engine(url).connect() as connection:
        context.configure(
            connection=connection,
            target_metadata=Base.metadata,
            render_as_batch=url.startswith("sqlite"),  # SQLite cannot ALTER most things
        )
        with context.begin_transaction():
            context.run_migrations()

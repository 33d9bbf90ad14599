"""One settings object for the CLI, the store and the web app (environment variables with a ``KG_`` prefix)."""

from __future__ import annotations

from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    """Configuration, read once at start-up from ``KG_*`` environment variables."""

    model_config = SettingsConfigDict(env_prefix="KG_", extra="ignore")

    data_dir: Path = Field(Path("./data"), description="Directory of the on-disk Oxigraph store.")
    in_memory: bool = Field(False, description="Keep the store in memory (tests); KG_DATA_DIR is then ignored.")
    seeds_dir: Path = Field(Path("./seeds"), description="Folder of articles that `kg build` ingests.")
    max_article_bytes: int = Field(1_000_000, description="Largest article accepted, in bytes (UTF-8).")
    validate_on_ingest: bool = Field(True, description="Run pySHACL on each article's graph before it commits.")
    query_timeout_s: float = Field(10.0, description="Longest a SPARQL query may run, in seconds.")
    query_max_results: int = Field(10_000, description="Most rows (or triples) a SPARQL query returns.")


def get_settings() -> Settings:
    """Build the settings from the environment (call once, at start-up)."""
    return Settings()

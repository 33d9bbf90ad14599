"""One settings object for the CLI, the store and the web app (environment variables, ``KG_`` prefix)."""

from __future__ import annotations

from pathlib import Path

from pydantic import Field, ValidationError, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from kg.errors import KGError


class BadSettings(KGError):
    """A ``KG_*`` environment variable whose value is not valid; the message names the variable."""

    code = "KG001"


class Settings(BaseSettings):
    """Configuration, read once at start-up from ``KG_*`` environment variables."""

    model_config = SettingsConfigDict(env_prefix="KG_", extra="ignore")

    data_dir: Path = Field(Path("./data"), description="Directory of the on-disk Oxigraph store.")
    in_memory: bool = Field(False, description="Keep the store in memory (tests); KG_DATA_DIR is ignored.")
    seeds_dir: Path = Field(Path("./seeds"), description="Folder of articles that `kg build` ingests.")
    max_article_bytes: int = Field(1_000_000, gt=0, description="Largest article accepted, in bytes (UTF-8).")
    validate_on_ingest: bool = Field(True, description="Run pySHACL on each article graph before it commits.")
    query_timeout_s: float = Field(10.0, gt=0, description="Longest a SPARQL query may run, in seconds.")
    query_max_results: int = Field(10_000, gt=0, description="Most rows (or triples) a SPARQL query returns.")
    service_allowlist: tuple[str, ...] = Field(
        (), description="Endpoint IRIs a SPARQL SERVICE clause may reach (JSON list); empty refuses all."
    )

    @field_validator("data_dir", "seeds_dir", mode="before")
    @classmethod
    def _not_empty(cls, value: object) -> object:
        if isinstance(value, str) and not value.strip():
            raise ValueError("must name a directory (an empty value would use the current directory)")
        return value


def get_settings() -> Settings:
    """Build the settings from the environment (call once, at start-up).

    Raises :class:`BadSettings` naming each ``KG_*`` variable whose value is not valid.
    """
    try:
        return Settings()
    except ValidationError as exc:
        problems = "; ".join(
            f"KG_{'_'.join(str(p) for p in err['loc']).upper()}: {err['msg']}" for err in exc.errors()
        )
        raise BadSettings(f"invalid settings: {problems}") from exc

"""One settings object for the CLI, the store and the web app (environment variables, ``KG_`` prefix)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

from pydantic import Field, ValidationError, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict, SettingsError

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
    query_timeout_s: float = Field(
        10.0, gt=0, le=3600, description="Longest a SPARQL query may run, in seconds (at most an hour)."
    )
    query_max_results: int = Field(10_000, gt=0, description="Most rows (or triples) a SPARQL query returns.")
    service_allowlist: Annotated[tuple[str, ...], NoDecode] = Field(
        (),
        description="Endpoint IRIs a SPARQL SERVICE clause may reach (a JSON list or comma-separated); empty "
        "refuses all.",
    )

    @field_validator("service_allowlist", mode="before")
    @classmethod
    def _iri_list(cls, value: object) -> object:
        """A JSON list (``["http://a/sparql"]``) or a comma-separated list of endpoint IRIs."""
        if not isinstance(value, str):
            return value
        text = value.strip()
        if text.startswith("["):
            try:
                return json.loads(text)
            except json.JSONDecodeError as exc:
                raise ValueError(f"not a JSON list ({exc.msg})") from exc
        items = [x.strip() for x in text.split(",") if x.strip()]
        for item in items:
            if not item.startswith(("http://", "https://")):
                raise ValueError(f"{item!r} is not an http(s) IRI")
        return items

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
    except SettingsError as exc:  # a value the settings source could not even parse
        raise BadSettings(f"invalid settings: {exc}") from exc
    except ValidationError as exc:
        problems = "; ".join(
            f"KG_{'_'.join(str(p) for p in err['loc']).upper()}: {err['msg']}" for err in exc.errors()
        )
        raise BadSettings(f"invalid settings: {problems}") from exc

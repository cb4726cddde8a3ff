"""Where a record or finding came from: a block of the `Document` and a character span in its text."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class SourceSpan(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    block: str = Field(description="Block id, e.g. 'b12'")
    page: int | None = None
    start: int = Field(ge=0, description="Offset into the document's normalised text")
    end: int = Field(ge=0)

from pipeline.read.dispatch import read_document
from schemas.document import SUFFIX_FORMATS

SUPPORTED_SUFFIXES = frozenset(SUFFIX_FORMATS)

__all__ = ["SUPPORTED_SUFFIXES", "read_document"]

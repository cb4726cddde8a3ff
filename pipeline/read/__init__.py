from pipeline.read.dispatch import read_document
from pipeline.read.source_file import SUFFIX_FORMATS

SUPPORTED_SUFFIXES = frozenset(SUFFIX_FORMATS)

__all__ = ["SUPPORTED_SUFFIXES", "read_document"]

"""Corpus generator for the ingest benchmark (issue 6): `python -m pipeline.corpus OUT --count 1000`."""

from pipeline.corpus.generate import CorpusStats, generate_corpus, modify_corpus
from pipeline.corpus.writers import CorpusError

__all__ = ["CorpusError", "CorpusStats", "generate_corpus", "modify_corpus"]

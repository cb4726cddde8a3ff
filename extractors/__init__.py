"""Extractors: pull numbers, codes, dates and names out of normalised document text."""

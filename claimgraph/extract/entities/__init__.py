"""Entities of one document: candidate spans, typing, alias clustering, sanctions-list gazetteer, unnamed groups,
pronouns and the token index the later stages read.
"""

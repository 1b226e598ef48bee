"""Who makes a claim or reports an event, how sure they are, and whether they deny it: speech frames, hedges and
negation, one engine for claims and events.
"""

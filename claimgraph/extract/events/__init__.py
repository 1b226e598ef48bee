"""Events: triggers, role-labelled participants, dates resolved against the publication date, places, counts and
weapons, merged one per incident.
"""

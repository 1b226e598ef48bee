"""Relations: the dependency-parse rules that propose typed links, and the claims built from them (with the trained
model, extract/models/).
"""

"""Training and honest measurement of the extraction models (`make train`, `make eval`).

Needs the shared corpus (../shared/eval) and scikit-learn; the package itself never imports this at run time.
"""

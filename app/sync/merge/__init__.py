"""Merging a bundle into this node: the pipeline of named steps that applies a verified bundle
(:func:`app.sync.merge.pipeline.apply_bundle`, its steps listed there, one module each), the rules they apply
(``ownership``: who may write what; ``scope``: the street of a record), the value conversions (``values``) and what
is left for people to decide afterwards (``review``: proposals and conflicts)."""

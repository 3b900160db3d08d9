"""The HTML front end's parts: decode (BOM, <meta charset>, detection), parse (lxml,
guarded), structured (JSON-LD, <meta>), hints (class and id names), score (the DOM's
priors) and frontend (the hooks the shared pipeline calls).

This package module imports nothing, so that a stage can use one part (the
segmenter uses `hints`) without loading the front end.
"""

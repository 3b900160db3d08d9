"""Front ends: one per kind of input, each turning a decoded page into the blocks and
priors that the shared pipeline (stripper/pipeline.py) runs on.

    text.py  rendered text dumps: lines and wrapped paragraphs
    html.py  HTML pages: the DOM's blocks, chrome containers, the article's container
"""

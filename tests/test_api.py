"""The library's entry points beside strip(), and what strip() leaves as it found it."""

import gc
import threading

import pytest

import stripper


def test_warm_up_loads_what_the_first_page_would():
    """In a fresh interpreter: nothing heavy on import, the language model after
    warm_up(), the date parser too after warm_up(full=True)."""
    import subprocess
    import sys

    code = (
        "import sys, stripper\n"
        "from stripper import language\n"
        "def state(): return (language._identifier.cache_info().currsize, "
        "'dateparser' in sys.modules)\n"
        "before = state()\n"
        "stripper.warm_up()\n"
        "after = state()\n"
        "stripper.warm_up(full=True)\n"
        "print(before, after, state())\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout.strip()
    assert out == "(0, False) (1, False) (1, True)"


def test_the_garbage_collector_is_on_again_after_a_page(monkeypatch):
    seen = []
    real = stripper._strip

    def spy(*args):
        seen.append(gc.isenabled())
        return real(*args)

    monkeypatch.setattr(stripper, "_strip", spy)
    assert gc.isenabled()
    html, dump = "<html><body><p>Hello there, world.</p></body></html>", "A dump\n\nof two"
    stripper.strip(html)
    with pytest.raises(ValueError):
        stripper.strip(b"x", kind="nonsense")
    assert gc.isenabled()
    gc.disable()
    try:
        stripper.strip(dump)
        assert not gc.isenabled()  # left as the caller had it
    finally:
        gc.enable()
    worker = threading.Thread(target=threading.Event().wait, args=(1,))
    worker.start()
    stripper.strip(dump)  # another thread runs: not paused
    worker.join()
    assert seen == [False, False, True]

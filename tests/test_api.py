"""The library's entry points beside strip()."""
def test_warm_up_loads_what_the_first_page_would():
    """In a fresh interpreter: nothing heavy on import, the language model and the date
    parser after warm_up()."""
    import subprocess
    import sys

    code = (
        "import sys, stripper\n"
        "from stripper import language\n"
        "before = (language._identifier.cache_info().currsize, 'dateparser' in sys.modules)\n"
        "stripper.warm_up()\n"
        "after = (language._identifier.cache_info().currsize, 'dateparser' in sys.modules)\n"
        "print(before, after)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout.strip()
    assert out == "(0, False) (1, True)"

"""What griffe could not load, found and told in one line (`docglot.reading.griffe_logs`)."""

import sys

from docglot.reading.griffe_logs import (
    directive_problem,
    file_problem,
    object_problem,
    package_aliases_problem,
)

BROKEN = '"""Waving."""\n\n\ndef wave(:\n    """Wave."""\n'


def test_a_public_re_export_of_a_module_that_does_not_parse(load, package_name):
    package = load(
        {"__init__.py": '__all__ = ["wave"]\n\nfrom .gestures import wave\n', "gestures.py": BROKEN}
    )

    expected = f"{package_name}/gestures.py:4: invalid syntax; fix this line: the module cannot be loaded"
    assert object_problem(package) == expected
    assert directive_problem(package.modules_collection, f"{package_name}.wave", sys.path) == expected
    assert package_aliases_problem(package) == expected


def test_an_import_a_page_does_not_show_fails_the_check_only(load, package_name):
    package = load({"__init__.py": "from .gestures import wave\n", "gestures.py": BROKEN})

    # Not public: `::: pkg` does not show it; `docglot check` reads every module.
    assert object_problem(package) is None
    assert package_aliases_problem(package) == (
        f"{package_name}/gestures.py:4: invalid syntax; fix this line: the module cannot be loaded"
    )


def test_a_missing_module_a_missing_name_and_imports_in_a_circle(load, package_name):
    package = load(
        {
            "__init__.py": "",
            "missing_module.py": "from .nothing import wave\n",
            "missing_name.py": "from .gestures import wav\n",
            "gestures.py": "def wave() -> None: ...\n",
            "left.py": "from .right import wave\n",
            "right.py": "from .left import wave\n",
        }
    )

    def problem(module: str) -> str | None:
        return directive_problem(
            package.modules_collection, f"{package_name}.{module}", sys.path, submodules=True
        )

    assert problem("missing_module.wave") == (
        f"{package_name}/missing_module.py:1: no module named '{package_name}.nothing'; "
        f"fix this line: '{package_name}.missing_module.wave' cannot be imported"
    )
    assert problem("missing_name.wav") == (
        f"{package_name}/missing_name.py:1: cannot import name 'wav' from '{package_name}.gestures'; "
        f"fix this line: '{package_name}.missing_name.wav' cannot be imported"
    )
    assert problem("left.wave") == (
        f"{package_name}/right.py:1: cyclic imports ({package_name}.left.wave -> {package_name}.right.wave "
        f"-> {package_name}.left.wave); fix this line: '{package_name}.right.wave' cannot be imported"
    )


def test_what_python_goes_on_without_is_no_problem(load):
    package = load(
        {
            "__init__.py": """
__all__ = ["Callable", "fast", "lazy", "Thing"]

from collections.abc import Callable

try:
    from ._speedups import fast
except ImportError:
    pass

from .dynamic import lazy
from .dynamic import Thing
""",
            "dynamic.py": "def __getattr__(name): ...\n\nfrom ._compiled import Thing\n",
            "_compiled.cpython-311-x86_64-linux-gnu.so": "",
        }
    )

    # A package that is not loaded, an optional module, names made at run time, a compiled module.
    assert package_aliases_problem(package) is None


def test_a_module_file_as_python_reads_it(tmp_path):
    latin = tmp_path / "latin.py"
    latin.write_bytes(b'# -*- coding: latin-1 -*-\n"""Caf\xe9."""\n')
    undeclared = tmp_path / "undeclared.py"
    undeclared.write_bytes(b'"""Caf\xe9."""\n')
    utf8 = tmp_path / "utf8.py"
    utf8.write_bytes('# -*- coding: utf-8 -*-\n"""Café."""\n'.encode())

    assert file_problem(latin) == (
        f"{latin.as_posix()}:2: this line is not UTF-8 (the file's coding line says iso-8859-1), and "
        "griffe reads Python files as UTF-8 only; save the file as UTF-8 and remove its coding line: the "
        "module cannot be loaded"
    )
    problem = file_problem(undeclared)
    assert problem is not None
    assert problem.startswith(
        f"{undeclared.as_posix()}:1: (unicode error) 'utf-8' codec can't decode byte 0xe9"
    )
    assert file_problem(utf8) is None

"""Each metadata rule (DG100-DG110) on a package that breaks it and on one that does not."""

from __future__ import annotations

from tests.checks.metadata.conftest import Project, undocumented
from tests.mini_site import MiniSite

HEADER = """
from typing import Annotated

from annotated_doc import Doc
"""
"""Lines 1-3 of most fixture modules: the `Doc` code is from line 5 on."""

SITE_CONFIG = MiniSite(languages=("en", "de"), nav="", docstring_style=None).config()


def test_dg100_an_object_docglot_cannot_read(project: Project) -> None:
    # Reading a 1500-part concatenation recurses deeper than Python allows.
    parts = " + ".join(['"a"'] * 1500)
    project.write(
        {
            "src/pkg/__init__.py": HEADER
            + f"""
def f(a: Annotated[str, Doc({parts})]) -> None:
    '''F.'''


def g(b: Annotated[str, Doc("B.")]) -> None:
    '''G, read as usual.'''
""",
        }
    )
    ((path, line, column, code, message),) = project.findings("src")
    assert (path, line, column, code) == ("src/pkg/__init__.py", 5, 1, "DG100")
    # Where the limit is hit depends on the stack: Python words the error after it.
    reason = message.removeprefix("docglot could not read pkg.f: ").removesuffix("; it is left as it was")
    assert reason in {
        "RecursionError('maximum recursion depth exceeded')",
        "RecursionError('maximum recursion depth exceeded while calling a Python object')",
        "RecursionError('maximum recursion depth exceeded in comparison')",
    }


def test_dg100_not_on_a_long_but_readable_concatenation(project: Project) -> None:
    parts = " + ".join(['"a"'] * 50)
    project.write(
        {"src/pkg/__init__.py": HEADER + f"\ndef f(a: Annotated[str, Doc({parts})]) -> None: ...\n"}
    )
    text = " + ".join(["'a'"] * 50)
    assert project.findings("src") == [
        (
            "src/pkg/__init__.py",
            5,
            1,
            "DG102",
            f"Doc({text}): the argument is not one string literal; write the text itself in the Doc",
        ),
    ]


def test_dg101_public_parameters_without_documentation(project: Project) -> None:
    project.write(
        {
            "src/pkg/__init__.py": '''
            """A package without __all__: its modules are public."""

            from pkg.tools import helper


            def f(x: int, y: int) -> None:
                """F documents no parameter."""


            class Thing:
                """A thing."""

                def __init__(self, size: int) -> None:
                    self.size = size

                def method(self, z: int, /, *rest: int, key: str, **options: int) -> None:
                    """A method."""
            ''',
            "src/pkg/tools.py": """
            def helper(w) -> None: ...
            """,
        }
    )
    where = "src/pkg/__init__.py"
    assert project.findings("src") == [
        (where, 6, 1, "DG101", undocumented("x", "pkg.f")),
        (where, 6, 1, "DG101", undocumented("y", "pkg.f")),
        (where, 13, 1, "DG101", undocumented("size", "pkg.Thing.__init__")),
        (where, 16, 1, "DG101", undocumented("key", "pkg.Thing.method")),
        (where, 16, 1, "DG101", undocumented("options", "pkg.Thing.method")),
        (where, 16, 1, "DG101", undocumented("rest", "pkg.Thing.method")),
        (where, 16, 1, "DG101", undocumented("z", "pkg.Thing.method")),
        ("src/pkg/tools.py", 1, 1, "DG101", undocumented("w", "pkg.tools.helper")),
    ]


def test_dg101_not_on_documented_private_forwarded_or_deprecated_parameters(project: Project) -> None:
    project.write(
        {
            "src/pkg/__init__.py": '''
            """The public API is what __all__ lists."""

            from collections.abc import Callable
            from typing import Annotated, ParamSpec, TypedDict, Unpack

            from annotated_doc import Doc
            from typing_extensions import deprecated

            from pkg import tools
            from pkg.engine import run

            __all__ = ["Options", "Thing", "configure", "documented", "forward", "old", "run", "tools"]

            P = ParamSpec("P")


            class Options(TypedDict):
                """Options."""

                size: Annotated[int, Doc("The size.")]


            def configure(**kwargs: Unpack[Options]) -> None:
                """Its keys are the documentation of **kwargs."""


            def forward(
                func: Annotated[Callable[P, None], Doc("What to call.")], *args: P.args, **kwargs: P.kwargs
            ) -> None:
                """What *args and **kwargs hold is documented by `func`."""


            def documented(a: Annotated[int, Doc("A.")], b: int) -> None:
                """Documented twice over.

                Args:
                    b: B, from the docstring.
                """


            def old(a: Annotated[int, Doc("A.")], legacy: Annotated[int, deprecated("Use a.")] = 0) -> None:
                """Its deprecated parameter's notice is its description."""


            def _private(x: int) -> None:
                """Private."""


            class Thing:
                """A thing."""

                def _hidden(self, x: int) -> None:
                    """Private."""


            class _Hidden:
                def method(self, x: int) -> None:
                    """A public name in a private class."""


            def unlisted(x: int) -> None:
                """Public by its name, but __all__ leaves it out."""
            ''',
            "src/pkg/tools.py": '''
            from typing import Annotated

            from annotated_doc import Doc


            def helper(w: Annotated[int, Doc("W.")]) -> None:
                """Listed in the package's __all__, and documented."""
            ''',
            "src/pkg/engine.py": '''
            """Not in __all__: where the API is implemented."""

            from typing import Annotated

            from annotated_doc import Doc


            def run(task: Annotated[str, Doc("The task.")]) -> None:
                """Public through its name in __all__."""


            def internal(x: int) -> None:
                """Not public: its module is not in the package's __all__."""
            ''',
        }
    )
    assert project.findings("src") == []


def test_dg101_in_a_module_listed_in_all(project: Project) -> None:
    project.write(
        {
            "src/pkg/__init__.py": """
            from pkg import tools

            __all__ = ["tools"]
            """,
            "src/pkg/tools.py": """
            def helper(w: int) -> None: ...


            def _private(v: int) -> None: ...
            """,
        }
    )
    assert project.findings("src") == [
        ("src/pkg/tools.py", 1, 1, "DG101", undocumented("w", "pkg.tools.helper"))
    ]


def test_dg101_ignored_by_a_comment_on_its_line(project: Project) -> None:
    project.write(
        {
            "src/pkg/__init__.py": """
            def f(  # docglot: ignore[DG101]
                a: int,  # docglot: ignore[DG101]
                b: int,  # docglot: ignore[DG103, DG101]
                c: int,  # docglot: ignore[DG103]
                d: int,  # "docglot: ignore[DG101]" is only a comment when it is one
            ) -> None: ...
            """,
        }
    )
    assert project.findings("src") == [
        ("src/pkg/__init__.py", 4, 1, "DG101", undocumented("c", "pkg.f")),
        ("src/pkg/__init__.py", 5, 1, "DG101", undocumented("d", "pkg.f")),
    ]


def test_dg102_doc_arguments_that_are_not_one_string_literal(project: Project) -> None:
    project.write(
        {
            "src/pkg/__init__.py": HEADER
            + '''
UNIT = "seconds"
TEXT = "From a constant."


def f(
    a: Annotated[int, Doc(f"In {UNIT}.")],
    b: Annotated[int, Doc(TEXT)],
    c: Annotated[int, Doc("Two " + "parts.")],
    d: Annotated[int, Doc(str(1))],
    e: Annotated[int, Doc("One.", "Two.")],
    g: Annotated[int, Doc()],
    h: Annotated[int, Doc(f"No placeholder.")],
) -> None:
    """F."""
''',
        }
    )
    where = "src/pkg/__init__.py"
    not_one = "the argument is not one string literal; write the text itself in the Doc"
    # A Doc that cannot be read is its own finding: its parameter is not also undocumented.
    assert project.findings("src") == [
        (
            where,
            10,
            1,
            "DG102",
            "Doc(f'In {UNIT}.'): the argument is an f-string with placeholders; "
            "write the text as a string literal",
        ),
        (where, 11, 1, "DG102", f"Doc(TEXT): {not_one}"),
        (where, 12, 1, "DG102", f"Doc('Two ' + 'parts.'): {not_one}"),
        (
            where,
            13,
            1,
            "DG102",
            "Doc(str(1)): the argument is not a string literal; write the text as a string literal",
        ),
        (where, 14, 1, "DG102", "Doc() takes exactly one string argument; it is ignored"),
        (where, 15, 1, "DG102", "Doc() takes exactly one string argument; it is ignored"),
        (where, 16, 1, "DG102", f"Doc(f'No placeholder.'): {not_one}"),
    ]


def test_dg102_not_on_string_literals(project: Project) -> None:
    project.write(
        {
            "src/pkg/__init__.py": HEADER
            + '''
def f(
    a: Annotated[int, Doc("One literal.")],
    b: Annotated[int, Doc("Implicitly " "joined.")],
    c: Annotated[
        int,
        Doc(
            """
            Triple-quoted,
            on several lines.
            """
        ),
    ],
) -> None:
    """F."""
''',
        }
    )
    assert project.findings("src") == []


def test_dg103_empty_and_blank_doc(project: Project) -> None:
    project.write(
        {
            "src/pkg/__init__.py": HEADER
            + '''
def f(
    a: Annotated[int, Doc("")],
    b: Annotated[int, Doc("   \\n   ")],
    c: Annotated[int, Doc("   ")],
) -> None:
    """F.

    Args:
        c: C, which the blank Doc does not hide.
    """
''',
        }
    )
    where = "src/pkg/__init__.py"
    empty = "Doc text is empty; write what the value is for, or remove the Doc"
    # A blank Doc is its own finding: its parameter is not also undocumented.
    assert project.findings("src") == [
        (where, 6, 1, "DG103", empty),
        (where, 7, 1, "DG103", empty),
        (where, 8, 1, "DG103", empty),
    ]


def test_dg103_not_on_a_text(project: Project) -> None:
    project.write({"src/pkg/__init__.py": HEADER + '\ndef f(a: Annotated[int, Doc(" A. ")]) -> None: ...\n'})
    assert project.findings("src") == []


def test_dg104_two_doc_in_one_annotated(project: Project) -> None:
    project.write(
        {
            "src/pkg/__init__.py": HEADER
            + """
def f(
    a: Annotated[int, Doc("First."), Doc("Second.")],
) -> None: ...
""",
        }
    )
    assert project.findings("src") == [
        (
            "src/pkg/__init__.py",
            6,
            1,
            "DG104",
            "several Doc in one Annotated: readers keep only the last; merge them into one",
        ),
    ]


def test_dg104_not_on_nested_annotated_or_other_metadata(project: Project) -> None:
    project.write(
        {
            "src/pkg/__init__.py": HEADER
            + """
from typing_extensions import deprecated

Name = Annotated[str, Doc("A name.")]


def f(
    a: Annotated[Name, Doc("The user's name: the outer Doc wins over the alias's.")],
    b: Annotated[int, Doc("B."), deprecated("Use a.")],
) -> None: ...
""",
        }
    )
    assert project.findings("src") == []


def test_dg105_doc_where_no_tool_reads_it(project: Project) -> None:
    project.write(
        {
            "src/pkg/__init__.py": HEADER
            + """
HELP = Doc("Outside any annotation.")


def f(a: int = Doc("A default value.")) -> None: ...


def g(b: Annotated[Doc("The type, not the metadata."), "metadata"]) -> None: ...
""",
        }
    )
    where = "src/pkg/__init__.py"
    advice = (
        'is not in the metadata of an Annotated[...], where no tool reads it; write Annotated[T, Doc("...")]'
    )
    assert project.findings("src") == [
        (where, 5, 8, "DG105", f"Doc('Outside any annotation.') {advice}"),
        (where, 8, 1, "DG101", undocumented("a", "pkg.f")),
        (where, 8, 16, "DG105", f"Doc('A default value.') {advice}"),
        (where, 11, 1, "DG101", undocumented("b", "pkg.g")),
        (where, 11, 20, "DG105", f"Doc('The type, not the metadata.') {advice}"),
    ]


def test_dg105_not_on_metadata_or_another_doc(project: Project) -> None:
    project.write(
        {
            "src/pkg/__init__.py": HEADER
            + '''
def f(a: Annotated[int, Doc("A.")] = 1) -> None:
    """Mentions Doc("this") in its docstring only."""
''',
            "src/pkg/notes.py": '''
            class Doc:
                """A class of the package's own, not annotated_doc's Doc.

                Args:
                    text: The text.
                """

                def __init__(self, text: str) -> None:
                    self.text = text


            NOTE = Doc("A call of the package's own Doc.")
            ''',
        }
    )
    assert project.findings("src") == []


def test_dg106_doc_and_docstring_entry(project: Project) -> None:
    project.write(
        {
            "src/pkg/__init__.py": HEADER
            + '''
def same(a: Annotated[int, Doc("The a.")]) -> Annotated[int, Doc("The result.")]:
    """Same texts.

    Args:
        a: The a.

    Returns:
        The result.
    """


def different(a: Annotated[int, Doc("The a.")]) -> Annotated[int, Doc("The result.")]:
    """Different texts.

    Args:
        a: Another a.

    Returns:
        Another result.
    """


class Holder:
    """Attributes."""

    same: Annotated[int, Doc("Same text.")] = 1
    """Same text."""

    other: Annotated[int, Doc("From Doc.")] = 2
    """From the docstring."""
''',
        }
    )
    where = "src/pkg/__init__.py"
    both = "is documented by Doc and by the docstring"
    same = "with the same text; remove"
    used = "with different texts; the Doc text is used: remove"
    assert project.findings("src") == [
        (where, 5, 1, "DG106", f"parameter 'a' of pkg.same {both} ({where}:6) {same} the docstring entry"),
        (where, 5, 1, "DG106", f"the return value of pkg.same {both} ({where}:6) {same} the docstring entry"),
        (
            where,
            16,
            1,
            "DG106",
            f"parameter 'a' of pkg.different {both} ({where}:17) {used} the docstring entry",
        ),
        (
            where,
            16,
            1,
            "DG106",
            f"the return value of pkg.different {both} ({where}:17) {used} the docstring entry",
        ),
        (where, 30, 1, "DG106", f"pkg.Holder.same {both} ({where}:31) {same} the docstring"),
        (where, 33, 1, "DG106", f"pkg.Holder.other {both} ({where}:34) {used} the docstring"),
    ]


def test_dg106_not_when_each_documents_its_own(project: Project) -> None:
    project.write(
        {
            "src/pkg/__init__.py": HEADER
            + '''
def f(a: Annotated[int, Doc("A.")], b: int) -> Annotated[int, Doc("The result.")]:
    """F.

    Args:
        b: B.

    Raises:
        ValueError: Never.
    """


class Holder:
    """Attributes."""

    size: Annotated[int, Doc("The size.")] = 1
    color: str = "red"
    """The color."""
''',
        }
    )
    assert project.findings("src") == []


def test_dg107_unpack_of_what_is_not_a_typed_dict(project: Project) -> None:
    project.write(
        {
            "src/pkg/__init__.py": HEADER
            + '''
from typing import Unpack

from elsewhere import Missing


class Settings:
    """A class, not a TypedDict."""

    size: Annotated[int, Doc("The size.")] = 1


def f(**kwargs: Unpack[Settings]) -> None:
    """F."""


def g(**kwargs: Unpack[Missing]) -> None:
    """G."""
''',
        }
    )
    where = "src/pkg/__init__.py"
    assert project.findings("src") == [
        (where, 16, 1, "DG101", undocumented("kwargs", "pkg.f")),
        (
            where,
            16,
            1,
            "DG107",
            "pkg.Settings in Unpack[...] is not a TypedDict; unpack a TypedDict, "
            "or annotate **kwargs with the type of each value",
        ),
        (where, 20, 1, "DG101", undocumented("kwargs", "pkg.g")),
        (
            where,
            20,
            1,
            "DG107",
            "cannot resolve TypedDict Missing in Unpack[...]; import it from a module that is loaded "
            "with the package",
        ),
    ]


def test_dg107_not_on_typed_dicts(project: Project) -> None:
    project.write(
        {
            "src/pkg/__init__.py": HEADER
            + '''
from typing import Unpack

from typing_extensions import TypedDict

from pkg.options import Options


class Base(TypedDict):
    """Base options."""

    verbose: Annotated[bool, Doc("Talk more.")]


class More(Base, total=False):
    """More options."""

    color: Annotated[str, Doc("The color.")]


def f(**kwargs: Unpack[Options]) -> None:
    """From another module."""


def g(**kwargs: Unpack["More"]) -> None:
    """Quoted, with an inherited key."""
''',
            "src/pkg/options.py": '''
            from typing import Annotated, TypedDict

            from annotated_doc import Doc


            class Options(TypedDict):
                """Options."""

                size: Annotated[int, Doc("The size.")]
            ''',
        }
    )
    assert project.findings("src") == []


def test_dg108_a_public_object_no_page_renders(project: Project) -> None:
    project.write(
        {
            "mkdocs.yml": SITE_CONFIG,
            "docs/en/index.md": "# Fixture\n",
            "docs/en/api.md": "# API\n\n::: pkg.Shown\n\n::: pkg.shown\n",
            "docs/de/index.md": "# Fixture\n",
            "src/pkg/__init__.py": HEADER
            + '''

class Shown:
    """Rendered, with its methods."""

    def method(self) -> None:
        """Rendered with its class."""


class Hidden:
    """Not rendered."""

    def method(self) -> None:
        """Its class is reported, not it."""


def shown() -> None:
    """Rendered."""


def hidden(a: Annotated[int, Doc("A.")]) -> None:
    """Not rendered."""


def _private() -> None:
    """Not public."""
''',
        }
    )
    where = "src/pkg/__init__.py"
    public = "is public but no page of docs/en renders it; add"
    private = "to a reference page, or make it private"
    assert project.findings("src", "--select", "DG1") == [
        (where, 13, 1, "DG108", f"pkg.Hidden {public} '::: pkg.Hidden' {private}"),
        (where, 24, 1, "DG108", f"pkg.hidden {public} '::: pkg.hidden' {private}"),
    ]


def test_dg108_not_when_every_public_object_is_rendered(project: Project) -> None:
    project.write(
        {
            "mkdocs.yml": SITE_CONFIG,
            "docs/en/index.md": "# Fixture\n",
            "docs/en/api.md": "# API\n\n::: pkg\n",
            "docs/de/index.md": "# Fixture\n",
            "src/pkg/__init__.py": '''
            """Rendered whole."""


            class Shown:
                """Shown."""


            def shown() -> None:
                """Shown."""
            ''',
        }
    )
    assert project.findings("src", "--select", "DG1") == []


def test_dg109_doc_text_as_a_keyword(project: Project) -> None:
    project.write(
        {
            "src/pkg/__init__.py": HEADER
            + """
def f(a: Annotated[int, Doc(documentation="A keyword.")]) -> None: ...
""",
        }
    )
    assert project.findings("src") == [
        (
            "src/pkg/__init__.py",
            5,
            1,
            "DG109",
            'Doc(documentation=...): pass the text as the only positional argument, Doc("...")',
        ),
    ]


def test_dg109_not_on_a_positional_text(project: Project) -> None:
    project.write(
        {"src/pkg/__init__.py": HEADER + '\ndef f(a: Annotated[int, Doc("Positional.")]) -> None: ...\n'}
    )
    assert project.findings("src") == []


def test_a_module_path_checks_that_module_only(project: Project) -> None:
    project.write(
        {
            "src/pkg/__init__.py": HEADER + '\ndef f(a: Annotated[int, Doc("")]) -> None: ...\n',
            "src/pkg/api.py": "def g(b: int) -> None: ...\n",
            "src/pkg/more.py": "def h(c: int) -> None: ...\n",
        }
    )
    # The whole package is loaded (names resolve across it), but only `pkg.api` is checked.
    assert project.findings("src/pkg/api.py") == [
        ("src/pkg/api.py", 1, 1, "DG101", undocumented("b", "pkg.api.g"))
    ]
    assert [row[3] for row in project.findings("src/pkg")] == ["DG103", "DG101", "DG101"]


def test_a_namespace_package_in_a_folder_of_packages_is_checked_under_its_name(project: Project) -> None:
    # `src/ns/` has no `__init__.py` (PEP 420); its packages are `ns.sub`, not `sub`.
    project.write({"src/ns/sub/__init__.py": "def f(x: int) -> None: ...\n", "src/notes/readme.txt": "-\n"})
    assert project.findings("src") == [
        ("src/ns/sub/__init__.py", 1, 1, "DG101", undocumented("x", "ns.sub.f"))
    ]


def test_public_names_imported_from_packages_that_are_not_loaded(project: Project) -> None:
    # `collections.abc` and `email` are not loaded: their names have no target to read,
    # whether they are modules or not, and the package's own API is still checked.
    project.write(
        {
            "src/pkg/__init__.py": HEADER
            + """
from collections.abc import Callable as Callable
from email import message as message

__all__ = ["Callable", "f", "message"]


def f(a: int) -> None:
    '''F.'''
""",
        }
    )
    assert project.findings("src") == [
        ("src/pkg/__init__.py", 11, 1, "DG101", undocumented("a", "pkg.f")),
    ]

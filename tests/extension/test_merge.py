"""`Doc` metadata merged with a Google-style docstring."""

from griffe import DocstringSectionKind as Kind

from tests.extension.conftest import kinds, params, rows, section


def test_one_parameters_section_in_signature_order(load, warnings):
    package = load(
        {
            "__init__.py": '''
            from typing import Annotated
            from annotated_doc import Doc

            def f(
                a: int,
                b: Annotated[str, Doc("B from Doc.")],
                c: Annotated[float, Doc("Same text.")],
                d: bool = False,
            ) -> None:
                """Summary.

                Args:
                    d: D from the docstring.
                    c: Same text.
                    a: A from the docstring.
                """
            ''',
        }
    )
    func = package["f"]
    assert params(func) == [
        ("a", "int", None, "A from the docstring."),
        ("b", "str", None, "B from Doc."),
        ("c", "float", None, "Same text."),
        ("d", "bool", "False", "D from the docstring."),
    ]
    assert kinds(func) == [Kind.text, Kind.parameters]
    assert warnings() == []


def test_different_texts_doc_wins_with_one_warning(load, warnings):
    package = load(
        {
            "__init__.py": '''
            from typing import Annotated
            from annotated_doc import Doc

            def f(
                a: Annotated[int, Doc("From Doc.")],
            ) -> None:
                """Summary.

                Args:
                    a: From the docstring.
                """
            ''',
        }
    )
    assert params(package["f"]) == [("a", "int", None, "From Doc.")]
    name = package.name
    assert warnings() == [
        f"{name}/__init__.py:5: DG106 parameter 'a' of {name}.f is documented by Doc and by the docstring "
        f"({name}/__init__.py:7) with different texts; the Doc text is used: remove the docstring entry"
    ]


def test_doc_return_replaces_docstring_returns(load, warnings):
    package = load(
        {
            "__init__.py": '''
            from typing import Annotated
            from annotated_doc import Doc

            def f() -> Annotated[int, Doc("The count, from Doc.")]:
                """Summary.

                Returns:
                    The count, from the docstring.

                Raises:
                    ValueError: Never.
                """
            ''',
        }
    )
    func = package["f"]
    assert rows(func, Kind.returns) == [("", "int", None, "The count, from Doc.")]
    assert kinds(func) == [Kind.text, Kind.returns, Kind.raises]
    assert section(func, Kind.raises).value[0].description == "Never."
    where = func.relative_package_filepath
    assert warnings() == [
        f"{where}:4: DG106 the return value of {func.path} is documented by Doc and by the docstring "
        f"({where}:5) with different texts; the Doc text is used: remove the docstring entry"
    ]


CLIENT = '''
from typing import Annotated
from annotated_doc import Doc

class Client:
    """A client.

    Args:
        url: Where to connect.
    """

    def __init__(self, url: str, timeout: Annotated[float, Doc("Seconds to wait.")] = 5.0):
        self.url = url
'''


def test_an_undocumented_init_completes_the_class_parameters_section(load, warnings):
    package = load({"__init__.py": CLIENT})
    client = package["Client"]

    assert client["__init__"].docstring is None
    assert kinds(client) == [Kind.text, Kind.parameters]
    assert params(client) == [
        ("url", "str", None, "Where to connect."),
        ("timeout", "float", "5.0", "Seconds to wait."),
    ]
    assert warnings() == []


def test_an_undocumented_init_of_an_undocumented_class_gets_its_own_table(load):
    package = load(
        {
            "__init__.py": """
            class Client:
                def __init__(self, url: str) -> None: ...
            """,
        }
    )

    assert params(package["Client.__init__"]) == [("url", "str", None, "")]


def test_a_package_loaded_while_a_language_is_rendered_changes_the_source_sections(load):
    """mkdocstrings loads packages lazily, in the middle of rendering a translated page."""
    from babel.messages.catalog import Catalog
    from docglot.reading.docstrings import activate
    from docglot.text.lookup import SiteCatalog
    from docglot.text.translation import Translator

    activate(Translator("de", SiteCatalog(Catalog(locale="de"))))
    try:
        package = load({"__init__.py": CLIENT})
    finally:
        activate(None)

    assert params(package["Client"]) == [
        ("url", "str", None, "Where to connect."),
        ("timeout", "float", "5.0", "Seconds to wait."),
    ]


def test_a_blank_doc_leaves_the_docstring_entry(load, warnings):
    package = load(
        {
            "__init__.py": '''
            from typing import Annotated
            from annotated_doc import Doc

            def f(a: Annotated[int, Doc("   \\n   ")], b: Annotated[int, Doc("")]) -> None:
                """Summary.

                Args:
                    a: From the docstring.
                    b: Also from the docstring.
                """
            ''',
        }
    )
    assert params(package["f"]) == [
        ("a", "int", None, "From the docstring."),
        ("b", "int", None, "Also from the docstring."),
    ]
    assert warnings() == []  # The page loses nothing: `docglot check` reports the blank texts.

"""Where `Doc` and `Annotated` may come from, and how the text is read."""

from griffe import DocstringSectionKind as Kind

from tests.extension.conftest import descriptions


def test_doc_from_every_module(load):
    package = load(
        {
            "__init__.py": """
            import typing
            import typing_extensions
            import typing_extensions as te
            from typing import Annotated

            import annotated_doc
            from annotated_doc import Doc

            def f(
                a: Annotated[int, Doc("from annotated_doc")],
                b: Annotated[int, annotated_doc.Doc("from annotated_doc, dotted")],
                c: Annotated[int, typing_extensions.Doc("from typing_extensions")],
                d: Annotated[int, te.Doc("from te")],
                e: typing.Annotated[int, Doc("in typing.Annotated")],
                f: te.Annotated[int, Doc("in te.Annotated")],
            ) -> None: ...
            """,
        }
    )
    assert descriptions(package["f"], Kind.parameters) == {
        "a": "from annotated_doc",
        "b": "from annotated_doc, dotted",
        "c": "from typing_extensions",
        "d": "from te",
        "e": "in typing.Annotated",
        "f": "in te.Annotated",
    }


def test_doc_from_typing_statically(load):
    # `typing.Doc` does not exist at runtime in 3.11: the module is only read as source.
    package = load(
        {
            "__init__.py": """
            from typing import TYPE_CHECKING, Annotated

            if TYPE_CHECKING:
                from typing import Doc

            def f(a: Annotated[int, Doc("from typing")]) -> None: ...
            """,
            "plain.py": """
            import typing
            from typing import Annotated, Doc

            def g(a: Annotated[int, Doc("imported")], b: Annotated[int, typing.Doc("dotted")]) -> None: ...
            """,
        }
    )
    assert descriptions(package["f"], Kind.parameters) == {"a": "from typing"}
    assert descriptions(package["plain.g"], Kind.parameters) == {"a": "imported", "b": "dotted"}


def test_doc_anywhere_in_metadata_and_last_wins(load):
    package = load(
        {
            "__init__.py": """
            from typing import Annotated
            from annotated_doc import Doc

            def f(
                a: Annotated[int, "other", Doc("after a string")],
                b: Annotated[int, Doc("first"), 42, Doc("second")],
            ) -> None: ...
            """,
        }
    )
    assert descriptions(package["f"], Kind.parameters) == {"a": "after a string", "b": "second"}


def test_multiline_text_is_cleaned(load):
    package = load(
        {
            "__init__.py": '''
            from typing import Annotated
            from annotated_doc import Doc

            def f(
                a: Annotated[
                    int,
                    Doc(
                        """
                        First line.

                            Indented line.
                        Last line.
                        """
                    ),
                ],
            ) -> None: ...
            ''',
        }
    )
    assert descriptions(package["f"], Kind.parameters) == {
        "a": "First line.\n\n    Indented line.\nLast line."
    }

"""`deprecated(...)` in the metadata of a parameter or an attribute."""

from docglot.reading.sections import DeprecationNotice
from griffe import DocstringSectionKind as Kind

from tests.extension.conftest import params, section


def test_deprecated_parameter(load):
    package = load(
        {
            "__init__.py": """
            from typing import Annotated
            from annotated_doc import Doc
            from typing_extensions import deprecated

            def f(
                x: Annotated[int, deprecated("Use y.")] = 0,
                old: Annotated[int, Doc("The old way."), deprecated("Use y.")] = 0,
                y: Annotated[int, Doc("The new way.")] = 0,
            ) -> None: ...
            """,
        }
    )
    # The label "Deprecated:" is docglot's, put in by the templates in the page's language:
    # the description holds the message, then the parameter's text.
    assert params(package["f"]) == [
        ("x", "int", "0", "Use y."),
        ("old", "int", "0", "Use y.\n\nThe old way."),
        ("y", "int", "0", "The new way."),
    ]
    rows = section(package["f"], Kind.parameters).value
    assert [(type(row).__name__, getattr(row, "deprecated", None)) for row in rows] == [
        ("DeprecatedParameter", "Use y."),
        ("DeprecatedParameter", "Use y."),
        ("DocstringParameter", None),
    ]
    dumped = rows[1].as_dict()
    assert str(dumped.pop("annotation")) == "int"
    assert dumped == {
        "name": "old",
        "description": "Use y.\n\nThe old way.",
        "value": "0",
        "deprecated": "Use y.",
    }


def test_deprecated_attribute(load):
    package = load(
        {
            "__init__.py": """
            from typing import Annotated
            from annotated_doc import Doc
            import typing_extensions

            old: Annotated[int, Doc("The old value."), typing_extensions.deprecated("Use new.")] = 1
            """,
        }
    )
    attribute = package["old"]
    notice = section(attribute, Kind.admonition)
    # Its title is docglot's label, not a text of the code (no message of the catalogs).
    assert isinstance(notice, DeprecationNotice)
    assert (notice.title, notice.label) == (None, "Deprecated")
    assert notice.value.description == "Use new."
    assert notice.as_dict() == {
        "kind": "admonition",
        "value": {"annotation": "danger", "description": "Use new."},
        "title": "Deprecated",
    }
    assert attribute.docstring.value == "The old value."
    assert section(attribute, Kind.text).value == "The old value."

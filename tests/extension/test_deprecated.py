"""`deprecated(...)` in the metadata of a parameter or an attribute."""

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
    assert params(package["f"]) == [
        ("x", "int", "0", "**Deprecated:** Use y."),
        ("old", "int", "0", "**Deprecated:** Use y.\n\nThe old way."),
        ("y", "int", "0", "The new way."),
    ]


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
    assert notice.title == "Deprecated"
    assert notice.value.description == "Use new."
    assert attribute.docstring.value == "The old value."
    assert section(attribute, Kind.text).value == "The old value."

"""An attribute's `Doc` text becomes its docstring."""

from griffe import DocstringSectionKind as Kind

from tests.extension.conftest import kinds


def test_module_class_and_instance_attributes(load, warnings):
    package = load(
        {
            "__init__.py": """
            from typing import Annotated
            from annotated_doc import Doc

            x: Annotated[int, Doc("Module attribute.")] = 1

            class C:
                z: Annotated[float, Doc("Class attribute.")] = 0.5

                def __init__(self, y: str) -> None:
                    self.y: Annotated[str, Doc("Instance attribute.")] = y
            """,
        }
    )
    assert package["x"].docstring.value == "Module attribute."
    assert package["C.z"].docstring.value == "Class attribute."
    assert package["C.y"].docstring.value == "Instance attribute."
    assert [kinds(package[path]) for path in ("x", "C.z", "C.y")] == [[Kind.text]] * 3
    assert str(package["x"].annotation) == "Annotated[int, Doc('Module attribute.')]"
    assert warnings() == []


def test_doc_wins_over_an_attribute_docstring(load, warnings):
    package = load(
        {
            "__init__.py": '''
            from typing import Annotated
            from annotated_doc import Doc

            same: Annotated[int, Doc("Same.")] = 1
            """Same."""

            other: Annotated[int, Doc("From Doc.")] = 2
            """From docstring."""
            ''',
        }
    )
    assert package["same"].docstring.value == "Same."
    assert package["other"].docstring.value == "From Doc."
    name = package.name
    # Only the different texts change the page: the same text is left to `docglot check`.
    assert warnings() == [
        f"{name}/__init__.py:7: DG106 {name}.other is documented by Doc and by the docstring "
        f"({name}/__init__.py:8) with different texts; the Doc text is used: remove the docstring"
    ]

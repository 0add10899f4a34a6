"""`split_blocks` cuts docstring Markdown into messages; code is kept whole and never a message."""

from __future__ import annotations

from docglot.text.messages import split_blocks


def test_paragraphs_are_one_message_each() -> None:
    text = "First paragraph,\nwrapped.\n\nSecond paragraph."

    assert split_blocks(text) == [("First paragraph,\nwrapped.", True), ("Second paragraph.", True)]


def test_a_heading_is_a_message_of_its_own() -> None:
    assert split_blocks("# Usage\n\nCall it.") == [("# Usage", True), ("Call it.", True)]


def test_a_fenced_code_block_with_blank_lines_is_kept_whole_and_is_not_a_message() -> None:
    text = "Example:\n```python\nx = 1\n\n\ny = 2\n```\nAfter."

    assert split_blocks(text) == [
        ("Example:", True),
        ("```python\nx = 1\n\n\ny = 2\n```", False),
        ("After.", True),
    ]


def test_an_indented_code_block_after_a_paragraph_is_not_a_message() -> None:
    text = "Run:\n\n    make all\n    make test\n\nDone."

    assert split_blocks(text) == [
        ("Run:", True),
        ("    make all\n    make test", False),
        ("Done.", True),
    ]


def test_a_tight_list_is_one_message() -> None:
    text = "Options:\n\n- fast\n- safe\n\nThe end."

    assert split_blocks(text) == [("Options:", True), ("- fast\n- safe", True), ("The end.", True)]


def test_a_loose_ordered_list_with_a_continuation_paragraph_is_one_message() -> None:
    # Split by item, the second item would be rendered as a list starting at 1 again,
    # and the continuation paragraph outside its item.
    items = "1. Install it.\n\n2. Configure it:\n\n    set `x` first,\n    then `y`.\n\n3. Run it."
    text = f"Steps:\n\n{items}\n\nThat is all."

    assert split_blocks(text) == [("Steps:", True), (items, True), ("That is all.", True)]


def test_a_loose_list_of_any_marker_is_one_message() -> None:
    for items in ["* one\n\n* two", "+ one\n\n+ two", "1) one\n\n2) two"]:
        assert split_blocks(f"{items}\n\n# Next") == [(items, True), ("# Next", True)]


def test_code_inside_a_list_item_stays_in_the_list() -> None:
    items = "- Write:\n\n    ```python\n    x = 1\n\n    y = 2\n    ```\n\n- Then run it."

    assert split_blocks(f"{items}\n\nAfter.") == [(items, True), ("After.", True)]

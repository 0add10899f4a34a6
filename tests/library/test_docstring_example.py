import inspect
from pathlib import Path

import pytest
from starlette.testclient import TestClient

import aftersend


def example_code_blocks(docstring: str) -> list[str]:
    """Return the fenced ```python blocks in the `## Example` section of a docstring."""
    blocks: list[str] = []
    current: list[str] | None = None
    in_example = False
    for line in inspect.cleandoc(docstring).splitlines():
        if current is not None:
            if line == "```":
                blocks.append("\n".join(current) + "\n")
                current = None
            else:
                current.append(line)
        elif line.startswith("## "):
            in_example = line == "## Example"
        elif in_example and line == "```python":
            current = []
    assert current is None, "unclosed code block"
    return blocks


def test_background_tasks_docstring_example_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert aftersend.BackgroundTasks.__doc__ is not None
    blocks = example_code_blocks(aftersend.BackgroundTasks.__doc__)
    assert len(blocks) == 1
    monkeypatch.chdir(tmp_path)
    namespace: dict[str, object] = {"__name__": "docstring_example"}

    exec(compile(blocks[0], "<BackgroundTasks example>", "exec"), namespace)
    with TestClient(namespace["app"]) as client:  # type: ignore[arg-type]
        response = client.post("/send-notification/someone@example.com")

    assert response.status_code == 200
    assert response.json() == {"message": "Notification sent in the background"}
    log = tmp_path / "log.txt"
    assert log.read_text() == "notification for someone@example.com: some notification"

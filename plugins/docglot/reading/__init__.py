"""Reading code: the griffe extension turns `Annotated[T, Doc()]` metadata into docstring sections."""

"""Tests of `docglot check`."""

"""Waving."""

from .hands import wave

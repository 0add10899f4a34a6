"""Hands."""

from .gestures import wave

"""`docglot check`: Doc metadata, translations and built sites, checked in CI.

It reads code through the same griffe extension as the renderer (one extraction, two
uses): every problem a build warns about is a finding here too, with a rule code.
"""

from __future__ import annotations

"""nk-arrivals: sourced figures and charts of North Korean arrivals in South Korea.

Importing the package is cheap on purpose: pandas loads with ``nkarrivals.data``
and matplotlib only when a chart is drawn.
"""

# The one place the version is written in code: pyproject.toml reads it (dynamic version),
# `nkarrivals --version` prints it. CITATION.cff and CHANGELOG.md repeat it; tests/test_release.py
# checks that they agree. Scheme and release steps: CHANGELOG.md.
__version__ = "2026.12.3"

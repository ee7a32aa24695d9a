"""nk-arrivals: sourced figures and charts of North Korean arrivals in South Korea.

Importing the package is cheap on purpose: pandas loads with ``nkarrivals.data``
and matplotlib only when a chart is drawn.
"""

__version__ = "0.1.0"

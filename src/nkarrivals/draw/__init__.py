"""The drawing stage, shared by several charts: house style, measured text, layout and rendering
(figure), shared axes, yearly bars and COVID-19 shading (axes), fee marks (fees) and the event strip
(timeline). It draws the computed series it is given and imports no analysis (an import-linter
contract in pyproject.toml). A chart's own drawing lives in its module under charts/."""

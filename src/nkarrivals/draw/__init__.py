"""The drawing stage: house style, measured text and layout (figure), shared axes (axes), fee marks
(fees), who-arrives and abroad panels (who_where) and the event strip (timeline). It draws what it
is given and computes no analysis."""

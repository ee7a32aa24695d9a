"""The charts: the frame, words and strip every chart shares (base), and the builders (catalogue)."""

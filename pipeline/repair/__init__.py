"""The repair families, one module each: pure functions ``(text, settings) -> (changes, notices)``.

The registry that names them and the order they run in is :mod:`pipeline.rules`.
"""

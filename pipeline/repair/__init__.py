"""The repair families, one module each: pure functions ``(text, ctx) -> (changes, notices)``, each
declared with :func:`pipeline.repair.registry.rule`; :mod:`pipeline.repair.loop` runs them in one order.
"""

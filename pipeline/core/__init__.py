"""The layer under repair and analysis: tokens and lines, sentence offsets, numbers, word frequencies.

Every stage imports these modules; they import nothing of the pipeline (only the standard library and
third-party packages), so that they can never take part in an import circle.
"""

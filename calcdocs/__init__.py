"""The Markdown side of the site, fed by the calculator's contract: a Python-Markdown extension.

In a page's Markdown, before anything else reads it:

- ``{{ calculator_forms }}``, ``{{ contract_tables }}``: the calculator's forms and the developer
  page's tables (``forms``), from ``calculator/contract.py``;
- ``{{ calc … }}``, ``{{ calendar … }}``, ``{{ last_checked }}``: worked examples computed by the
  calculator, and the date the rules were last checked (``examples``).

mkdocs.yml lists it under ``markdown_extensions`` (``calcdocs.extension``, with
``last_checked``), so any builder that runs Python-Markdown extensions fills them in.
"""

"""The site's post-build: what turns the folder ``mkdocs build`` wrote into the site that is served.

``python -m sitebuild site/`` runs it (MkDocs is not imported); ``hooks/postbuild.py`` runs it at
the end of every ``mkdocs build``. The steps, in order, are in ``build`` (one module a job):

- ``runtime``: Pyodide, our wheels, the fast start and the worker, in ``runtime/``
  - ``wheels``: wheels of the calculator (from the working tree) and of its holiday calendar
  - ``node_snapshot``: the trimmed stdlib and the memory snapshot, made with Node.js
    (``snapshot.mjs``), cached; ``snapshot_store`` and ``wasm_image``: how the snapshot is stored
  - ``big_files``: the big runtime files cut into parts the worker keeps as they arrive
- ``share_images``: the link picture, the app icons and manifest, the QR code library
- ``portable``: serve.py beside the site; the file:// flavour's search shim and 404 page
- ``pages``: every page once, with an HTML parser (``html``): ``versions`` (?v=<hash> on the
  site's own scripts and styles), the calculator's worker (``early_start.js``), the policy (``csp``)
- ``service_worker``: sw.js from ``sw.template.js``
- ``compress``: the .br/.gz copies, last
"""

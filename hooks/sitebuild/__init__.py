"""The jobs of the site's build that the hooks put together, one module a job.

- ``wheels``: wheels of the calculator (from the working tree) and of its holiday calendar
- ``wasm_image``: the data a fresh pyodide.asm.wasm instance starts with
- ``snapshot_store``: the memory snapshot as the site stores it (and worker.mjs reads it back)
- ``node_snapshot``: making the trimmed stdlib and the snapshot with Node.js, cached
- ``big_files``: the big runtime files cut into parts the worker keeps as they arrive
- ``versions``: the ?v=<hash> on the site's own scripts and styles (hooks/asset_versions.py)
- ``early_start.js``: the calculator page's inline script that starts the worker from <head>
"""

"""A corpus of reports in an embedded database (``narrative-extract corpus``, ``api.corpus_*``).

``rows`` computes one report's rows (run by local worker processes or Dask workers), ``db`` is the
SQLite schema and the one-transaction write, ``plan`` decides what to skip (by size and time, else
by content hash), ``build`` writes as results come back (``dask_runner`` for a cluster), ``region``
says where a report belongs, ``progress`` is the terminal's progress bar, and ``stats``, ``plots``
and ``export`` read the database.
"""

"""Running the work: the ingest runner (``ingest``), the analysis after it (``analysis``) with
the saved stories a batch touches (``incremental``), one pool of worker processes (``workers``)
and the Spark runner (``spark``)."""

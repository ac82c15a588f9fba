"""What every ingest worker needs loaded, loaded once.

The worker pool's fork server imports this module before it forks any worker, so the imports
(trafilatura, ftfy, numpy...) and the py3langid model are loaded once and shared by all workers
instead of being loaded again in each (about 1.5 s of CPU a worker). Each worker is one core's
worth of work beside the others, so numpy's BLAS gets one thread, not one per core.
"""

from threadpoolctl import threadpool_limits

from newsweave.runtime import ingest  # noqa: F401  (the workers' code and everything it imports)
from newsweave.text.language import _langid

threadpool_limits(1, user_api="blas")
_langid()

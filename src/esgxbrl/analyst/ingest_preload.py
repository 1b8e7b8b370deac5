"""Loaded by the process that ingest workers are forked from, so that each worker starts with the
readers, the catalogues and the table's schema already loaded (see esgxbrl.analyst.ingest.load_for_reading).
"""

from esgxbrl.analyst.ingest import load_for_reading

load_for_reading()

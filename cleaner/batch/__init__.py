"""Batch cleaning of corpora: readers, per-record processing, writers, local and Dask engines.

The batch layer is a thin shell over `cleaner.clean`: every input record becomes exactly
one output record, either the cleaned result or `{"id", "error"}`.
"""
from cleaner.batch.records import process_record
from cleaner.batch.readers import iter_inputs

__all__ = ["process_record", "iter_inputs"]

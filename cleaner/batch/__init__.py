"""Batch cleaning of corpora, as a library: `run(source, sink, options, engine=...)`.

Readers (JSONL, folders, globs, stdin; gzip, xz, zstd), one output record per input record
(the cleaned result or `{"id", "error"}`), sinks (a JSONL file, a folder of .txt files, a
function), the local process pool or Dask, and a `RunReport`. `cleaner batch` is a thin
shell over `run`.
"""
from cleaner.batch.codec import BatchError
from cleaner.batch.pages import ExplainPages
from cleaner.batch.report import RunProgress, RunReport
from cleaner.batch.run import run
from cleaner.batch.writers import JsonlWriter, RecordSink, Sink, TxtFolderWriter
from cleaner.parallel import DaskEngine, LocalEngine

__all__ = [
    "run", "RunReport", "RunProgress", "LocalEngine", "DaskEngine", "ExplainPages", "BatchError",
    "Sink", "JsonlWriter", "TxtFolderWriter", "RecordSink",
]

"""The bad-input table of docs/reliability.md: every bad input through the library, the service and
the batch CLI, run for real (a uvicorn on 127.0.0.1, `cleaner batch` as a subprocess).

    python bench/bad_inputs.py            # prints the markdown table

The service runs with its defaults except CLEANER_DOC_TIMEOUT_SECONDS=60 (so a loaded
machine does not turn the 100k-line row into a 504); the batch runs `--workers 2`.
tests/reliability/test_bad_inputs.py asserts the same outcomes.
"""
from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main() -> int:
    import httpx

    from tests.reliability.bad_inputs import CASES, OUTPUT_CASES, run_batch, run_library, run_output_case, run_service
    from tests.service.conftest import Server

    library = {case.name: run_library(case) for case in CASES}
    server = Server("bad-inputs", {"CLEANER_DOC_TIMEOUT_SECONDS": "60"})
    try:
        server.wait_ready()
        with httpx.Client(base_url=server.url, timeout=300) as client:
            service = {case.name: run_service(client, case) for case in CASES}
    finally:
        server.stop()
    with tempfile.TemporaryDirectory() as tmp:
        batch = run_batch(Path(tmp))
        for n, name in enumerate(OUTPUT_CASES):
            (Path(tmp) / f"output{n}").mkdir()
            batch[name] = run_output_case(name, Path(tmp) / f"output{n}")
    print("| input | library `clean()` | service `POST /v1/clean` | batch `cleaner batch` |")
    print("| --- | --- | --- | --- |")
    for case in CASES:
        print(f"| {case.name} | {library[case.name]} | {service[case.name]} | {batch[case.name]} |")
    for name in OUTPUT_CASES:
        print(f"| {name} | n/a | n/a | {batch[name]} |")
    print(f"\nbatch run: {batch['_run']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""`python -m bench`: the performance table (see bench/run.py); quality against the anchors is bench/quality.py."""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # bench/run.py and its helpers, by plain name

from run import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main())

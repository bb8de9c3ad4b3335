"""Reference timing: faiss IndexBinaryMultiHash (HMA's PDQ index: 16 tables of 16 bits, nflip = radius // 16)
on the same data as the Node benchmark. Run with Debian's /usr/bin/python3 (python3-faiss).
Usage: faiss_bench.py DB.bin QUERIES.bin RADIUS  -> one JSON line on stdout."""
import json
import sys
import time

try:
    import faiss
    import numpy as np
except ImportError as error:  # reported by the caller as a skip line
    print(json.dumps({"skipped": f"faiss not importable: {error}"}))
    sys.exit(0)

db_path, query_path, radius = sys.argv[1], sys.argv[2], int(sys.argv[3])
db = np.fromfile(db_path, dtype=np.uint8).reshape(-1, 32)
queries = np.fromfile(query_path, dtype=np.uint8).reshape(-1, 32)
faiss.omp_set_num_threads(1)

t0 = time.perf_counter()
index = faiss.IndexBinaryMultiHash(256, 16, 16)
index.nflip = radius // 16
index.add(db)
build_s = time.perf_counter() - t0

times = []
hits = 0
for q in queries:
    t = time.perf_counter()
    lims, _, _ = index.range_search(q.reshape(1, 32), radius + 1)  # faiss keeps distances < radius argument
    times.append(time.perf_counter() - t)
    hits += int(lims[1])
times.sort()
print(json.dumps({
    "build_s": build_s,
    "p50_ms": times[len(times) // 2] * 1e3,
    "p99_ms": times[min(len(times) - 1, int(len(times) * 0.99))] * 1e3,
    "mean_ms": sum(times) / len(times) * 1e3,
    "hits": hits,
    "queries": len(times),
}))

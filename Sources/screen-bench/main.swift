// Placeholder replaced by the SMAA benchmark.
print("screen-bench")

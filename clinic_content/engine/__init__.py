"""Engine: run the enabled rules over posts, stamp ids and severities, apply suppressions;
the cache and the parallel runner make many files fast."""

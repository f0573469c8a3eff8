-- wrk script: a plain GET (the baseline) with the shared summary line.
dofile("scripts/bench/summary.lua")

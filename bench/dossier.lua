-- dossier.lua - wrk script: GET /api/participants/{id} for a random id in
-- 1..$BENCH_ROWS (default 100000), with the session cookie. Every such read
-- also appends a processing-log row on the server. See wrk_common.lua.
local rows = tonumber(os.getenv("BENCH_ROWS") or "100000")

function bench_path()
	return "/api/participants/" .. math.random(1, rows)
end

dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "wrk_common.lua")

-- list.lua - wrk script: GET /api/participants?page={random 1..$BENCH_PAGES}
-- &per_page=25 (default 400 pages), with the session cookie. Each page also
-- appends 25 processing-log rows on the server. See wrk_common.lua.
local pages = tonumber(os.getenv("BENCH_PAGES") or "400")

function bench_path()
	return "/api/participants?page=" .. math.random(1, pages) .. "&per_page=25"
end

dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "wrk_common.lua")

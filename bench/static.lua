-- static.lua - wrk script: GET $BENCH_STATIC_PATH (default /dossier.json), a
-- static file of the size of a typical dossier answer, served by the same
-- server from its --web directory: the reference the API routes are
-- measured against. The cookie is sent too, so the requests are the same
-- size; static files ignore it. See wrk_common.lua.
local path = os.getenv("BENCH_STATIC_PATH") or "/dossier.json"

function bench_path()
	return path
end

dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "wrk_common.lua")

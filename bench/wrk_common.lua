-- wrk_common.lua - shared part of the wrk scripts in bench/ (dossier.lua,
-- list.lua, static.lua). Each of those sets `bench_path`, a function that
-- returns the path of the next request, then loads this file.
--
-- What it adds to plain wrk:
--   - the session cookie from $BENCH_COOKIE on every request;
--   - a random generator per thread, seeded from $BENCH_SEED and the
--     thread number, so runs are repeatable;
--   - a count of responses that are not 2xx (wrk's own count lets 3xx
--     pass), by class, with the last such status seen;
--   - one machine-readable line at the end for bench/run.sh:
--     BENCH requests=.. duration_us=.. rps=.. p50_us=.. p90_us=.. p99_us=..
--           max_us=.. bytes=.. non2xx=.. s3xx=.. s4xx=.. s5xx=.. last_bad=..
--           err_connect=.. err_read=.. err_write=.. err_timeout=..

local cookie = os.getenv("BENCH_COOKIE")
if cookie and cookie ~= "" then
	wrk.headers["Cookie"] = "meedoen_session=" .. cookie
end

local threads = {}

function setup(thread)
	thread:set("tid", #threads + 1)
	table.insert(threads, thread)
end

function init(args)
	local seed = tonumber(os.getenv("BENCH_SEED") or "1")
	math.randomseed(seed * 7919 + tid)
	non2xx, s3xx, s4xx, s5xx, last_bad = 0, 0, 0, 0, 0
end

function request()
	return wrk.format("GET", bench_path())
end

function response(status, headers, body)
	if status < 200 or status > 299 then
		non2xx = non2xx + 1
		last_bad = status
		if status >= 500 then
			s5xx = s5xx + 1
		elseif status >= 400 then
			s4xx = s4xx + 1
		elseif status >= 300 then
			s3xx = s3xx + 1
		end
	end
end

function done(summary, latency, requests)
	local n, c3, c4, c5, last = 0, 0, 0, 0, 0
	for _, t in ipairs(threads) do
		n = n + t:get("non2xx")
		c3 = c3 + t:get("s3xx")
		c4 = c4 + t:get("s4xx")
		c5 = c5 + t:get("s5xx")
		if t:get("last_bad") ~= 0 then
			last = t:get("last_bad")
		end
	end
	local secs = summary.duration / 1e6
	io.write(string.format("BENCH requests=%d duration_us=%d rps=%.1f p50_us=%d p90_us=%d p99_us=%d max_us=%d "
		.. "bytes=%d non2xx=%d s3xx=%d s4xx=%d s5xx=%d last_bad=%d "
		.. "err_connect=%d err_read=%d err_write=%d err_timeout=%d\n",
		summary.requests, summary.duration, summary.requests / secs,
		latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max,
		summary.bytes, n, c3, c4, c5, last,
		summary.errors.connect, summary.errors.read, summary.errors.write, summary.errors.timeout))
end

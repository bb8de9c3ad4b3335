-- wrk script: requests at a fixed overall rate on an absolute schedule, cycling through request bodies.
--   wrk -t1 -c20 -d15s -s paced.lua URL -- METHOD BODIES_FILE RATE [AUTHORIZATION]
-- BODIES_FILE holds one JSON body per line (POST); for GET it may be empty and no body is sent. The schedule is absolute (the k-th request of the thread is
-- due at start + k/RATE), so a slow response does not lower the offered rate: later requests go out
-- without delay until the schedule is caught up. Latency is measured by wrk from the actual send.
local ffi = require("ffi")
ffi.cdef [[
typedef struct { long tv_sec; long tv_usec; } paced_timeval;
int gettimeofday(paced_timeval *tv, void *tz);
]]
local clock = ffi.new("paced_timeval")
local function now_ms()
  ffi.C.gettimeofday(clock, nil)
  return tonumber(clock.tv_sec) * 1000 + tonumber(clock.tv_usec) / 1000
end

local bodies, interval_ms, due_ms, sent = {}, 1, nil, 0

function init(args)
  wrk.method = args[1]
  for line in io.lines(args[2]) do bodies[#bodies + 1] = line end
  interval_ms = 1000 / tonumber(args[3])
  if #bodies > 0 then wrk.headers["content-type"] = "application/json" end
  if args[4] and args[4] ~= "" then wrk.headers["authorization"] = args[4] end
end

function delay()
  local now = now_ms()
  due_ms = (due_ms or now) + interval_ms
  return math.max(0, math.floor(due_ms - now))
end

function request()
  sent = sent + 1
  if #bodies == 0 then return wrk.format() end
  return wrk.format(nil, nil, nil, bodies[(sent % #bodies) + 1])
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("PACED %d %d %.3f %.3f %.3f %d\n", summary.requests, summary.duration,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    e.connect + e.read + e.write + e.status + e.timeout))
end

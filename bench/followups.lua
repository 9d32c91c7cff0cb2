-- Follow-ups for wrk (bench/followups.sh): one thread a signed-in RM (or several, RMS_PER_CLIENT), one connection
-- a thread, each logging follow-ups on its RMs' own open opportunities in turn
-- (POST /api/v1/opportunities/{id}/follow-ups, session cookie and CSRF token as a browser sends them, a unique
-- idempotency key and summary each). CRM_MODE=me asks GET /api/v1/me instead: the HTTP floor with the same sessions.
-- Writes the id of every acknowledged follow-up (201) to CRM_ACKS-<thread>, so the script can check each is stored
-- once.
local threads = {}

function setup(thread)
  thread:set("id", #threads + 1)
  table.insert(threads, thread)
end

function init(args)
  -- CRM_SESSIONS: "cookie|csrf|opportunity;opportunity;…," per signed-in RM; CRM_CLIENTS threads share them out, the
  -- thread of id taking the RMs id, id + CRM_CLIENTS, … (one each unless more RMs than threads were signed in)
  local sessions = {}
  for cookie, csrf, opps in string.gmatch(os.getenv("CRM_SESSIONS"), "([^|,]+)|([^|,]+)|([^|,]+),") do
    local list = {}
    for o in string.gmatch(opps, "%d+") do table.insert(list, o) end
    table.insert(sessions, { cookie = cookie, csrf = csrf, opportunities = list })
  end
  local clients = tonumber(os.getenv("CRM_CLIENTS") or "0")
  if clients < 1 then clients = #sessions end
  mine = {}
  for i = id, #sessions, clients do table.insert(mine, sessions[i]) end
  if #mine == 0 then table.insert(mine, sessions[(id - 1) % #sessions + 1]) end
  mode = os.getenv("CRM_MODE") or "follow-up"
  run = os.getenv("CRM_RUN") or "0"
  next_date = os.getenv("CRM_NEXT_DATE")
  counter, acked, errors, responses = 0, 0, 0, 0
  if mode ~= "me" then
    acks = io.open(os.getenv("CRM_ACKS") .. "-" .. id, "a")
  end
end

function request()
  counter = counter + 1
  -- The thread's RMs in turn, and each RM's opportunities in turn.
  local me = mine[(counter - 1) % #mine + 1]
  local headers = { ["Cookie"] = "SESSION=" .. me.cookie }
  if mode == "me" then
    return wrk.format("GET", "/api/v1/me", headers)
  end
  local turn = math.floor((counter - 1) / #mine)
  local opportunity = me.opportunities[turn % #me.opportunities + 1]
  local key = "FU-" .. run .. "-" .. id .. "-" .. counter
  headers["Content-Type"] = "application/json"
  headers["X-CSRF-TOKEN"] = me.csrf
  headers["Idempotency-Key"] = key
  local body = '{"type":"CALL","summary":"' .. key .. ' 电话回访","outcome":"客户有意向","nextAction":"再次回访",' ..
    '"nextActionDate":"' .. next_date .. '"}'
  return wrk.format("POST", "/api/v1/opportunities/" .. opportunity .. "/follow-ups", headers, body)
end

function response(status, headers, body)
  responses = responses + 1
  if status == 201 and mode ~= "me" then
    acked = acked + 1
    local fid = string.match(body, '^{"id":(%d+)')
    acks:write((fid or "?"), "\n")
    acks:flush()
  elseif status >= 400 or (mode == "me" and status ~= 200) then
    errors = errors + 1
  end
end

function done(summary, latency, requests)
  local a, e, n = 0, 0, 0
  for _, t in ipairs(threads) do
    a = a + t:get("acked")
    e = e + t:get("errors")
    n = n + t:get("responses")
  end
  io.write(string.format("WRK responses=%d acknowledged=%d errors=%d socket_errors=%d rps=%.1f p50_ms=%.2f p99_ms=%.2f\n",
    n, a, e, summary.errors.connect + summary.errors.read + summary.errors.write
      + summary.errors.timeout, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end

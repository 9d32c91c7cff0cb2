-- Relationship managers' working mix for wrk, spread over their signed-in sessions (cookies and CSRF tokens from
-- the environment, see load.sh): mostly reading lists, pages and My day, now and then creating an opportunity with
-- a unique idempotency key. Counts what came back, so the script can check every acknowledged create is stored.
local counter = 0
local thread_id = 0
local threads = {}

function setup(thread)
  thread:set("id", #threads + 1)
  table.insert(threads, thread)
end

function init(args)
  -- CRM_SESSIONS: "cookie|csrf|customerNo|opportunityId," per signed-in RM (load.sh)
  sessions = {}
  for cookie, csrf, customer, opportunity in string.gmatch(os.getenv("CRM_SESSIONS"), "([^|,]+)|([^|,]+)|([^|,]+)|([^|,]+),") do
    table.insert(sessions, { cookie = cookie, csrf = csrf, customer = customer, opportunity = opportunity })
  end
  created, errors, responses = 0, 0, 0
  acks = io.open(os.getenv("CRM_ACKS") .. "-" .. id, "w")
  math.randomseed(id * 7919)
  -- the share of creates in the mix, in percent (bench/failover.sh measures creates alone with 100)
  create_percent = tonumber(os.getenv("CRM_CREATE_PERCENT") or "5")
  -- a run's mark in titles and idempotency keys, so that two runs on one database never share either
  run = os.getenv("CRM_RUN") or ""
end

local reads = {
  "/", "/opportunities", "/opportunities?sort=score,desc", "/opportunities?status=OPEN&stage=QUALIFIED",
  "/opportunities/board", "/customers", "/customers?q=R0", "/api/v1/opportunities?size=20&sort=score,desc",
  "/api/v1/me", "/visits",
}

function request()
  counter = counter + 1
  local s = sessions[math.random(#sessions)]
  local headers = { ["Cookie"] = "SESSION=" .. s.cookie }
  local r = math.random(100)
  if r <= create_percent then
    headers["Content-Type"] = "application/json"
    headers["X-CSRF-TOKEN"] = s.csrf
    headers["Idempotency-Key"] = "load-" .. run .. id .. "-" .. counter
    local body = '{"customerNo":"' .. s.customer .. '","productCode":"FUND","title":"LOAD-' .. run .. id .. '-' .. counter ..
      '","amount":10000,"expectedCloseDate":"' .. os.date("%Y-%m-%d", os.time() + 86400 * 60) .. '"}'
    return wrk.format("POST", "/api/v1/opportunities", headers, body)
  elseif r <= 25 then
    return wrk.format("GET", "/opportunities/" .. s.opportunity, headers)
  else
    return wrk.format("GET", reads[math.random(#reads)], headers)
  end
end

function response(status, headers, body)
  responses = responses + 1
  if status == 201 then
    created = created + 1
    -- the title the application says it stored: load.sh checks each one is in the database
    local title = string.match(body, '"title":"(LOAD%-[%d%-]+)"')
    if title then
      acks:write(title, "\n")
      acks:flush()
    end
  elseif status >= 400 then
    errors = errors + 1
  end
end

function done(summary, latency, requests)
  local c, e, n = 0, 0, 0
  for _, t in ipairs(threads) do
    c = c + t:get("created")
    e = e + t:get("errors")
    n = n + t:get("responses")
  end
  -- errors: answers of 400 or more; timeouts and socket errors: requests without an answer (wrk's own counts)
  local se = summary.errors
  io.write(string.format("LOAD responses=%d acknowledged_creates=%d errors=%d timeouts=%d socket_errors=%d"
    .. " p50_ms=%.1f p99_ms=%.1f rps=%.1f\n",
    n, c, e, se.timeout, se.connect + se.read + se.write, latency:percentile(50) / 1000,
    latency:percentile(99) / 1000, summary.requests / (summary.duration / 1e6)))
end

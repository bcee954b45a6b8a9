-- hosts.lua — wrk script: each request asks for the home page of one of the
-- published sites, the Host header picked uniformly or Zipf-distributed.
--   wrk ... -s bench/hosts.lua -- HOSTS_FILE uniform|zipf
local hosts = {}
local cdf = {}
local n = 0
local mode = "uniform"

function init(args)
  local file = args[1]
  mode = args[2] or "uniform"
  for line in io.lines(file) do
    n = n + 1
    hosts[n] = line
  end
  if mode == "zipf" then
    -- P(rank k) proportional to 1/k (s = 1)
    local total = 0
    for k = 1, n do
      total = total + 1 / k
      cdf[k] = total
    end
    for k = 1, n do cdf[k] = cdf[k] / total end
  end
  math.randomseed(os.time() + (tonumber(tostring({}):sub(8), 16) or 0))
end

local function pick()
  if mode ~= "zipf" then return hosts[math.random(n)] end
  local u = math.random()
  local lo, hi = 1, n
  while lo < hi do
    local mid = math.floor((lo + hi) / 2)
    if cdf[mid] < u then lo = mid + 1 else hi = mid end
  end
  return hosts[lo]
end

function request()
  return wrk.format("GET", "/", { ["Host"] = pick() })
end

local errors = 0
function response(status, headers, body)
  if status ~= 200 then errors = errors + 1 end
end

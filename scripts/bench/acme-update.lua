-- wrk script: acme-dns updates with the credentials in the environment; a fresh 43-char value per request
-- unless ACME_SAME_VALUE=1 (then every update after the first is the no-op repeat).
local user = os.getenv("ACME_DNS_USERNAME")
local key = os.getenv("ACME_DNS_PASSWORD")
local subdomain = os.getenv("ACME_DNS_SUBDOMAIN")
local same = os.getenv("ACME_SAME_VALUE") == "1"
local alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"

wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["X-Api-User"] = user
wrk.headers["X-Api-Key"] = key

local function value()
  local chars = {}
  for i = 1, 43 do
    local n = math.random(1, #alphabet)
    chars[i] = alphabet:sub(n, n)
  end
  return table.concat(chars)
end

local fixed = value()

request = function()
  local txt = same and fixed or value()
  return wrk.format(nil, nil, nil, '{"subdomain":"' .. subdomain .. '","txt":"' .. txt .. '"}')
end

dofile("scripts/bench/summary.lua")

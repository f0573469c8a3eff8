-- wrk script: acme-dns updates spread over many gateways. ACME_CREDENTIALS names a file of
-- "username password subdomain" lines (written by bench/DecentCloud.Dns.Bench before the timed part);
-- every request takes a random gateway and a fresh 43-char value.
local alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
local gateways = {}

for line in io.lines(os.getenv("ACME_CREDENTIALS")) do
  local user, key, subdomain = line:match("^(%S+)%s+(%S+)%s+(%S+)$")
  if user then
    gateways[#gateways + 1] = { user = user, key = key, subdomain = subdomain }
  end
end

local function value()
  local chars = {}
  for i = 1, 43 do
    local n = math.random(1, #alphabet)
    chars[i] = alphabet:sub(n, n)
  end
  return table.concat(chars)
end

function setup(thread)
  thread:set("seed", math.random(1, 1000000))
end

function init(args)
  math.randomseed(seed or os.time())
end

request = function()
  local g = gateways[math.random(1, #gateways)]
  local headers = { ["Content-Type"] = "application/json", ["X-Api-User"] = g.user, ["X-Api-Key"] = g.key }
  return wrk.format("POST", nil, headers, '{"subdomain":"' .. g.subdomain .. '","txt":"' .. value() .. '"}')
end

dofile("scripts/bench/summary.lua")

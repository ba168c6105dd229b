-- wrk script: replays pre-built requests (bench/speed/requests.py writes them, one per line:
-- METHOD <TAB> PATH <TAB> headers "Name: value" joined by \1 <TAB> body). Thread k of SPEED_THREADS
-- sends lines k, k+n, k+2n, … so no request is sent twice while the file lasts (each signed webhook
-- is a distinct event); past the end it counts "exhausted" and starts again.
local counter = 0

function setup(thread)
  thread:set("index", counter)
  counter = counter + 1
end

function init(args)
  local threads = tonumber(os.getenv("SPEED_THREADS") or "2")
  requests = {}
  local n = 0
  for line in io.lines(os.getenv("SPEED_REQUESTS")) do
    if n % threads == index then
      local method, path, headers, body = line:match("^([^\t]*)\t([^\t]*)\t([^\t]*)\t(.*)$")
      local h = {}
      for header in headers:gmatch("[^\1]+") do
        local name, value = header:match("^([^:]+): (.*)$")
        h[name] = value
      end
      table.insert(requests, wrk.format(method, path, h, body))
    end
    n = n + 1
  end
  next_request = 1
end

function request()
  local r = requests[next_request]
  next_request = next_request + 1
  if next_request > #requests then
    next_request = 1
  end
  return r
end

done = dofile(os.getenv("SPEED_LUA_DIR") .. "/report.lua")

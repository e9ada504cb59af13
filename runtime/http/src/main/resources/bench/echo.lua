-- wrk script for io.payrail.http.bench.EchoServer: an authenticated POST /v1/echo with a fresh
-- Idempotency-Key per request (thread id, start time and a counter), so every request commits a
-- new idempotency record. Usage:
--   API_KEY=prk_live_... wrk -t2 -c64 -d15s --latency -s echo.lua http://127.0.0.1:8080/v1/echo
local threads = 0

function setup(thread)
  thread:set("thread_number", threads)
  threads = threads + 1
end

function init(args)
  key_prefix = "bench-" .. os.time() .. "-" .. thread_number .. "-"
  api_key = os.getenv("API_KEY")
  counter = 0
end

function request()
  counter = counter + 1
  return wrk.format("POST", nil, {
    ["Authorization"] = "Bearer " .. api_key,
    ["Content-Type"] = "application/json",
    ["Idempotency-Key"] = key_prefix .. counter
  }, '{"message":"hello"}')
end

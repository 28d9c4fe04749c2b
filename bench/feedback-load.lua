-- wrk script for bench/feedback-load.mjs: every request a new submission with its own
-- idempotency key (thread id + counter, a valid UUID), and a tally of replies that are not 201.
-- Globals, not locals: wrk reads a thread's tally through thread:get, which sees globals only.
counter = 0
thread_id = 0
not_created = 0
local threads = {}

function setup(thread)
  thread:set("thread_id", #threads + 1)
  table.insert(threads, thread)
end

function request()
  counter = counter + 1
  local key = string.format("%08x-0000-4000-8000-%012x", thread_id, counter)
  local body = '{"key":"' .. key .. '","message":"負荷試験の意見です。窓口の対応が丁寧でした。","satisfaction":4}'
  return wrk.format("POST", "/api/feedback", { ["Content-Type"] = "application/json" }, body)
end

function response(status, headers, body)
  if status ~= 201 then not_created = not_created + 1 end
end

function done(summary, latency, requests)
  local refused = 0
  for _, t in ipairs(threads) do refused = refused + t:get("not_created") end
  io.write(string.format("RESULT requests=%d seconds=%.3f not_created=%d p50=%.2f p90=%.2f p99=%.2f max=%.2f\n",
    summary.requests, summary.duration / 1e6, refused + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
end

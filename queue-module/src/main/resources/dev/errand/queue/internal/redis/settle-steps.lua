-- Part of acknowledge-and-fetch: on a single server (ARGV[10] names the workflows' key prefix), the
-- outcomes of workflow steps' jobs are settled in their workflows in the call that acknowledges
-- the jobs, so that an outcome is recorded once, atomically with its acknowledgement, and the
-- worker need not hold the acknowledgement back for a settle of its own. On a cluster a workflow's
-- keys live in a slot of their own, ARGV[10] is '' and the worker settles before it acknowledges.
-- The steps a settle releases into this queue (ARGV[11], when it is not sharded) are added to it
-- here, so this call's fetch may lease them; the worker adds the others. Uses the script's format,
-- nowText, reply and replied, and queue-keys' and sorted-set-batch's keys and helpers.
--- @include "workflow-settle-function"
--- @include "workflow-mark-enqueued"
--- @include "job-fields"
local workflowPrefix, stepQueue = ARGV[10], ARGV[11]
local stepOutcomes = {} -- workflow id -> step, C or F, result or reason, ... (workflow-settle)
local stepWorkflows = {} -- the workflow ids in the order first seen

-- Notes the outcome of job id, when it is a workflow step's ('wf:<workflow>:<step>', as
-- WorkflowJobIds reads it: the workflow id holds no ':').
local function noteStep(id, kind, value)
  if workflowPrefix == '' or string.sub(id, 1, 3) ~= 'wf:' then
    return
  end
  local colon = string.find(id, ':', 4, true)
  if not colon then
    return
  end
  local workflow = string.sub(id, 4, colon - 1)
  local list = stepOutcomes[workflow]
  if not list then
    list = {}
    stepOutcomes[workflow] = list
    stepWorkflows[#stepWorkflows + 1] = workflow
  end
  list[#list + 1] = string.sub(id, colon + 1)
  list[#list + 1] = kind
  list[#list + 1] = value
end

-- Notes that the workflow released steps the worker is still to add to their queues; returns the
-- note, a member of its own so that finishing one release never ends another's note.
local function noteRelease(workflow)
  local n = redis.call('INCR', workflowPrefix .. ':workflows:releases')
  local note = workflow .. ':' .. n
  redis.call('ZADD', workflowPrefix .. ':workflows:releasing', nowText, note)
  return note
end

-- The fields of a spec (StepCodec) after its first line: id, queue, name, options, jobId,
-- priority and group (false for none), then the payload after the callback flag; nil for a spec
-- stored as JSON by an earlier version, or when a field before the payload holds a byte beyond
-- ASCII, whose length StepCodec counts in UTF-16 units: the worker adds those steps.
local function specFields(spec)
  local line = string.find(spec, '\n', 1, true)
  if string.sub(spec, 1, 1) ~= '~' or not line then
    return nil
  end
  local at = line + 1
  local fields = {}
  for k = 1, 7 do
    if string.sub(spec, at, at + 1) == '-,' then
      fields[k] = false
      at = at + 2
    else
      local colon = string.find(spec, ':', at, true)
      local length = colon and tonumber(string.sub(spec, at, colon - 1))
      if not length then
        return nil
      end
      local value = string.sub(spec, colon + 1, colon + length)
      if string.find(value, '[\128-\255]') then
        return nil
      end
      fields[k] = value
      at = colon + #value + 1
    end
  end
  return fields, string.sub(spec, at + 1)
end

-- Adds the jobs of the steps among specs that go to this queue, as add-jobs does (a step's job
-- has its own id, no delay and no deduplication; one already stored is left as it is), and marks
-- those steps enqueued in the workflow whose keys start with base, as workflow-enqueued does. Returns the specs of the others.
local function addStepsHere(base, specs)
  if stepQueue == '' or #specs == 0 then
    return specs
  end
  local others, here = {}, {}
  for _, spec in ipairs(specs) do
    local fields, payload = specFields(spec)
    if fields and fields[2] == stepQueue and fields[5] then
      here[#here + 1] = {fields, payload}
    else
      others[#others + 1] = spec
    end
  end
  if #here == 0 then
    return specs
  end
  local seq = redis.call('INCRBY', seqKey, #here) - #here
  local waiting = newBatch(waitKey)
  local added = {}
  for _, step in ipairs(here) do
    local fields, payload = step[1], step[2]
    local id, key = fields[5], jobKey(fields[5])
    if redis.call('EXISTS', key) == 0 then
      seq = seq + 1
      local score = format('%d', waitScoreBase(fields[6]) + seq)
      local job = newJobFields(fields[3], fields[4] or '', fields[6], fields[7] or '', 'waiting',
        nowText)
      job[2], job[4] = payload, score
      redis.call('HSET', key, unpack(job))
      batchPut(waiting, score, id)
    end
    added[#added + 1] = fields[1]
  end
  addBatch(waiting)
  markEnqueued(base .. 'state', base .. 'ready', added)
  return others
end

-- Settles the noted outcomes, each workflow's in one call of the settle, whose budget of edges is
-- the worker's first call's (WorkflowDriver): a step with thousands of dependents passes the
-- rest on in calls of the worker's, not in this one. Answers each workflow's part of the reply.
local function settleSteps()
  replied = replied + 1
  reply[replied] = #stepWorkflows
  for _, workflow in ipairs(stepWorkflows) do
    local list = stepOutcomes[workflow]
    local base = workflowPrefix .. ':wf:{' .. workflow .. '}:'
    local args = {base, tostring(math.min(500, 100 + 2 * (#list / 3)))}
    for k = 1, #list do
      args[k + 2] = list[k]
    end
    local result = settleWorkflow({base .. 'state'}, args)
    local specs, more = addStepsHere(base, result[1]), result[2]
    local note = ''
    if #specs > 0 or more == 1 then
      note = noteRelease(workflow)
    end
    reply[replied + 1], reply[replied + 2], reply[replied + 3] = workflow, more, note
    reply[replied + 4] = #specs
    replied = replied + 4
    for _, spec in ipairs(specs) do
      replied = replied + 1
      reply[replied] = spec
    end
  end
end

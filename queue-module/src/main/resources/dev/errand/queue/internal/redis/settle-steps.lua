-- Part of acknowledge-and-fetch: on a single server (ARGV[10] names the workflows' key prefix), the
-- outcomes of workflow steps' jobs are settled in their workflows in the call that acknowledges
-- the jobs, so that an outcome is recorded once, atomically with its acknowledgement, and the
-- worker need not hold the acknowledgement back for a settle of its own. On a cluster a workflow's
-- keys live in a slot of their own, ARGV[10] is '' and the worker settles before it acknowledges.
-- Uses the script's nowText, reply and replied.
--- @include "workflow-settle-function"
local workflowPrefix = ARGV[10]
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
    local specs, more = result[1], result[2]
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

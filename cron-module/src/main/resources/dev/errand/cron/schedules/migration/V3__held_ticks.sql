-- The tick a schedule holds as claimed ahead of its moment (epoch ms): claimed without counting its
-- run, until it is started at its moment (its run counted) or dropped by a change, pause or removal
-- of the schedule. NULL when it holds none.
ALTER TABLE ${prefix}schedule ADD COLUMN ahead_run bigint;

-- Ticks claimed but whose job is not known to be added yet: kept in the claim's own statement and
-- dropped once the job is added, so a tick claimed by an instance that dies before its add is taken
-- over by another when lease_until (epoch ms) has passed.
CREATE TABLE ${prefix}schedule_pending (
  id          text COLLATE "C" NOT NULL,
  tick        bigint NOT NULL,
  definition  text   NOT NULL,
  lease_until bigint NOT NULL,
  PRIMARY KEY (id, tick)
);
CREATE INDEX ${prefix}schedule_pending_lease ON ${prefix}schedule_pending (lease_until);

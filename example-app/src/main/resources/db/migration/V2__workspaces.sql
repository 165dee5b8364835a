-- Workspaces: a request acts in the one its X-Workspace header names ('default' without it), and
-- every job it adds carries that workspace to its handler, which checks it still exists.
CREATE TABLE workspaces (
  id   VARCHAR(64)  PRIMARY KEY,
  name VARCHAR(100) NOT NULL
);

INSERT INTO workspaces (id, name) VALUES ('default', 'Default workspace');

package dev.errand.devtools.internal.api;

import dev.errand.devtools.internal.http.Router;

/** One part of the dashboard's JSON API: health, queues or cron. */
public interface ApiSection {

  /** Adds this section's routes. */
  void register(Router router);
}

package dev.errand.architecture.readme.schedules;

import java.time.Instant;

/** A customer of the README's report example. */
record Customer(String id, String reportCron, String zone, Instant contractEnd) {}

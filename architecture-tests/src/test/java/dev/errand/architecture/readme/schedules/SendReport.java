package dev.errand.architecture.readme.schedules;

/** The payload of a report job. */
record SendReport(String customerId) {}

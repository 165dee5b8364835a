package dev.errand.cron;

import java.util.List;

/**
 * One page of {@link JobSchedules#list}.
 *
 * @param schedules the schedules of the page, ordered by id
 * @param nextAfter the id to pass as {@code after} for the next page, or null on the last page
 */
public record SchedulePage(List<ScheduleInfo> schedules, String nextAfter) {}

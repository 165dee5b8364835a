package dev.errand.queue;

import java.util.List;

/**
 * What {@link QueueAdmin#search} found.
 *
 * @param jobs the jobs whose payload contains the text, newest first within each state
 * @param scanned how many jobs were looked at
 * @param complete false when the search stopped at its bound (a full {@code limit}, or the
 *     backend's scan limit) before looking at every job, so more may match
 */
public record JobSearch(List<JobInfo> jobs, long scanned, boolean complete) {

  public JobSearch {
    jobs = List.copyOf(jobs);
  }
}

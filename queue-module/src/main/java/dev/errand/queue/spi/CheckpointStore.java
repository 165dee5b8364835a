package dev.errand.queue.spi;

import java.util.Map;

/**
 * Where a job's step checkpoints ({@link dev.errand.queue.JobContext#step}) are kept between its
 * runs, so a retried job skips the steps it finished. A backend offers one through {@link
 * QueueBackend#checkpoints()}. Entries outlive the job's retries and are dropped some days after
 * their last write.
 */
public interface CheckpointStore {

  /** The results (JSON) of job {@code jobId}'s finished steps, by step name. */
  Map<String, String> load(String queue, String jobId);

  /** Records that step {@code step} of job {@code jobId} finished with {@code resultJson}. */
  void save(String queue, String jobId, String step, String resultJson);
}

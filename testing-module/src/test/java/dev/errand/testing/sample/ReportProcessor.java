package dev.errand.testing.sample;

import dev.errand.queue.Job;
import dev.errand.queue.Process;
import jakarta.inject.Inject;

/** Exports reports, an hour after sign-up. */
@Job("reports")
final class ReportProcessor {

  private final Recorder recorder;

  @Inject
  ReportProcessor(Recorder recorder) {
    this.recorder = recorder;
  }

  @Process("export")
  void export(Jobs.Welcome data) {
    recorder.record("export " + data.email());
  }
}

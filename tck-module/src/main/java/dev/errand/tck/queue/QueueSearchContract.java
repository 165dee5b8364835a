package dev.errand.tck.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.errand.queue.JobInfo;
import dev.errand.queue.JobSearch;
import dev.errand.queue.JobState;
import dev.errand.queue.Retention;
import dev.errand.queue.spi.Ack;
import dev.errand.queue.spi.JobDraft;
import dev.errand.queue.spi.Lease;
import dev.errand.queue.spi.LeasedJob;
import dev.errand.queue.spi.RunInfo;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Payload search ({@code admin.search}): a job is found when its payload contains the text once
 * both are lower-cased as Java's {@code toLowerCase(Locale.ROOT)} does, whichever backend holds it
 * and however the backend matches (a Java loop, a Redis script, a PostgreSQL ILIKE). Driven through
 * the backend SPI. Subclass it with {@link #createBackend()}.
 */
public abstract class QueueSearchContract extends DrivenQueueContract {

  private static final Lease LEASE = new Lease("search-worker", Duration.ofSeconds(30), 1);

  protected QueueSearchContract() {
    super("search");
  }

  private JobSearch search(String text, int limit) {
    return backend.admin().search(queue, text, null, limit);
  }

  private List<String> found(String text) {
    return search(text, 50).jobs().stream().map(JobInfo::id).toList();
  }

  @Test
  void shouldFindJobsByPayloadTextIgnoringCase() {
    String ann = add("{\"email\":\"Ann@Example.com\"}");
    add("{\"email\":\"bob@example.com\"}");
    String sale = add("{\"code\":\"50%_off\",\"quote\":\"it's\"}");
    String done = add("{\"email\":\"ann@example.com\",\"n\":2}");
    List<LeasedJob> leased = backend.fetch(queue, LEASE, 1).jobs();
    assertThat(leased).extracting(LeasedJob::id).containsExactly(ann);
    RunInfo run = new RunInfo(Instant.now().minusMillis(1), Duration.ofMillis(1), "host-a/42");
    Ack complete = new Ack.Complete(ann, null, Retention.keepAll(), run);
    assertThat(backend.acknowledge(queue, LEASE.token(), List.of(complete))).isEmpty();

    var all = search("ANN@example", 50);
    assertThat(all.jobs()).extracting(JobInfo::id).containsExactlyInAnyOrder(ann, done);
    assertThat(all.complete()).isTrue();
    assertThat(all.scanned()).isGreaterThanOrEqualTo(2);

    var completed = backend.admin().search(queue, "ann@", JobState.COMPLETED, 50);
    assertThat(completed.jobs()).extracting(JobInfo::id).containsExactly(ann);
    assertThat(completed.jobs().get(0).state()).isEqualTo(JobState.COMPLETED);

    assertThat(found("50%_")).containsExactly(sale);
    assertThat(found("%")).containsExactly(sale);
    assertThat(found("it's")).containsExactly(sale);

    var limited = search("example", 1);
    assertThat(limited.jobs()).hasSize(1);
    assertThat(limited.complete()).isFalse();

    var none = search("nobody", 50);
    assertThat(none.jobs()).isEmpty();
    assertThat(none.complete()).isTrue();
  }

  @Test
  void shouldFoldLettersOutsideAsciiAsJavaDoes() {
    String anger = add("{\"note\":\"Ärger über die STRAẞE\"}");
    String plain = add("{\"note\":\"arger uber die strasse\"}");

    // Text outside ASCII, in either case.
    assertThat(found("ärger")).containsExactly(anger);
    assertThat(found("ÄRGER ÜBER")).containsExactly(anger);
    assertThat(found("straße")).containsExactly(anger);
    // ASCII text, in a payload with letters outside ASCII around it or not.
    assertThat(found("DIE")).containsExactlyInAnyOrder(anger, plain);
    assertThat(found("R ÜBER")).containsExactly(anger);
    assertThat(found("uber")).containsExactly(plain);
    // Lower-casing maps one letter to one: 'ß' is not "ss".
    assertThat(found("STRASSE")).containsExactly(plain);
  }

  @Test
  void shouldTakeTheKelvinSignForK() {
    // Java lower-cases the Kelvin sign (U+212A) into an ASCII 'k'.
    String sign = add("{\"unit\":\"\u212Aelvin\"}");
    String letter = add("{\"unit\":\"KELVIN\"}");
    add("{\"unit\":\"\u212A\",\"note\":\"elvish\"}");

    assertThat(found("kelvin")).containsExactlyInAnyOrder(sign, letter);
    assertThat(found("\u212AELVIN")).containsExactlyInAnyOrder(sign, letter);
    assertThat(found("nit\":\"k")).hasSize(3);

    var first = search("kelvin", 1);
    assertThat(first.jobs()).hasSize(1);
    assertThat(first.complete()).isFalse();
  }

  @Test
  void shouldAnswerWholeJobsWithTheirLogsAndDueTimes() {
    String logged = add("{\"tag\":\"W\u00e4nted-1\"}");
    backend.log(queue, logged, "looked at");
    add("{\"tag\":\"other\"}");
    Instant inAnHour = Instant.now().plus(Duration.ofHours(1)).truncatedTo(ChronoUnit.MILLIS);
    String payload = "{\"tag\":\"w\u00e4nted-2\"}";
    String delayed =
        backend.add(queue, List.of(new JobDraft("job", payload, null, null, 0, inAnHour))).get(0);

    // Text outside ASCII, which Redis matches in Java, and ASCII text, which it matches in a
    // script.
    for (String text : List.of("W\u00c4NTED", "NTED-")) {
      List<JobInfo> jobs = search(text, 50).jobs();

      assertThat(jobs).as(text).extracting(JobInfo::id).containsExactlyInAnyOrder(logged, delayed);
      JobInfo first = jobs.stream().filter(j -> j.id().equals(logged)).findFirst().orElseThrow();
      assertThat(first.logs()).as(text).containsExactly("looked at");
      assertThat(first.state()).as(text).isEqualTo(JobState.WAITING);
      assertThat(first.runsAt()).as(text).isNull();
      JobInfo later = jobs.stream().filter(j -> j.id().equals(delayed)).findFirst().orElseThrow();
      assertThat(later.state()).as(text).isEqualTo(JobState.DELAYED);
      // Redis turns a due time into a delay on its own clock: a millisecond may move.
      assertThat(later.runsAt()).as(text).isCloseTo(inAnHour, within(1, ChronoUnit.SECONDS));
    }
  }
}

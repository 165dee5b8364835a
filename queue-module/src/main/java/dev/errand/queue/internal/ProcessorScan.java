package dev.errand.queue.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.errand.core.ComponentScanner;
import dev.errand.core.ErrandStartupException;
import dev.errand.core.ScannedComponents;
import dev.errand.queue.Job;
import dev.errand.queue.Process;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the queue layer found in its packages and classes: the {@code @Job} components for Guice and
 * their handlers, checked. Every problem fails the application's build, before anything starts,
 * naming the method and the fix.
 *
 * @param components the processor classes, for Guice
 * @param registry their handlers by queue and job name
 * @param jobTypes the check of JobTypes against those handlers, for adds
 */
public record ProcessorScan(
    ScannedComponents components, HandlerRegistry registry, JobTypeCheck jobTypes) {

  private static final Logger log = LoggerFactory.getLogger("dev.errand.queue.QueueAdapter");

  /**
   * Scans {@code packages} (sub-packages included) and {@code classes} for {@code @Job} classes,
   * and for {@code static final JobType} constants, each checked against its handler here.
   *
   * @param sameHandlers queues consumed with the handlers of another, by that other queue
   * @param consumedElsewhere queues JobType constants may point at without a warning
   */
  public static ProcessorScan run(
      List<String> packages,
      Collection<Class<?>> classes,
      Map<String, List<String>> sameHandlers,
      Set<String> consumedElsewhere,
      ObjectMapper mapper) {
    try {
      ScannedComponents components =
          ComponentScanner.builder()
              .packages(packages.toArray(String[]::new))
              .classes(classes.toArray(Class<?>[]::new))
              .classAnnotation(Job.class)
              .methodAnnotation(Process.class)
              .scan();
      HandlerRegistry registry =
          HandlerRegistry.build(components, mapper).withSameHandlers(sameHandlers);
      components.dependencies();
      if (!packages.isEmpty() && registry.queues().isEmpty()) {
        log.warn(
            "QueueAdapter scanned {} and found no @Job class with a @Process method: check the"
                + " package names (sub-packages are scanned too)",
            packages);
      }
      JobTypeCheck jobTypes = new JobTypeCheck(registry, JobTypeConstants.find(packages, classes));
      List<String> misfits = jobTypes.constantProblems();
      if (!misfits.isEmpty()) {
        throw new IllegalArgumentException(
            "JobType constants that do not fit their handlers:\n  - "
                + String.join("\n  - ", misfits));
      }
      jobTypes.unconsumed(consumedElsewhere).forEach(log::warn);
      return new ProcessorScan(components, registry, jobTypes);
    } catch (IllegalArgumentException e) {
      throw new ErrandStartupException("QueueAdapter: " + e.getMessage(), e);
    }
  }
}

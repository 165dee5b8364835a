package dev.errand.core;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.AbstractList;
import java.util.Map;

/** A child JVM for the SIGTERM test: starts two adapters, journals to a file, waits forever. */
public final class SigtermMain {

  public static void main(String[] args) throws InterruptedException {
    Path file = Path.of(args[0]);
    FileJournal journal = new FileJournal(file);
    ErrandApp.builder()
        .settings(Settings.of(Map.of()))
        .adapters(new RecordingAdapter("Database", journal), new RecordingAdapter("Queue", journal))
        .start();
    Thread.currentThread().join();
  }

  /** A list whose add appends a line to a file, so the parent sees each call at once. */
  private static final class FileJournal extends AbstractList<String> {
    private final Path file;

    FileJournal(Path file) {
      this.file = file;
    }

    @Override
    public boolean add(String line) {
      try {
        Files.writeString(file, line + "\n", StandardOpenOption.APPEND);
        return true;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    public String get(int index) {
      throw new UnsupportedOperationException();
    }

    @Override
    public int size() {
      return 0;
    }
  }
}

package dev.errand.mailer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A file attached to a {@link Mail}: a file name, a content type, and either bytes held in memory
 * or a file read when the mail is sent.
 *
 * <pre>{@code
 * Attachment.of("invoice.pdf", "application/pdf", pdfBytes);
 * Attachment.fromFile(Path.of("reports/june.csv"));           // content type guessed
 * Attachment.fromFile(Path.of("reports/june.csv"), "text/csv");
 * }</pre>
 */
public final class Attachment {

  private static final Pattern CONTENT_TYPE =
      Pattern.compile("[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]*/[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]*");
  private static final String DEFAULT_TYPE = "application/octet-stream";

  private final String fileName;
  private final String contentType;
  private final byte[] bytes;
  private final Path file;

  private Attachment(String fileName, String contentType, byte[] bytes, Path file) {
    this.fileName = checkFileName(fileName);
    this.contentType = checkContentType(contentType, fileName);
    this.bytes = bytes;
    this.file = file;
  }

  /** An attachment held in memory; the bytes are copied. */
  public static Attachment of(String fileName, String contentType, byte[] bytes) {
    Objects.requireNonNull(bytes, "bytes");
    return new Attachment(fileName, contentType, bytes.clone(), null);
  }

  /** A file read at send time, with its content type guessed from its name. */
  public static Attachment fromFile(Path file) {
    Objects.requireNonNull(file, "file");
    String guessed;
    try {
      guessed = Files.probeContentType(file);
    } catch (IOException e) {
      guessed = null;
    }
    return fromFile(file, guessed == null ? DEFAULT_TYPE : guessed);
  }

  /** A file read at send time, with the given content type. */
  public static Attachment fromFile(Path file, String contentType) {
    Objects.requireNonNull(file, "file");
    Path name = file.getFileName();
    return new Attachment(name == null ? "" : name.toString(), contentType, null, file);
  }

  /** The name the recipient sees. */
  public String fileName() {
    return fileName;
  }

  /** The MIME type, e.g. {@code application/pdf}. */
  public String contentType() {
    return contentType;
  }

  /** The file this attachment reads, when it was made from one. */
  public Optional<Path> file() {
    return Optional.ofNullable(file);
  }

  /** The size in bytes; for a file, its current size on disk. */
  public long size() {
    if (bytes != null) {
      return bytes.length;
    }
    try {
      return Files.size(file);
    } catch (IOException e) {
      throw unreadable(e);
    }
  }

  /** The content (a copy for in-memory attachments; read from disk for files). */
  public byte[] bytes() {
    if (bytes != null) {
      return bytes.clone();
    }
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw unreadable(e);
    }
  }

  private UncheckedIOException unreadable(IOException e) {
    return new UncheckedIOException(
        "Attachment '" + fileName + "' cannot read its file " + file + ": " + e.getMessage(), e);
  }

  private static String checkFileName(String fileName) {
    Objects.requireNonNull(fileName, "fileName");
    if (fileName.isBlank()) {
      throw new InvalidMailException("an attachment needs a file name");
    }
    if (fileName.chars().anyMatch(c -> Character.isISOControl(c) || c == '/' || c == '\\')) {
      throw new InvalidMailException(
          "attachment file name '"
              + fileName.replaceAll("\\p{Cntrl}", "?")
              + "' contains a control character or path separator; use a plain file name");
    }
    return fileName;
  }

  private static String checkContentType(String contentType, String fileName) {
    Objects.requireNonNull(contentType, "contentType");
    String type = contentType.strip().toLowerCase(Locale.ROOT);
    if (!CONTENT_TYPE.matcher(type).matches()) {
      throw new InvalidMailException(
          "attachment '"
              + fileName
              + "' has the content type '"
              + contentType.replaceAll("\\p{Cntrl}", "?")
              + "'; use a MIME type such as application/pdf, without parameters");
    }
    return type;
  }

  @Override
  public String toString() {
    return fileName + " (" + contentType + ")";
  }
}

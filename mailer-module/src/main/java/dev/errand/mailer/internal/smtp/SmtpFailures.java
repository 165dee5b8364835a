package dev.errand.mailer.internal.smtp;

import dev.errand.mailer.MailException;
import dev.errand.mailer.MailerSettings;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLException;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;

/**
 * Turns Jakarta Mail's exceptions into {@link MailException}s that say what the server answered and
 * what to check. SMTP 4xx replies and network trouble are retryable; 5xx replies are not.
 */
final class SmtpFailures {

  private static final Pattern REPLY_CODE = Pattern.compile("^\\s*([2-5]\\d\\d)\\b");

  /** Guards against exception chains that loop back on themselves. */
  private static final int MAX_DEPTH = 16;

  private SmtpFailures() {}

  static MailException translate(MessagingException e, MailerSettings.Smtp smtp) {
    String server = smtp.host() + ":" + smtp.port();
    if (e instanceof AuthenticationFailedException) {
      int code = replyCode(e.getMessage());
      return failure(
          code,
          server
              + " refused the login for user '"
              + smtp.username().orElse("")
              + "': "
              + oneLine(e.getMessage())
              + "; check MAIL_SMTP_USERNAME and MAIL_SMTP_PASSWORD",
          false,
          e,
          smtp);
    }
    SMTPAddressFailedException address = find(e, SMTPAddressFailedException.class);
    if (address != null) {
      int code = address.getReturnCode();
      return failure(
          code,
          server
              + " refused the recipient "
              + address.getAddress()
              + ": "
              + oneLine(address.getMessage()),
          code >= 400 && code < 500,
          e,
          smtp);
    }
    SMTPSenderFailedException sender = find(e, SMTPSenderFailedException.class);
    if (sender != null) {
      int code = sender.getReturnCode();
      return failure(
          code,
          server
              + " refused the sender "
              + sender.getAddress()
              + ": "
              + oneLine(sender.getMessage()),
          code >= 400 && code < 500,
          e,
          smtp);
    }
    SMTPSendFailedException send = find(e, SMTPSendFailedException.class);
    if (send != null) {
      int code = send.getReturnCode();
      return failure(
          code,
          server + " refused the message: " + oneLine(send.getMessage()),
          code >= 400 && code < 500,
          e,
          smtp);
    }
    Throwable unreachable = find(e, ConnectException.class);
    if (unreachable == null) {
      unreachable = find(e, UnknownHostException.class);
    }
    if (unreachable != null) {
      return failure(
          -1,
          "cannot connect to "
              + server
              + " ("
              + unreachable
              + "); check that the server"
              + " runs and MAIL_SMTP_HOST and MAIL_SMTP_PORT are right",
          true,
          e,
          smtp);
    }
    SocketTimeoutException timeout = find(e, SocketTimeoutException.class);
    if (timeout != null) {
      return failure(
          -1,
          server
              + " timed out ("
              + timeout.getMessage()
              + "); raise"
              + " MAIL_CONNECT_TIMEOUT or MAIL_READ_TIMEOUT if the server is slow",
          true,
          e,
          smtp);
    }
    SSLException tls = find(e, SSLException.class);
    if (tls != null) {
      return failure(
          -1,
          "TLS with "
              + server
              + " failed ("
              + tls.getMessage()
              + "); check"
              + " MAIL_SMTP_TLS and MAIL_SMTP_PORT",
          false,
          e,
          smtp);
    }
    if (String.valueOf(e.getMessage()).contains("STARTTLS is required")) {
      return failure(
          -1,
          server
              + " does not offer STARTTLS, which MAIL_SMTP_TLS=starttls requires; use a server"
              + " that does, MAIL_SMTP_TLS=implicit, or none for a local relay only",
          false,
          e,
          smtp);
    }
    int code = replyCode(e.getMessage());
    return failure(
        code, server + ": " + oneLine(String.valueOf(e.getMessage())), code < 500, e, smtp);
  }

  private static MailException failure(
      int code, String reason, boolean retryable, Throwable cause, MailerSettings.Smtp smtp) {
    String safe = reason;
    if (smtp.password().isPresent() && !smtp.password().get().isEmpty()) {
      safe = safe.replace(smtp.password().get(), "****");
    }
    return new MailException("smtp", code, safe, retryable, cause);
  }

  private static int replyCode(String message) {
    if (message == null) {
      return -1;
    }
    Matcher m = REPLY_CODE.matcher(message);
    return m.find() ? Integer.parseInt(m.group(1)) : -1;
  }

  private static <T extends Throwable> T find(Throwable e, Class<T> type) {
    Throwable t = e;
    for (int depth = 0; t != null && depth < MAX_DEPTH; depth++, t = next(t)) {
      if (type.isInstance(t)) {
        return type.cast(t);
      }
    }
    return null;
  }

  private static Throwable next(Throwable t) {
    if (t instanceof MessagingException m && m.getNextException() != null) {
      return m.getNextException();
    }
    return t.getCause();
  }

  private static String oneLine(String message) {
    return message == null ? "" : message.strip().replaceAll("\\s*[\\r\\n]+\\s*", " ");
  }
}
